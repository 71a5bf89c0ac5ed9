// Drawing of presentation mode (presentation_mode.h [SECTION] drawing): the headline strip, the pair's three
// views, the step caption. Sizes come from presentationFontSizes(framebuffer height), so the same layout
// reads from the back of a room at 1920 x 1080 and still fits a laptop window.
#include "app/ui/app_state.h"
#include "app/ui/panels/presentation_mode.h"
#include "app/ui/panels/stitching_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cfloat>
#include <string>

namespace lb::ui {

namespace {

constexpr int kPresentationViewId = 1 << 24;  // PlotCanvas keys of the presentation's views (the grid's are small)

struct Fonts {
    ImFont* body = nullptr;
    ImFont* headline = nullptr;
    PresentationFontSizes px;
};

ImVec2 textSize(ImFont* f, float px, const std::string& s) {
    return f->CalcTextSizeA(px, FLT_MAX, 0.0f, s.c_str());
}

std::string numberText(const std::optional<double>& v, HeadlineNumber which, const PanelContext& ctx) {
    if (!v) return ctx.dash();
    if (which == HeadlineNumber::K) return std::to_string(static_cast<long long>(std::lround(*v)));
    return formatPercent(*v);
}

// Feeds the counting numbers with the matrix's values for the pair (they count when a value changes).
void updateNumbers(const AppState& st, PresentationState& p, const StitchingPanelState& stitching, double now) {
    const auto values = headlineValues(st, stitching, p);
    for (size_t i = 0; i < values.size(); ++i) p.numbers[i].set(values[i], now);
}

void emptyView(const std::string& text, ImVec2 size, const Fonts& f) {
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(70, 70, 82, 255), 0, 0, 2.0f);
    const float wrap = size.x * 0.8f;
    const ImVec2 ts = f.body->CalcTextSizeA(f.px.body, FLT_MAX, wrap, text.c_str());
    dl->AddText(f.body, f.px.body, ImVec2(p0.x + (size.x - ts.x) * 0.5f, p0.y + (size.y - ts.y) * 0.5f),
                IM_COL32(175, 175, 190, 255), text.c_str(), nullptr, wrap);
}

// One large view: a title line, then the scatter widget without toolbar or axes (zoom and pan still work;
// clicks do not edit anchors here).
void drawView(AppState& st, ScatterViewState& state, int viewId, const ViewCell* cell, const std::string& title,
              ImU32 titleColor, const std::string& empty, ImVec2 size, const Fonts& f) {
    ImGui::BeginGroup();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddText(f.body, f.px.body, p0, titleColor, title.c_str());
    ImGui::Dummy(ImVec2(size.x, f.px.body * 1.3f));
    const ImVec2 plot(size.x, size.y - f.px.body * 1.3f - ImGui::GetStyle().ItemSpacing.y);
    if (!cell || !cell->ready) {
        emptyView(empty, plot, f);
    } else {
        ScatterViewStyle style;
        style.viewId = viewId;
        style.showAxes = false;
        style.showToolbar = false;
        ImGui::PushID(viewId);
        const ScatterEvents ev = drawScatterView("view", state, cell->points, cell->overlay, st.canvas, plot, style);
        if (ev.animating) requestGlideFrame(st, ev.nextFrameSeconds);
        ImGui::PopID();
    }
    ImGui::EndGroup();
}

// The strip: absolute -> relative -> translated, then native, chance and K; label over value, centred in
// equal columns.
float drawHeadline(AppState& st, PresentationState& p, const StitchingPanelState& stitching, const Fonts& f,
                   const PanelContext& ctx, double now) {
    const PresentationPair pair = presentationPair(st, p);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 o = ImGui::GetCursorScreenPos();
    const float w = ImGui::GetContentRegionAvail().x;
    // Line 1: what is measured, and where in the story we are.
    std::string what = "Zero-shot stitching";
    if (pair.source >= 0)
        what += ":  " + st.session.space(static_cast<size_t>(pair.source)).name + " encoder" + ctx.arrow() +
                st.session.space(static_cast<size_t>(pair.target)).name + " head";
    dl->AddText(f.body, f.px.body, o, IM_COL32(200, 205, 220, 255), what.c_str());
    const int steps = static_cast<int>(storySteps().size());
    std::string where = p.story.step >= 0 ? "Step " + std::to_string(p.story.step + 1) + " / " + std::to_string(steps)
                                          : std::string("Your anchors");
    if (stitching.job.running() || stitching.resultKey != stitchingInputsKey(st))
        where = std::string("updating") + ctx.ellipsis() + "   " + where;
    const ImVec2 ws = textSize(f.body, f.px.body, where);
    dl->AddText(f.body, f.px.body, ImVec2(o.x + w - ws.x, o.y), IM_COL32(255, 214, 90, 255), where.c_str());

    struct Column {
        HeadlineNumber which;
        const char* label;
        ImU32 color;
    };
    const Column cols[kHeadlineNumbers] = {
        {HeadlineNumber::Absolute, "absolute", IM_COL32(240, 120, 100, 255)},
        {HeadlineNumber::Relative, "relative", IM_COL32(110, 195, 255, 255)},
        {HeadlineNumber::Translated, "translated", IM_COL32(130, 225, 140, 255)},
        {HeadlineNumber::Native, "native", IM_COL32(235, 235, 240, 255)},
        {HeadlineNumber::Chance, "chance", IM_COL32(165, 165, 175, 255)},
        {HeadlineNumber::K, "K anchors", IM_COL32(255, 214, 90, 255)},
    };
    const float top = o.y + f.px.body * 1.6f, colW = w / kHeadlineNumbers;
    for (int i = 0; i < kHeadlineNumbers; ++i) {
        const Column& c = cols[i];
        const float cx = o.x + colW * (static_cast<float>(i) + 0.5f);
        const std::string label = c.label;
        const ImVec2 ls = textSize(f.body, f.px.body, label);
        dl->AddText(f.body, f.px.body, ImVec2(cx - ls.x * 0.5f, top), c.color, label.c_str());
        const std::string value = numberText(p.numbers[static_cast<size_t>(c.which)].value(now), c.which, ctx);
        const ImVec2 vs = textSize(f.headline, f.px.headline, value);
        dl->AddText(f.headline, f.px.headline, ImVec2(cx - vs.x * 0.5f, top + f.px.body * 1.15f), c.color,
                    value.c_str());
        // Arrows between the three routes; a rule before the references (native, chance, K).
        const float midY = top + f.px.body * 1.15f + f.px.headline * 0.5f;
        const float edge = o.x + colW * static_cast<float>(i + 1);
        if (i < 2) {
            const std::string arrow = ctx.unicode() ? "\xe2\x86\x92" : ">";
            const ImVec2 as = textSize(f.headline, f.px.headline, arrow);
            dl->AddText(f.headline, f.px.headline, ImVec2(edge - as.x * 0.5f, midY - as.y * 0.5f),
                        IM_COL32(150, 150, 165, 255), arrow.c_str());
        } else if (i == 2) {
            dl->AddLine(ImVec2(edge, top), ImVec2(edge, top + f.px.body * 1.15f + f.px.headline),
                        IM_COL32(90, 90, 105, 255), 2.0f);
        }
    }
    const float height = f.px.body * 1.6f + f.px.body * 1.15f + f.px.headline * 1.15f;
    ImGui::Dummy(ImVec2(w, height));
    recordItem(st, "presentation.headline");
    return height;
}

std::string emptyTranslatedText(const AppState& st, const PresentationPair& pair) {
    if (st.session.anchors().size() < 2)
        return "No shared anchors: nothing tells " + st.session.space(static_cast<size_t>(pair.source)).name +
               " where its points belong in " + st.session.space(static_cast<size_t>(pair.target)).name + ".";
    return "Translating...";
}

}  // namespace

void drawPresentationScreen(AppState& st, PresentationState& p, const StitchingPanelState& stitching,
                            const PanelContext& ctx) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const ImGuiIO& io = ImGui::GetIO();
    const double now = ImGui::GetTime();
    Fonts f;
    f.body = ctx.presentationFont ? ctx.presentationFont : ImGui::GetFont();
    f.headline = ctx.headlineFont ? ctx.headlineFont : f.body;
    // Sizes from the framebuffer's pixels, drawn in ImGui's (logical) units.
    const float fbScale = std::max(io.DisplayFramebufferScale.y, 1.0f);
    p.fonts = presentationFontSizes(vp->Size.y * fbScale);
    f.px = {p.fonts.body / fbScale, p.fonts.caption / fbScale, p.fonts.headline / fbScale};
    updateNumbers(st, p, stitching, now);
    for (const CountingNumber& n : p.numbers)
        if (n.animating(now)) requestFrameWithin(st, 0.0);  // keep frames coming while numbers count

    ImGui::SetNextWindowPos(vp->Pos);
    ImGui::SetNextWindowSize(vp->Size);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    const float pad = f.px.body * 0.8f;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad * 0.7f));
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(pad, pad * 0.5f));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(16, 17, 22, 255));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollWithMouse |
                                   ImGuiWindowFlags_NoFocusOnAppearing;
    ImGui::Begin("##presentation", nullptr, flags);
    ImGui::PopStyleColor();
    ImGui::PopStyleVar(3);
    ImGui::PushFont(f.body);
    ImGui::SetWindowFontScale(f.px.body / f.body->FontSize);

    const PresentationPair pair = presentationPair(st, p);
    if (pair.source < 0 || static_cast<size_t>(std::max(pair.source, pair.target)) >= st.views.size()) {
        ImGui::TextWrapped("%s", st.loadsInFlight > 0 ? "Loading..."
                                                      : "Presentation mode shows a source and a target space: "
                                                        "open two or more spaces (F11 returns to the app).");
        ImGui::PopFont();
        ImGui::End();
        return;
    }
    drawHeadline(st, p, stitching, f, ctx, now);

    // The caption and key line at the bottom take their height first; the views get the rest.
    const float wrapW = ImGui::GetContentRegionAvail().x;
    const char* caption = p.story.step >= 0 ? storySteps()[static_cast<size_t>(p.story.step)].caption
                                            : "Press 1 (or the right arrow) to start the story; 0 gives your own "
                                              "anchors back.";
    const ImVec2 capSize = f.body->CalcTextSizeA(f.px.caption, FLT_MAX, wrapW, caption);
    const float hintPx = std::max(13.0f, f.px.body * 0.62f);
    const float bottom = capSize.y + hintPx * 1.4f + pad;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float viewsH = std::max(120.0f, avail.y - bottom);
    const std::string& srcName = st.session.space(static_cast<size_t>(pair.source)).name;
    const std::string& tgtName = st.session.space(static_cast<size_t>(pair.target)).name;
    const SpaceViews& sv = st.views[static_cast<size_t>(pair.source)];
    const SpaceViews& tv = st.views[static_cast<size_t>(pair.target)];
    // The target in its own PCA basis: the reference's translated cell is that plane (the basis every
    // translated view is drawn in); its absolute cell until it exists.
    const ViewCell* target =
        tv.cell(ViewKind::Translated).ready ? &tv.cell(ViewKind::Translated) : &tv.cell(ViewKind::Absolute);
    const ViewCell* translated = &sv.cell(ViewKind::Translated);
    const std::string intoTitle = srcName + " translated into " + tgtName;
    p.fullSize = p.morphing || (p.morphs > 0 && now - (p.morphStart + p.morphSeconds) < p.morphHoldSeconds);
    if (p.fullSize) {
        drawView(st, p.morphView, kPresentationViewId + 3, translated,
                 srcName + ": its own layout" + ctx.arrow() + "translated into " + tgtName,
                 IM_COL32(130, 225, 140, 255), "", ImVec2(avail.x, viewsH), f);
        recordItem(st, "presentation.morph");
        requestFrameWithin(st, 0.0);  // the hold ends on a frame of its own
    } else {
        const float gap = ImGui::GetStyle().ItemSpacing.x;
        const float w = (avail.x - 2 * gap) / 3.0f;
        const ImVec2 size(w, std::min(viewsH, w * 1.05f + f.px.body * 1.3f));
        // Centre the row vertically in the space the views may take.
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + std::max(0.0f, (viewsH - size.y) * 0.5f));
        drawView(st, p.views[0], kPresentationViewId, &sv.cell(ViewKind::Absolute), srcName + " (source)",
                 IM_COL32(220, 220, 230, 255), "Computing PCA...", size, f);
        recordItem(st, "presentation.source");
        ImGui::SameLine();
        drawView(st, p.views[1], kPresentationViewId + 1, target, tgtName + " (target)", IM_COL32(220, 220, 230, 255),
                 "Computing PCA...", size, f);
        recordItem(st, "presentation.target");
        ImGui::SameLine();
        if (p.showGallery && p.gallery) {
            ImGui::BeginGroup();
            p.gallery(st, size);
            ImGui::EndGroup();
            recordItem(st, "presentation.gallery");
        } else {
            drawView(st, p.views[2], kPresentationViewId + 2, translated, intoTitle, IM_COL32(130, 225, 140, 255),
                     emptyTranslatedText(st, pair), size, f);
            recordItem(st, "presentation.translated");
        }
        ImGui::SetCursorPosY(ImGui::GetWindowHeight() - bottom - pad * 0.7f);
    }
    // Caption, then the keys in small dim text.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 c0 = ImGui::GetCursorScreenPos();
    dl->AddText(f.body, f.px.caption, c0, IM_COL32(240, 240, 245, 255), caption, nullptr, wrapW);
    std::string keys = "1-4 / arrows: story    Home: restart    0: your anchors    M: morph    F11: exit";
    if (p.gallery) keys += "    G: gallery";
    if (!p.morphNote.empty()) keys = p.morphNote;
    dl->AddText(f.body, hintPx, ImVec2(c0.x, c0.y + capSize.y + hintPx * 0.4f), IM_COL32(120, 120, 135, 255),
                keys.c_str());
    ImGui::Dummy(ImVec2(wrapW, capSize.y + hintPx * 1.4f));
    recordItem(st, "presentation.caption");
    ImGui::PopFont();
    ImGui::End();
}

nlohmann::json presentationReport(const AppState& st, const PresentationState& p) {
    const double now = ImGui::GetCurrentContext() ? ImGui::GetTime() : 0.0;
    nlohmann::json numbers = nlohmann::json::object(), shown = nlohmann::json::object();
    const char* names[kHeadlineNumbers] = {"absolute", "relative", "translated", "native", "chance", "k"};
    for (int i = 0; i < kHeadlineNumbers; ++i) {
        const CountingNumber& n = p.numbers[static_cast<size_t>(i)];
        numbers[names[i]] = n.target() ? nlohmann::json(*n.target()) : nlohmann::json();
        shown[names[i]] = n.value(now) ? nlohmann::json(*n.value(now)) : nlohmann::json();
    }
    const PresentationPair pair = presentationPair(st, p);
    return {{"applied", p.applied},
            {"morphing", p.morphing},
            {"morphs", p.morphs},
            {"full_size", p.fullSize},
            {"story_step", p.story.step},
            {"story_k", p.story.step >= 0 ? storySteps()[static_cast<size_t>(p.story.step)].k : -1},
            {"story_holding", p.story.holding},
            {"story_transitions", p.story.transitions},
            {"gliding", p.stepTween.active},
            {"source", pair.source},
            {"target", pair.target},
            {"numbers", numbers},
            {"numbers_shown", shown},
            {"font_px", {{"body", p.fonts.body}, {"caption", p.fonts.caption}, {"headline", p.fonts.headline}}}};
}

}  // namespace lb::ui
