// [SECTION] coordinate helpers   [SECTION] input   [SECTION] drawing (image, selection shapes, axes)
#include "app/ui/widgets/scatter_view.h"

#include "app/ui/widgets/easing.h"

#include "app/raster/class_palette.h"
#include "app/ui/widgets/flow_layout.h"

#include <imgui_internal.h>  // SetItemUsingMouseWheel (1.86): keep the wheel from scrolling the window

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

namespace lb::ui {

// -----------------------------------------------------------------------------------------------------
// [SECTION] coordinate helpers
// -----------------------------------------------------------------------------------------------------

ImVec2 dataToScreen(const PlotViewport& vp, ImVec2 size, ImVec2 origin, float x, float y) {
    return ImVec2(origin.x + (x - vp.centerX) * vp.scale + size.x * 0.5f,
                  origin.y + size.y * 0.5f - (y - vp.centerY) * vp.scale);
}

ImVec2 screenToData(const PlotViewport& vp, ImVec2 size, ImVec2 origin, ImVec2 s) {
    return ImVec2(vp.centerX + (s.x - origin.x - size.x * 0.5f) / vp.scale,
                  vp.centerY - (s.y - origin.y - size.y * 0.5f) / vp.scale);
}

void fitScatterView(ScatterViewState& state, ImVec2 canvasSize, float margin) {
    state.viewport = fittedViewport(state.index->bounds(), canvasSize, margin);
}

PlotViewport fittedViewport(const DataRect& b, ImVec2 canvasSize, float margin) {
    if (!b.valid() || canvasSize.x < 1 || canvasSize.y < 1) return PlotViewport{};
    float w = b.maxX - b.minX, h = b.maxY - b.minY;
    // One point or a line: fall back to the other extent, then to one unit around the point.
    if (w <= 0 && h <= 0) w = h = std::max(1e-6f, std::max(std::fabs(b.minX), std::fabs(b.minY)) * 0.1f);
    if (w <= 0) w = h;
    if (h <= 0) h = w;
    const float usable = std::clamp(1.0f - 2.0f * margin, 0.1f, 1.0f);
    PlotViewport vp;
    vp.centerX = 0.5f * (b.minX + b.maxX);
    vp.centerY = 0.5f * (b.minY + b.maxY);
    vp.scale = std::min(canvasSize.x * usable / w, canvasSize.y * usable / h);
    return vp;
}

bool frameStillSuits(const PlotViewport& now, const DataRect& b, ImVec2 canvasSize, float margin) {
    // The points may shrink to 1 / kLeastFill of a fit's size before the frame is refitted.
    constexpr float kLeastFill = 0.85f;
    if (!b.valid() || !(now.scale > 0)) return false;
    const PlotViewport fit = fittedViewport(b, canvasSize, margin);
    if (!(now.scale >= kLeastFill * fit.scale)) return false;
    const ImVec2 lo = dataToScreen(now, canvasSize, ImVec2(0, 0), b.minX, b.maxY);
    const ImVec2 hi = dataToScreen(now, canvasSize, ImVec2(0, 0), b.maxX, b.minY);
    return lo.x >= 0 && lo.y >= 0 && hi.x <= canvasSize.x && hi.y <= canvasSize.y;
}

namespace {

constexpr float kMinScale = 1e-20f, kMaxScale = 1e20f;

PointFilter filterFor(const PlotPoints& points, const PlotOverlay& overlay) {
    PointFilter f;
    if (!overlay.hiddenClasses.empty() && points.colorIndex.size() == points.size()) {
        f.classes = points.colorIndex.data();
        f.hidden = &overlay.hiddenClasses;
    }
    return f;
}

// One step of a re-fit glide (ScatterViewState::fitStartTime); ends it when done or when the user moved.
void glideTowardsFit(ScatterViewState& st, const ScatterViewStyle& style, ScatterEvents& ev) {
    if (st.userMoved) {
        st.fitStartTime = -1;
        return;
    }
    const double t = (ImGui::GetTime() - st.fitStartTime) / style.fitSeconds;
    if (t >= 1.0 || !(st.fitFrom.scale > 0) || !(st.fitTo.scale > 0)) {
        st.viewport = st.fitTo;
        st.fitStartTime = -1;
    } else {
        const float e = static_cast<float>(easeInOut(t));
        st.viewport.centerX = st.fitFrom.centerX + (st.fitTo.centerX - st.fitFrom.centerX) * e;
        st.viewport.centerY = st.fitFrom.centerY + (st.fitTo.centerY - st.fitFrom.centerY) * e;
        // Zoom geometrically: a 100x change looks as even as a 2x one.
        st.viewport.scale = st.fitFrom.scale * std::pow(st.fitTo.scale / st.fitFrom.scale, e);
        ev.animating = true;
        ev.nextFrameSeconds = glideFrameSpacing(st.renderSeconds);
    }
    ev.viewportChanged = true;
}

// -----------------------------------------------------------------------------------------------------
// [SECTION] input
// -----------------------------------------------------------------------------------------------------

struct Frame {  // what every input step needs
    ImVec2 origin, size;
    const PlotPoints& points;
    const PlotOverlay& overlay;
    const ScatterViewStyle& style;
};

int64_t pickAt(const ScatterViewState& st, const Frame& f, ImVec2 mouse) {
    const ImVec2 d = screenToData(st.viewport, f.size, f.origin, mouse);
    return st.index->nearest(d.x, d.y, f.style.pickRadiusPx / st.viewport.scale, filterFor(f.points, f.overlay));
}

void zoomAround(ScatterViewState& st, const Frame& f, ImVec2 mouse, float wheel) {
    const ImVec2 anchor = screenToData(st.viewport, f.size, f.origin, mouse);
    const float s = std::clamp(st.viewport.scale * std::pow(f.style.zoomStep, wheel), kMinScale, kMaxScale);
    // Keep the data point under the cursor where it is: solve the pixel mapping for the centre.
    st.viewport.scale = s;
    st.viewport.centerX = anchor.x - (mouse.x - f.origin.x - f.size.x * 0.5f) / s;
    st.viewport.centerY = anchor.y + (mouse.y - f.origin.y - f.size.y * 0.5f) / s;
}

void beginDrag(ScatterViewState& st, const Frame& f, int button, ImVec2 mouse) {
    const ImGuiIO& io = ImGui::GetIO();
    st.dragButton = button;
    st.dragMoved = false;
    st.dragStartData = st.dragCurrentData = screenToData(st.viewport, f.size, f.origin, mouse);
    st.lasso.clear();
    st.pressOnDoubleClick = button == ImGuiMouseButton_Left && io.MouseDoubleClicked[ImGuiMouseButton_Left];
    if (button != ImGuiMouseButton_Left)
        st.drag = ScatterViewState::Drag::Pan;
    else if (io.KeyShift)
        st.drag = ScatterViewState::Drag::Box;
    else if (io.KeyAlt)
        st.drag = ScatterViewState::Drag::Lasso;
    else if (st.mode == ScatterMode::Box)
        st.drag = ScatterViewState::Drag::Box;
    else if (st.mode == ScatterMode::Lasso)
        st.drag = ScatterViewState::Drag::Lasso;
    else
        st.drag = ScatterViewState::Drag::Pan;
    if (st.drag == ScatterViewState::Drag::Lasso) {
        st.lasso.push_back(st.dragStartData.x);
        st.lasso.push_back(st.dragStartData.y);
    }
}

void continueDrag(ScatterViewState& st, const Frame& f, ImVec2 mouse, ScatterEvents& ev) {
    const ImGuiIO& io = ImGui::GetIO();
    if (!st.dragMoved && ImGui::IsMouseDragging(st.dragButton)) st.dragMoved = true;
    if (!st.dragMoved) return;
    using Drag = ScatterViewState::Drag;
    if (st.drag == Drag::Pan) {
        if (io.MouseDelta.x != 0 || io.MouseDelta.y != 0) {
            st.viewport.centerX -= io.MouseDelta.x / st.viewport.scale;
            st.viewport.centerY += io.MouseDelta.y / st.viewport.scale;
            st.userMoved = true;
            ev.viewportChanged = true;
        }
        return;
    }
    st.dragCurrentData = screenToData(st.viewport, f.size, f.origin, mouse);
    if (st.drag == Drag::Lasso) {
        // Add a vertex every ~3 px of mouse travel: smooth outline, few vertices for the PIP test.
        const size_t m = st.lasso.size();
        const ImVec2 last = dataToScreen(st.viewport, f.size, f.origin, st.lasso[m - 2], st.lasso[m - 1]);
        const float dx = mouse.x - last.x, dy = mouse.y - last.y;
        if (dx * dx + dy * dy >= 9.0f) {
            st.lasso.push_back(st.dragCurrentData.x);
            st.lasso.push_back(st.dragCurrentData.y);
        }
    }
}

void endDrag(ScatterViewState& st, const Frame& f, ImVec2 mouse, ScatterEvents& ev) {
    using Drag = ScatterViewState::Drag;
    const PointFilter filter = filterFor(f.points, f.overlay);
    if (!st.dragMoved) {
        if (st.dragButton == ImGuiMouseButton_Left) {
            const int64_t hit = pickAt(st, f, mouse);
            if (hit >= 0) {
                if (!st.pressOnDoubleClick) ev.clicked = hit;
            } else if (st.pressOnDoubleClick) {
                st.fitPending = true;
            } else {
                ev.selectionChanged = true;  // click on empty space clears the selection
            }
        }
    } else if (st.drag == Drag::Box) {
        const ImVec2 a = st.dragStartData, b = screenToData(st.viewport, f.size, f.origin, mouse);
        ev.selection = st.index->inRect(
            DataRect{std::min(a.x, b.x), std::min(a.y, b.y), std::max(a.x, b.x), std::max(a.y, b.y)}, filter);
        ev.selectionChanged = true;
    } else if (st.drag == Drag::Lasso) {
        const ImVec2 b = screenToData(st.viewport, f.size, f.origin, mouse);
        st.lasso.push_back(b.x);
        st.lasso.push_back(b.y);
        ev.selection = st.index->inPolygon(st.lasso, filter);
        ev.selectionChanged = true;
    }
    st.drag = Drag::None;
    st.dragButton = -1;
    st.lasso.clear();
}

void handleInput(ScatterViewState& st, const Frame& f, bool hovered, ScatterEvents& ev) {
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 mouse = io.MousePos;
    if (hovered && io.MouseWheel != 0.0f && st.drag == ScatterViewState::Drag::None) {
        zoomAround(st, f, mouse, io.MouseWheel);
        st.userMoved = true;
        ev.viewportChanged = true;
    }
    if (st.drag == ScatterViewState::Drag::None && hovered) {
        for (int button : {ImGuiMouseButton_Left, ImGuiMouseButton_Right, ImGuiMouseButton_Middle}) {
            if (ImGui::IsMouseClicked(button)) {
                beginDrag(st, f, button, mouse);
                break;
            }
        }
    }
    if (st.drag != ScatterViewState::Drag::None) {
        if (ImGui::IsMouseDown(st.dragButton))
            continueDrag(st, f, mouse, ev);
        else
            endDrag(st, f, mouse, ev);
    }
    if (hovered && (st.drag == ScatterViewState::Drag::None || !st.dragMoved)) ev.hovered = pickAt(st, f, mouse);
}

// -----------------------------------------------------------------------------------------------------
// [SECTION] drawing
// -----------------------------------------------------------------------------------------------------

// 1, 2 or 5 times a power of ten, close to `raw`.
double niceStep(double raw) {
    const double p = std::pow(10.0, std::floor(std::log10(raw)));
    const double m = raw / p;
    return (m < 1.5 ? 1.0 : m < 3.5 ? 2.0 : m < 7.5 ? 5.0 : 10.0) * p;
}

void formatTick(char* buf, size_t n, double v, double step) {
    if (std::fabs(v) < step * 1e-6) v = 0.0;  // avoid "-0" and 1e-17 residues
    const int decimals = step >= 1.0 ? 0 : std::min(12, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
    if (std::fabs(v) >= 1e6 || (std::fabs(v) > 0 && std::fabs(v) < 1e-4))
        std::snprintf(buf, n, "%.3g", v);
    else
        std::snprintf(buf, n, "%.*f", decimals, v);
}

void drawAxes(ImDrawList* dl, const PlotViewport& vp, ImVec2 origin, ImVec2 size) {
    const ImU32 tickColor = IM_COL32(200, 200, 210, 160), textColor = IM_COL32(210, 210, 220, 200);
    const float fontH = ImGui::GetFontSize();
    const ImVec2 lo = screenToData(vp, size, origin, ImVec2(origin.x, origin.y + size.y));
    const ImVec2 hi = screenToData(vp, size, origin, ImVec2(origin.x + size.x, origin.y));
    char buf[32];
    // x axis: ticks along the bottom edge, numbers just above them, in a row from xRowTop down.
    const float xRowTop = origin.y + size.y - 8 - fontH;
    const double sx = niceStep((hi.x - lo.x) / std::max(2.0f, size.x / 90.0f));
    if (std::isfinite(sx) && sx > 0) {
        for (double v = std::ceil(lo.x / sx) * sx; v <= hi.x; v += sx) {
            const float px = dataToScreen(vp, size, origin, static_cast<float>(v), 0).x;
            dl->AddLine(ImVec2(px, origin.y + size.y), ImVec2(px, origin.y + size.y - 6), tickColor);
            formatTick(buf, sizeof buf, v, sx);
            const float tw = ImGui::CalcTextSize(buf).x;
            // Centered on its tick, but kept inside the view: a tick near an edge would lose its digits to the clip.
            const float tx =
                std::clamp(px - tw * 0.5f, origin.x + 2, std::max(origin.x + 2, origin.x + size.x - tw - 2));
            dl->AddText(ImVec2(tx, xRowTop), textColor, buf);
        }
    }
    // y axis: ticks along the left edge, numbers to their right.
    const double sy = niceStep((hi.y - lo.y) / std::max(2.0f, size.y / 70.0f));
    if (std::isfinite(sy) && sy > 0) {
        for (double v = std::ceil(lo.y / sy) * sy; v <= hi.y; v += sy) {
            const float py = dataToScreen(vp, size, origin, 0, static_cast<float>(v)).y;
            dl->AddLine(ImVec2(origin.x, py), ImVec2(origin.x + 6, py), tickColor);
            formatTick(buf, sizeof buf, v, sy);
            const float ty =
                std::clamp(py - fontH * 0.5f, origin.y + 2, std::max(origin.y + 2, origin.y + size.y - fontH - 2));
            // A number that would reach into the x numbers' row is left out (its tick stays): near the bottom-left
            // corner it would be written over the leftmost x number.
            if (std::isfinite(sx) && sx > 0 && ty + fontH > xRowTop) continue;
            dl->AddText(ImVec2(origin.x + 8, ty), textColor, buf);
        }
    }
}

void drawSelectionShape(ImDrawList* dl, const ScatterViewState& st, ImVec2 origin, ImVec2 size) {
    using Drag = ScatterViewState::Drag;
    const Rgba8 sel = selectionColor();
    const ImU32 line = IM_COL32(sel.r, sel.g, sel.b, 230), fill = IM_COL32(sel.r, sel.g, sel.b, 40);
    if (st.drag == Drag::Box && st.dragMoved) {
        const ImVec2 a = dataToScreen(st.viewport, size, origin, st.dragStartData.x, st.dragStartData.y);
        const ImVec2 b = dataToScreen(st.viewport, size, origin, st.dragCurrentData.x, st.dragCurrentData.y);
        const ImVec2 mn(std::min(a.x, b.x), std::min(a.y, b.y)), mx(std::max(a.x, b.x), std::max(a.y, b.y));
        dl->AddRectFilled(mn, mx, fill);
        dl->AddRect(mn, mx, line, 0.0f, 0, 1.5f);
    } else if (st.drag == Drag::Lasso && st.lasso.size() >= 4) {
        std::vector<ImVec2> pts;
        pts.reserve(st.lasso.size() / 2 + 1);
        for (size_t i = 0; i + 1 < st.lasso.size(); i += 2)
            pts.push_back(dataToScreen(st.viewport, size, origin, st.lasso[i], st.lasso[i + 1]));
        pts.push_back(ImGui::GetIO().MousePos);
        dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), line, ImDrawFlags_Closed, 1.5f);
    }
}

// The view's toolbar: Fit, then the drag mode as three radio buttons, or as a combo when the view is narrower
// than the radio buttons (a 1280 × 800 window gives each of the 9 views ~170 px): the toolbar never widens the
// view's column, which pushed the grid's third column out of sight.
void drawToolbar(ScatterViewState& st, float width, bool stale) {
    // The points changed while the user's zoom was kept: the button says so, highlighted.
    if (stale) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    if (ImGui::SmallButton(stale ? "Re-fit" : "Fit")) st.fitPending = true;
    if (stale) ImGui::PopStyleColor();
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(stale ? "The points changed since you zoomed or panned: fit them (F fits every view)"
                                : "Fit all points (or double-click empty space; F fits every view)");
    const char* names[] = {"Pan", "Box", "Lasso"};
    const char* tips[] = {"Left drag pans", "Left drag selects a box (or shift + drag in any mode)",
                          "Left drag draws a lasso (or alt + drag in any mode)"};
    const ImGuiStyle& style = ImGui::GetStyle();
    float radios = 0;
    for (const char* name : names) radios += style.ItemSpacing.x + radioButtonWidth(name);
    const float used = ImGui::GetItemRectSize().x;
    int mode = static_cast<int>(st.mode);
    if (used + radios <= width) {
        for (int m = 0; m < 3; ++m) {
            ImGui::SameLine();
            if (ImGui::RadioButton(names[m], mode == m)) st.mode = static_cast<ScatterMode>(m);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tips[m]);
        }
        return;
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(std::max(ImGui::GetFrameHeight() * 2.0f, width - used - style.ItemSpacing.x));
    if (ImGui::Combo("##mode", &mode, names, 3)) st.mode = static_cast<ScatterMode>(mode);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tips[mode]);
}

}  // namespace

double glideFrameSpacing(double renderSeconds) {
    constexpr double kSlowestStep = 1.0 / 15.0;  // a glide of fitSeconds still shows a few steps
    return std::clamp(3.0 * renderSeconds, 0.0, kSlowestStep);
}

ScatterEvents drawScatterView(const char* id, ScatterViewState& st, const PlotPoints& points,
                              const PlotOverlay& overlay, PlotCanvas& canvas, ImVec2 size,
                              const ScatterViewStyle& style) {
    ScatterEvents ev;
    ImGui::PushID(id);
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (size.x <= 0) size.x = avail.x;
    if (size.y <= 0) size.y = avail.y;
    if (style.showToolbar) {
        drawToolbar(st, size.x, st.userMoved && st.fittedVersion != points.version);
        size.y -= ImGui::GetFrameHeightWithSpacing();
    }
    const ImVec2 canvasSize(std::max(32.0f, std::floor(size.x)), std::max(32.0f, std::floor(size.y)));

    // The index follows the points; new points are fitted once (unless the app turned that off).
    const size_t n = std::min(points.size(), points.xy.size() / 2);
    if (st.indexVersion != points.version || st.index->size() != n) {
        if (points.index && points.indexedVersion == points.version && points.index->size() == n) {
            st.index = points.index;
        } else {
            auto built = std::make_shared<PointGridIndex>();
            built->build(points.xy.data(), n);
            st.index = std::move(built);
        }
        st.indexVersion = points.version;
    }
    // New points refit the view, unless it still frames them well (an anchor edit moves the points a little: they
    // move, the axes stay). A fit the user asked for (Fit, double click, F) always happens.
    if (st.autoFitOnNewPoints && !st.userMoved && st.fittedVersion != points.version && !st.fitPending) {
        if (st.fittedVersion != UINT64_MAX &&
            frameStillSuits(st.viewport, st.index->bounds(), canvasSize, style.fitMargin))
            st.fittedVersion = points.version;
        else
            st.fitPending = true;
    }
    if (st.fitPending) {
        const PlotViewport before = st.viewport;
        const bool glide = style.fitSeconds > 0 && st.fittedVersion != UINT64_MAX;  // not the first fit
        fitScatterView(st, canvasSize, style.fitMargin);
        if (glide && !(st.viewport == before)) {
            st.fitFrom = before;
            st.fitTo = st.viewport;
            st.viewport = before;
            st.fitStartTime = ImGui::GetTime();
        }
        st.fitPending = false;
        st.userMoved = false;
        st.fittedVersion = points.version;
        ev.viewportChanged = true;
    }
    if (st.fitStartTime >= 0) glideTowardsFit(st, style, ev);

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(
        "canvas", canvasSize,
        ImGuiButtonFlags_MouseButtonLeft | ImGuiButtonFlags_MouseButtonRight | ImGuiButtonFlags_MouseButtonMiddle);
    ImGui::SetItemUsingMouseWheel();
    const bool hovered = ImGui::IsItemHovered();
    st.canvasOrigin = origin;
    st.canvasSize = canvasSize;
    const Frame frame{origin, canvasSize, points, overlay, style};
    handleInput(st, frame, hovered, ev);
    ev.canvasHovered = hovered;
    if (hovered) ev.mouseData = screenToData(st.viewport, canvasSize, origin, ImGui::GetIO().MousePos);

    // Pixels: the canvas redraws only what changed; we always draw what it returns.
    const auto renderStart = std::chrono::steady_clock::now();
    const ImTextureID tex = canvas.render(style.viewId, points, overlay, st.viewport, static_cast<int>(canvasSize.x),
                                          static_cast<int>(canvasSize.y));
    st.renderSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - renderStart).count();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 end(origin.x + canvasSize.x, origin.y + canvasSize.y);
    if (tex) {
        dl->AddImage(tex, origin, end);
    } else {
        const Rgba8 bg = plotBackground();
        dl->AddRectFilled(origin, end, IM_COL32(bg.r, bg.g, bg.b, bg.a));
    }
    dl->PushClipRect(origin, end, true);
    if (style.showAxes) drawAxes(dl, st.viewport, origin, canvasSize);
    drawSelectionShape(dl, st, origin, canvasSize);
    dl->PopClipRect();
    dl->AddRect(origin, end, IM_COL32(90, 90, 100, 255));
    ImGui::PopID();
    return ev;
}

}  // namespace lb::ui
