// [SECTION] GL state guard   [SECTION] per-view resources   [SECTION] base layer   [SECTION] overlay
#include "app/gfx/gl_plot_canvas.h"

#include "app/gfx/gl_check.h"
#include "app/gfx/shader_program.h"
#include "app/raster/class_palette.h"
#include "app/raster/image_diff.h"
#include "app/raster/point_splat.h"

#include <algorithm>
#include <cstdint>
#include <deque>

namespace lb::gfx {

using ui::kUnlabeled;

namespace {

// -----------------------------------------------------------------------------------------------------
// [SECTION] GL state guard
// -----------------------------------------------------------------------------------------------------

// render() runs in the middle of building an ImGui frame, before the app clears the window and before the
// ImGui backend draws. The backend sets and restores only its own state, so everything we touch is put
// back here (a scissor test left on would, for instance, clip the app's glClear).
class GlStateGuard {
   public:
    GlStateGuard() {
        glGetIntegerv(GL_DRAW_FRAMEBUFFER_BINDING, &m_drawFbo);
        glGetIntegerv(GL_READ_FRAMEBUFFER_BINDING, &m_readFbo);
        glGetIntegerv(GL_VIEWPORT, m_viewport);
        glGetIntegerv(GL_CURRENT_PROGRAM, &m_program);
        glGetIntegerv(GL_VERTEX_ARRAY_BINDING, &m_vao);
        glGetIntegerv(GL_ARRAY_BUFFER_BINDING, &m_arrayBuffer);
        glGetIntegerv(GL_ACTIVE_TEXTURE, &m_activeTexture);
        glActiveTexture(GL_TEXTURE0);
        glGetIntegerv(GL_TEXTURE_BINDING_2D, &m_texture);
        glGetIntegerv(GL_UNPACK_ALIGNMENT, &m_unpackAlignment);
        m_blend = glIsEnabled(GL_BLEND);
        m_scissor = glIsEnabled(GL_SCISSOR_TEST);
        m_depth = glIsEnabled(GL_DEPTH_TEST);
        m_cull = glIsEnabled(GL_CULL_FACE);
        m_stencil = glIsEnabled(GL_STENCIL_TEST);
        m_pointSize = glIsEnabled(GL_PROGRAM_POINT_SIZE);
        glGetIntegerv(GL_BLEND_SRC_RGB, &m_blendSrcRgb);
        glGetIntegerv(GL_BLEND_DST_RGB, &m_blendDstRgb);
        glGetIntegerv(GL_BLEND_SRC_ALPHA, &m_blendSrcAlpha);
        glGetIntegerv(GL_BLEND_DST_ALPHA, &m_blendDstAlpha);
        glGetFloatv(GL_COLOR_CLEAR_VALUE, m_clear);
    }
    ~GlStateGuard() {
        glBindFramebuffer(GL_DRAW_FRAMEBUFFER, static_cast<GLuint>(m_drawFbo));
        glBindFramebuffer(GL_READ_FRAMEBUFFER, static_cast<GLuint>(m_readFbo));
        glViewport(m_viewport[0], m_viewport[1], m_viewport[2], m_viewport[3]);
        glUseProgram(static_cast<GLuint>(m_program));
        glBindVertexArray(static_cast<GLuint>(m_vao));
        glBindBuffer(GL_ARRAY_BUFFER, static_cast<GLuint>(m_arrayBuffer));
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, static_cast<GLuint>(m_texture));
        glActiveTexture(static_cast<GLenum>(m_activeTexture));
        glPixelStorei(GL_UNPACK_ALIGNMENT, m_unpackAlignment);
        set(GL_BLEND, m_blend);
        set(GL_SCISSOR_TEST, m_scissor);
        set(GL_DEPTH_TEST, m_depth);
        set(GL_CULL_FACE, m_cull);
        set(GL_STENCIL_TEST, m_stencil);
        set(GL_PROGRAM_POINT_SIZE, m_pointSize);
        glBlendFuncSeparate(static_cast<GLenum>(m_blendSrcRgb), static_cast<GLenum>(m_blendDstRgb),
                            static_cast<GLenum>(m_blendSrcAlpha), static_cast<GLenum>(m_blendDstAlpha));
        glClearColor(m_clear[0], m_clear[1], m_clear[2], m_clear[3]);
        LB_GL_CHECK();
    }
    GlStateGuard(const GlStateGuard&) = delete;
    GlStateGuard& operator=(const GlStateGuard&) = delete;

   private:
    static void set(GLenum cap, GLboolean on) { on ? glEnable(cap) : glDisable(cap); }
    GLint m_drawFbo = 0, m_readFbo = 0, m_viewport[4] = {0, 0, 0, 0}, m_program = 0, m_vao = 0, m_arrayBuffer = 0;
    GLint m_activeTexture = GL_TEXTURE0, m_texture = 0, m_unpackAlignment = 4;
    GLint m_blendSrcRgb = GL_ONE, m_blendDstRgb = GL_ZERO, m_blendSrcAlpha = GL_ONE, m_blendDstAlpha = GL_ZERO;
    GLboolean m_blend = GL_FALSE, m_scissor = GL_FALSE, m_depth = GL_FALSE, m_cull = GL_FALSE;
    GLboolean m_stencil = GL_FALSE, m_pointSize = GL_FALSE;
    GLfloat m_clear[4] = {0, 0, 0, 0};
};

// The fixed state our passes rely on, set on every redraw.
void setDrawState(GLuint fbo, int width, int height) {
    glBindFramebuffer(GL_FRAMEBUFFER, fbo);
    glViewport(0, 0, width, height);
    glDisable(GL_SCISSOR_TEST);
    glDisable(GL_DEPTH_TEST);
    glDisable(GL_CULL_FACE);
    glDisable(GL_STENCIL_TEST);
    glEnable(GL_PROGRAM_POINT_SIZE);
    glEnable(GL_BLEND);
    glBlendEquation(GL_FUNC_ADD);
    // Straight alpha for colour; alpha accumulates so the texture stays opaque where the background is.
    glBlendFuncSeparate(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA, GL_ONE, GL_ONE_MINUS_SRC_ALPHA);
    glColorMask(GL_TRUE, GL_TRUE, GL_TRUE, GL_TRUE);
}

void makeColorTarget(GlTexture& tex, GlFramebuffer& fbo, int width, int height) {
    tex = GlTexture::create();
    glBindTexture(GL_TEXTURE_2D, tex.id());
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
    // Shown 1:1 by ImGui::Image: nearest keeps points crisp at integer positions.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    fbo = GlFramebuffer::create();
    glBindFramebuffer(GL_FRAMEBUFFER, fbo.id());
    glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, tex.id(), 0);
    LB_GL_CHECK();
}

void clearToBackground() {
    const ui::Rgba8 bg = ui::plotBackground();
    glClearColor(bg.r / 255.0f, bg.g / 255.0f, bg.b / 255.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
}

}  // namespace

// -----------------------------------------------------------------------------------------------------
// [SECTION] per-view resources
// -----------------------------------------------------------------------------------------------------

// A vertex array of points for shaders/points.vert: positions (2 floats) and class ids (uint16) in two buffers,
// created on the first upload. The view's points and its overlay markers each have one.
struct PlotPointBuffers {
    GlVertexArray vao;
    GlBuffer xy, cls;

    // n points: xy (2n floats), classes (n ids). usage: GL_STATIC_DRAW for points kept across frames,
    // GL_STREAM_DRAW for markers rebuilt with each overlay.
    void upload(const float* xyData, const uint16_t* classes, size_t n, GLenum usage) {
        if (!vao) {
            vao = GlVertexArray::create();
            xy = GlBuffer::create();
            cls = GlBuffer::create();
            glBindVertexArray(vao.id());
            glBindBuffer(GL_ARRAY_BUFFER, xy.id());
            glEnableVertexAttribArray(0);
            glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
            glBindBuffer(GL_ARRAY_BUFFER, cls.id());
            glEnableVertexAttribArray(1);
            glVertexAttribIPointer(1, 1, GL_UNSIGNED_SHORT, 0, nullptr);
        }
        glBindBuffer(GL_ARRAY_BUFFER, xy.id());
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(n * 2 * sizeof(float)), xyData, usage);
        glBindBuffer(GL_ARRAY_BUFFER, cls.id());
        glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(n * sizeof(uint16_t)), classes, usage);
    }
};

struct GlPlotCanvas::View {
    int width = 0, height = 0;
    GlTexture baseTex, finalTex;
    GlFramebuffer baseFbo, finalFbo;

    PlotPointBuffers points;
    size_t pointCount = 0;
    uint64_t pointsVersion = UINT64_MAX;
    uint32_t classCount = 0;  // max labelled class id + 1

    GlTexture palette;
    std::vector<bool> paletteHidden;
    bool paletteValid = false;

    PlotPointBuffers markers;

    bool baseValid = false, finalValid = false, density = false;
    ui::PlotViewport baseViewport;
    std::vector<bool> baseHidden;
    uint64_t overlayVersion = UINT64_MAX;
    uint64_t finalRedraws = 0;  // the version of finalTex's pixels (textureVersion)

    ui::DensityBins bins;
    std::vector<uint32_t> rgba;         // the base layer, when drawn on the CPU
    ui::SplatScratch splatScratch;      // splatPoints' working planes for this view's size
    std::vector<uint32_t> overlayRgba;  // the base with the markers, when they are drawn on the CPU
    std::vector<uint32_t> shownRgba;    // the CPU image in finalTex, compared with the next (empty: unknown)
    // The last redraws of finalTex, oldest first: the version each one made (finalRedraws) and the pixels it
    // changed (changedSince).
    struct Change {
        uint64_t version = 0;
        ui::PixelRect pixels;
    };
    std::deque<Change> changes;
};

Result<std::unique_ptr<GlPlotCanvas>> GlPlotCanvas::create(const GlPlotCanvasOptions& options) {
    Result<GlProgram> program = buildEmbeddedProgram("points.vert", "points.frag");
    if (!program) return program.error();
    std::unique_ptr<GlPlotCanvas> canvas(new GlPlotCanvas());
    canvas->m_options = options;
    canvas->m_pointProgram = std::move(program).value();
    return canvas;
}

GlPlotCanvas::~GlPlotCanvas() = default;

void GlPlotCanvas::release(int viewId) {
    m_views.erase(viewId);
}

bool GlPlotCanvas::isDensity(int viewId) const {
    const auto it = m_views.find(viewId);
    return it != m_views.end() && it->second->density;
}

void GlPlotCanvas::resize(View& v, int width, int height) {
    makeColorTarget(v.baseTex, v.baseFbo, width, height);
    makeColorTarget(v.finalTex, v.finalFbo, width, height);
    v.width = width;
    v.height = height;
    v.baseValid = v.finalValid = false;
    v.shownRgba.clear();  // the new texture holds nothing yet
}

void GlPlotCanvas::uploadPoints(View& v, const ui::PlotPoints& points) {
    const size_t n = std::min(points.xy.size() / 2, points.colorIndex.size());
    v.points.upload(points.xy.data(), points.colorIndex.data(), n, GL_STATIC_DRAW);
    uint32_t classes = 0;
    for (size_t i = 0; i < n; ++i)
        if (points.colorIndex[i] != kUnlabeled) classes = std::max<uint32_t>(classes, points.colorIndex[i] + 1u);
    if (classes != v.classCount) v.paletteValid = false;
    v.classCount = classes;
    v.pointCount = n;
    v.pointsVersion = points.version;
    v.baseValid = v.finalValid = false;
    ++m_stats.pointUploads;
    LB_GL_CHECK();
}

void GlPlotCanvas::uploadPalette(View& v, const std::vector<bool>& hidden) {
    // 256 classes per row keeps the texture within GL 3.3's guaranteed 1024 x 1024 for all 65535 ids.
    const int rows = static_cast<int>(v.classCount / 256 + 1);
    std::vector<ui::Rgba8> texels(static_cast<size_t>(rows) * 256);
    for (uint32_t c = 0; c < v.classCount; ++c) {
        texels[c] = ui::classColor(static_cast<uint16_t>(c));
        if (c < hidden.size() && hidden[c]) texels[c].a = 0;
    }
    if (!v.palette) v.palette = GlTexture::create();
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, v.palette.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, 256, rows, 0, GL_RGBA, GL_UNSIGNED_BYTE, texels.data());
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    v.paletteHidden = hidden;
    v.paletteValid = true;
    LB_GL_CHECK();
}

ImTextureID GlPlotCanvas::render(int viewId, const ui::PlotPoints& points, const ui::PlotOverlay& overlay,
                                 const ui::PlotViewport& viewport, int width, int height) {
    ++m_stats.renderCalls;
    width = std::clamp(width, 1, 8192);
    height = std::clamp(height, 1, 8192);
    std::unique_ptr<View>& slot = m_views[viewId];
    if (!slot) slot = std::make_unique<View>();
    View& v = *slot;
    const bool pointsChanged = v.pointsVersion != points.version;
    const bool sizeChanged = v.width != width || v.height != height;
    const bool hiddenChanged = v.baseHidden != overlay.hiddenClasses;
    const bool viewportChanged = !(v.baseViewport == viewport);
    const bool overlayChanged = v.overlayVersion != overlay.version;
    if (v.baseValid && v.finalValid && !pointsChanged && !sizeChanged && !hiddenChanged && !viewportChanged &&
        !overlayChanged)
        return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(v.finalTex.id()));

    GlStateGuard guard;
    if (sizeChanged) resize(v, width, height);
    if (pointsChanged) uploadPoints(v, points);
    if (!v.paletteValid || v.paletteHidden != overlay.hiddenClasses) uploadPalette(v, overlay.hiddenClasses);
    if (!v.baseValid || hiddenChanged || viewportChanged) drawBase(v, points, overlay, viewport);
    drawOverlay(v, points, overlay, viewport);
    return reinterpret_cast<ImTextureID>(static_cast<intptr_t>(v.finalTex.id()));
}

const GlPlotCanvas::View* GlPlotCanvas::viewShowing(ImTextureID texture) const {
    const auto id = static_cast<GLuint>(reinterpret_cast<intptr_t>(texture));
    for (const auto& [viewId, v] : m_views)
        if (v && v->finalTex && v->finalTex.id() == id) return v.get();
    return nullptr;
}

uint64_t GlPlotCanvas::textureVersion(ImTextureID texture) const {
    const View* v = viewShowing(texture);
    return v ? v->finalRedraws : ui::kUnversionedTexture;
}

std::optional<ui::TextureRegion> GlPlotCanvas::changedSince(ImTextureID texture, uint64_t since) const {
    const View* v = viewShowing(texture);
    if (!v || v->width <= 0 || v->height <= 0) return std::nullopt;
    if (since >= v->finalRedraws) return ui::TextureRegion{0, 0, 0, 0};
    // Every redraw after `since` must still be in the list: the oldest kept is at most since + 1.
    if (v->changes.empty() || v->changes.front().version > since + 1) return std::nullopt;
    ui::PixelRect box;
    for (const View::Change& c : v->changes) {
        if (c.version <= since || c.pixels.empty()) continue;
        box = box.empty() ? c.pixels
                          : ui::PixelRect{std::min(box.x0, c.pixels.x0), std::min(box.y0, c.pixels.y0),
                                          std::max(box.x1, c.pixels.x1), std::max(box.y1, c.pixels.y1)};
    }
    if (box.empty()) return ui::TextureRegion{0, 0, 0, 0};
    const auto w = static_cast<float>(v->width), h = static_cast<float>(v->height);
    return ui::TextureRegion{static_cast<float>(box.x0) / w, static_cast<float>(box.y0) / h,
                             static_cast<float>(box.x1) / w, static_cast<float>(box.y1) / h};
}

void GlPlotCanvas::recordChange(View& v, const ui::PixelRect& pixels) {
    constexpr size_t kChangesKept = 8;
    ++v.finalRedraws;
    v.changes.push_back({v.finalRedraws, pixels});
    while (v.changes.size() > kChangesKept) v.changes.pop_front();
}

// -----------------------------------------------------------------------------------------------------
// [SECTION] base layer: all points, or the density image
// -----------------------------------------------------------------------------------------------------

void GlPlotCanvas::usePointProgram(const View& v, const ui::PlotViewport& vp, float size, float ringWidth,
                                   const float ring[4], float fillAlpha, bool showHidden) {
    const GLuint p = m_pointProgram.id();
    glUseProgram(p);
    glUniform2f(glGetUniformLocation(p, "uCenter"), vp.centerX, vp.centerY);
    glUniform2f(glGetUniformLocation(p, "uScale2"), 2.0f * vp.scale / v.width, 2.0f * vp.scale / v.height);
    glUniform1f(glGetUniformLocation(p, "uPointSize"), size);
    glUniform1f(glGetUniformLocation(p, "uRingWidth"), ringWidth);
    glUniform4fv(glGetUniformLocation(p, "uRingColor"), 1, ring);
    glUniform1f(glGetUniformLocation(p, "uFillAlpha"), fillAlpha);
    glUniform1i(glGetUniformLocation(p, "uShowHidden"), showHidden ? 1 : 0);
    const ui::Rgba8 u = ui::classColor(kUnlabeled);
    glUniform4f(glGetUniformLocation(p, "uUnlabeled"), u.r / 255.0f, u.g / 255.0f, u.b / 255.0f, 1.0f);
    glUniform1i(glGetUniformLocation(p, "uPalette"), 0);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D, v.palette.id());
}

void GlPlotCanvas::drawBase(View& v, const ui::PlotPoints& points, const ui::PlotOverlay& overlay,
                            const ui::PlotViewport& vp) {
    bool density = m_options.mode == PlotRenderMode::Density;
    if (m_options.mode == PlotRenderMode::Auto)
        density = ui::countVisiblePoints(points, overlay.hiddenClasses, vp, v.width, v.height,
                                         m_options.pointBudget + 1) > m_options.pointBudget;
    // A CPU image (density, or points splatted on the CPU): row 0 is the top row, as in the point pass (which
    // flips y).
    // With cpuPoints the markers are splatted over v.rgba too and only the final image is uploaded.
    auto upload = [this, &v] {
        if (m_options.cpuPoints) return;
        glActiveTexture(GL_TEXTURE0);
        glBindTexture(GL_TEXTURE_2D, v.baseTex.id());
        glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, v.width, v.height, GL_RGBA, GL_UNSIGNED_BYTE, v.rgba.data());
    };
    if (density) {
        ui::binPoints(points, overlay.hiddenClasses, vp, v.width, v.height, v.bins, m_options.binThreads);
        ui::colorDensity(v.bins, v.rgba);
        upload();
        ++m_stats.densityRedraws;
    } else if (m_options.cpuPoints) {
        ui::splatPoints(points, overlay.hiddenClasses, vp, v.width, v.height, m_options.pointSize, v.rgba,
                        v.splatScratch);
        upload();
        ++m_stats.cpuPointRedraws;
    } else {
        setDrawState(v.baseFbo.id(), v.width, v.height);
        clearToBackground();
        const float noRing[4] = {0, 0, 0, 0};
        usePointProgram(v, vp, m_options.pointSize, 0.0f, noRing, 1.0f, false);
        glBindVertexArray(v.points.vao.id());
        glDrawArrays(GL_POINTS, 0, static_cast<GLsizei>(v.pointCount));
    }
    v.density = density;
    v.baseValid = true;
    v.finalValid = false;
    v.baseViewport = vp;
    v.baseHidden = overlay.hiddenClasses;
    ++m_stats.baseRedraws;
    LB_GL_CHECK();
}

// -----------------------------------------------------------------------------------------------------
// [SECTION] overlay: selection, anchors and hover as markers over a copy of the base layer
// -----------------------------------------------------------------------------------------------------

void GlPlotCanvas::drawOverlay(View& v, const ui::PlotPoints& points, const ui::PlotOverlay& overlay,
                               const ui::PlotViewport& vp) {
    if (m_options.cpuPoints) {
        // Under software rasterizers the base is a CPU image (density or splatted points): the markers are
        // splatted over a copy of it and uploaded, instead of a blit and GL points, which cost more under
        // llvmpipe.
        v.overlayRgba = v.rgba;
        ui::splatMarkers(points, overlay, vp, v.width, v.height, m_options.pointSize, v.overlayRgba);
        // Only the pixels that differ from the image already in the texture are uploaded (and redrawn on
        // screen: changedSince): a new anchor or a hovered sample changes a few rings, not the view.
        const size_t n = static_cast<size_t>(v.width) * static_cast<size_t>(v.height);
        const ui::PixelRect box = v.shownRgba.size() == n && v.overlayRgba.size() == n
                                      ? ui::changedPixels(v.shownRgba.data(), v.overlayRgba.data(), v.width, v.height)
                                      : ui::PixelRect{0, 0, v.width, v.height};
        if (!box.empty()) {
            glActiveTexture(GL_TEXTURE0);
            glBindTexture(GL_TEXTURE_2D, v.finalTex.id());
            glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
            glPixelStorei(GL_UNPACK_ROW_LENGTH, v.width);
            glTexSubImage2D(GL_TEXTURE_2D, 0, box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0, GL_RGBA,
                            GL_UNSIGNED_BYTE, v.overlayRgba.data() + static_cast<size_t>(box.y0) * v.width + box.x0);
            glPixelStorei(GL_UNPACK_ROW_LENGTH, 0);
        }
        std::swap(v.shownRgba, v.overlayRgba);
        recordChange(v, box);
    } else {
        drawGlMarkers(v, points, overlay, vp);
        v.shownRgba.clear();
        recordChange(v, ui::PixelRect{0, 0, v.width, v.height});
    }
    v.overlayVersion = overlay.version;
    v.finalValid = true;
    ++m_stats.overlayRedraws;
    LB_GL_CHECK();
}

void GlPlotCanvas::drawGlMarkers(View& v, const ui::PlotPoints& points, const ui::PlotOverlay& overlay,
                                 const ui::PlotViewport& vp) {
    // Gather marker positions in draw order: selection, fresh anchors, anchors, discovered anchors, hovered (on top).
    std::vector<float> xy;
    std::vector<uint16_t> cls;
    auto gather = [&](const std::vector<int64_t>& rows) {
        int added = 0;
        for (int64_t r : rows) {
            if (r < 0 || static_cast<size_t>(r) >= v.pointCount) continue;
            xy.push_back(points.xy[2 * static_cast<size_t>(r)]);
            xy.push_back(points.xy[2 * static_cast<size_t>(r) + 1]);
            cls.push_back(points.colorIndex[static_cast<size_t>(r)]);
            ++added;
        }
        return added;
    };
    const int numSelected = gather(overlay.selected);
    const int numFresh = overlay.freshGlow > 0.0f ? gather(overlay.fresh) : 0;
    const int numAnchors = gather(overlay.anchors);
    const int numDiscovered = gather(overlay.discovered);
    const int numHovered = overlay.hovered >= 0 ? gather({overlay.hovered}) : 0;

    glBindFramebuffer(GL_READ_FRAMEBUFFER, v.baseFbo.id());
    glBindFramebuffer(GL_DRAW_FRAMEBUFFER, v.finalFbo.id());
    glDisable(GL_SCISSOR_TEST);
    glBlitFramebuffer(0, 0, v.width, v.height, 0, 0, v.width, v.height, GL_COLOR_BUFFER_BIT, GL_NEAREST);
    if (cls.empty()) return;
    v.markers.upload(xy.data(), cls.data(), cls.size(), GL_STREAM_DRAW);
    setDrawState(v.finalFbo.id(), v.width, v.height);
    glBindVertexArray(v.markers.vao.id());
    // The passes of ui::markerPasses, each over its rows' range of the marker buffer.
    for (const ui::MarkerPass& pass : ui::markerPasses(m_options.pointSize, static_cast<size_t>(numAnchors),
                                                       overlay.freshGlow, static_cast<size_t>(numDiscovered))) {
        usePointProgram(v, vp, pass.size, pass.ringWidth, pass.ringColor, pass.fillAlpha, pass.showHidden);
        // The marker buffer holds selected, fresh, anchors, discovered, hovered rows in that order.
        const int anchorsEnd = numSelected + numFresh + numAnchors;
        switch (pass.rows) {
            case ui::MarkerPass::Rows::Selected: glDrawArrays(GL_POINTS, 0, numSelected); break;
            case ui::MarkerPass::Rows::Fresh: glDrawArrays(GL_POINTS, numSelected, numFresh); break;
            case ui::MarkerPass::Rows::Anchors: glDrawArrays(GL_POINTS, numSelected + numFresh, numAnchors); break;
            case ui::MarkerPass::Rows::Discovered: glDrawArrays(GL_POINTS, anchorsEnd, numDiscovered); break;
            case ui::MarkerPass::Rows::Hovered: glDrawArrays(GL_POINTS, anchorsEnd + numDiscovered, numHovered); break;
        }
    }
}

}  // namespace lb::gfx
