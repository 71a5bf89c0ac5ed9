#include "app/ui/widgets/stitching_gallery_view.h"

#include "app/raster/class_palette.h"
#include "app/ui/widgets/thumbnail.h"

#include <algorithm>
#include <cmath>

namespace lb::ui {

std::string galleryColumnName(const StitchingGallery& g, GalleryColumn c, size_t translated) {
    switch (c) {
        case GalleryColumn::Absolute: return "absolute";
        case GalleryColumn::Relative: return "relative";
        case GalleryColumn::Native: return "native";
        case GalleryColumn::Translated: break;
    }
    return translated < g.methods.size() ? translationMethodName(g.methods[translated]) : "translated";
}

int32_t galleryPrediction(const StitchingGallery& g, const GallerySample& s, GalleryColumn c, size_t translated) {
    switch (c) {
        case GalleryColumn::Absolute: return s.absolute;
        case GalleryColumn::Relative: return s.relative;
        case GalleryColumn::Native: return s.native;
        case GalleryColumn::Translated: break;
    }
    return translated < g.methods.size() && translated < s.translated.size() ? s.translated[translated] : -1;
}

namespace {

constexpr ImU32 kRightFill = IM_COL32(25, 95, 45, 255), kRightEdge = IM_COL32(70, 215, 110, 255);
constexpr ImU32 kWrongFill = IM_COL32(110, 28, 32, 255), kWrongEdge = IM_COL32(240, 80, 80, 255);
constexpr ImU32 kAbsentFill = IM_COL32(50, 50, 56, 255), kAbsentEdge = IM_COL32(90, 90, 98, 255);

// Short badge captions, so that the predicted class fits beside them.
const char* shortName(GalleryColumn c) {
    switch (c) {
        case GalleryColumn::Absolute: return "abs";
        case GalleryColumn::Relative: return "rel";
        case GalleryColumn::Translated: return "tra";
        case GalleryColumn::Native: return "nat";
    }
    return "";
}

// What the sample is, in words: its text, else its key, else its row.
std::string sampleText(const LatentSpace& source, const LatentSpace& target, const GallerySample& s) {
    const auto rs = static_cast<size_t>(s.sourceRow), rt = static_cast<size_t>(s.targetRow);
    if (rs < source.texts.size()) return source.texts[rs];
    if (rt < target.texts.size()) return target.texts[rt];
    if (source.hasKeys() && rs < source.keys.size()) return source.keys[rs];
    return "#" + std::to_string(s.sourceRow);
}

// `c` at half opacity when the gallery is dimmed.
ImU32 fade(ImU32 c, bool dim) {
    if (!dim) return c;
    const ImU32 alpha = (c >> IM_COL32_A_SHIFT) & 0xFF;
    return (c & ~IM_COL32_A_MASK) | ((alpha / 2) << IM_COL32_A_SHIFT);
}

ImU32 labelColour(int32_t label) {
    return classColorU32(static_cast<uint16_t>(std::max(0, label)));
}

// "relative 30/36  procrustes 31/36 ..." in the right/wrong colours of a majority.
void drawSummary(const StitchingGallery& g, const StitchingGalleryStyle& style) {
    const size_t n = g.samples.size();
    for (size_t i = 0; i < style.columns.size(); ++i) {
        const GalleryColumn c = style.columns[i];
        const std::string name = galleryColumnName(g, c, style.translated);
        Index right = 0;
        bool applies = true;
        for (const GallerySample& s : g.samples) {
            const int32_t p = galleryPrediction(g, s, c, style.translated);
            applies = applies && p >= 0;
            right += p == s.label ? 1 : 0;
        }
        if (i > 0) ImGui::SameLine(0, 18);
        if (!applies || n == 0) {
            ImGui::TextDisabled("%s n/a", name.c_str());
            continue;
        }
        const bool most = 2 * static_cast<size_t>(right) >= n;
        ImGui::TextColored(most ? ImVec4(0.45f, 0.9f, 0.55f, 1) : ImVec4(1, 0.45f, 0.45f, 1), "%s %lld/%zu",
                           name.c_str(), static_cast<long long>(right), n);
    }
}

void drawTooltip(const StitchingGallery& g, const GallerySample& s, const std::string& text,
                 const StitchingGalleryStyle& style) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(text.c_str());
    ImGui::TextDisabled("row %lld of %s, row %lld of %s", static_cast<long long>(s.sourceRow), g.sourceName.c_str(),
                        static_cast<long long>(s.targetRow), g.targetName.c_str());
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(labelColour(s.label)), "true class: %s",
                       g.className(s.label).c_str());
    for (GalleryColumn c : style.columns) {
        const int32_t p = galleryPrediction(g, s, c, style.translated);
        const std::string name = galleryColumnName(g, c, style.translated);
        if (p < 0)
            ImGui::TextDisabled("%s: does not apply", name.c_str());
        else
            ImGui::TextColored(p == s.label ? ImVec4(0.45f, 0.9f, 0.55f, 1) : ImVec4(1, 0.45f, 0.45f, 1), "%s: %s (%s)",
                               name.c_str(), g.className(p).c_str(), p == s.label ? "right" : "wrong");
    }
    ImGui::EndTooltip();
}

}  // namespace

int drawStitchingGallery(const StitchingGallery& g, const LatentSpace& source, const LatentSpace& target,
                         PlotCanvas& canvas, const StitchingGalleryStyle& style) {
    if (style.summary) drawSummary(g, style);
    if (g.samples.empty()) return -1;
    const float k = std::max(0.5f, style.scale);
    const float fontSize = ImGui::GetFontSize() * k, lineH = fontSize + 2 * k;
    const bool fromSource = !source.images.empty();
    const ImageStack& images = fromSource ? source.images : target.images;
    const float pixel = 3.0f * k;  // a 28 x 28 image -> 84 px at scale 1
    const float thumbH = images.empty() ? 3 * lineH : static_cast<float>(images.height) * pixel;
    const float thumbW = images.empty() ? 0 : static_cast<float>(images.width) * pixel;
    const float pad = 4 * k, gap = 6 * k, badgeH = lineH + 2 * k;
    const float cardW = std::max(thumbW + 2 * pad, 132 * k);
    const float cardH = pad + thumbH + pad + lineH + static_cast<float>(style.columns.size()) * (badgeH + 2 * k) + pad;
    const float avail = std::max(cardW, ImGui::GetContentRegionAvail().x);
    const int perRow = std::max(1, static_cast<int>((avail + gap) / (cardW + gap)));
    const int rows = (static_cast<int>(g.samples.size()) + perRow - 1) / perRow;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* font = ImGui::GetFont();
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool windowHovered = ImGui::IsWindowHovered();
    const bool dim = style.dimmed;
    int hovered = -1;
    for (size_t i = 0; i < g.samples.size(); ++i) {
        const GallerySample& s = g.samples[i];
        const int col = static_cast<int>(i) % perRow, row = static_cast<int>(i) / perRow;
        const ImVec2 a(origin.x + static_cast<float>(col) * (cardW + gap),
                       origin.y + static_cast<float>(row) * (cardH + gap));
        const ImVec2 b(a.x + cardW, a.y + cardH);
        dl->AddRectFilled(a, b, fade(IM_COL32(34, 34, 40, 255), dim), 3 * k);
        const std::string text = sampleText(source, target, s);
        // The picture (or the text) of the sample.
        const ImVec2 thumb(a.x + (cardW - thumbW) * 0.5f, a.y + pad);
        if (!images.empty()) {
            ImGui::SetCursorScreenPos(thumb);
            drawThumbnail(images, fromSource ? s.sourceRow : s.targetRow, pixel, canvas);
        } else {
            // Whole lines only: a half-clipped fourth line reads as a rendering fault (the tooltip has it all).
            const float textH = std::floor(thumbH / fontSize) * fontSize;
            const ImVec4 clip(a.x + pad, a.y + pad, b.x - pad, a.y + pad + textH);
            dl->AddText(font, fontSize, ImVec2(a.x + pad, a.y + pad), fade(IM_COL32(225, 225, 230, 255), dim),
                        text.c_str(), nullptr, cardW - 2 * pad, &clip);
        }
        // The true class, in its colour.
        float y = a.y + pad + thumbH + pad;
        const std::string truth = g.className(s.label);
        const ImVec4 clip(a.x + pad, a.y, b.x - pad, b.y);
        dl->AddText(font, fontSize, ImVec2(a.x + pad, y), fade(labelColour(s.label), dim), truth.c_str(), nullptr, 0,
                    &clip);
        y += lineH;
        // One badge per method: green when the head got it right, red when not, grey when it does not apply.
        for (GalleryColumn c : style.columns) {
            const int32_t p = galleryPrediction(g, s, c, style.translated);
            const bool right = p >= 0 && p == s.label;
            const ImVec2 ba(a.x + pad, y), bb(b.x - pad, y + badgeH);
            dl->AddRectFilled(ba, bb, fade(p < 0 ? kAbsentFill : right ? kRightFill : kWrongFill, dim), 2 * k);
            dl->AddRect(ba, bb, fade(p < 0 ? kAbsentEdge : right ? kRightEdge : kWrongEdge, dim), 2 * k, 0, 1.5f * k);
            const std::string mark = p < 0   ? ""
                                     : right ? (style.unicode ? "\xe2\x9c\x93 " : "ok ")
                                             : (style.unicode ? "\xe2\x9c\x97 " : "x ");
            const std::string line = std::string(shortName(c)) + "  " + (p < 0 ? "-" : mark + g.className(p));
            const ImVec4 badgeClip(ba.x, ba.y, bb.x - 2 * k, bb.y);
            dl->AddText(font, fontSize, ImVec2(ba.x + 3 * k, ba.y + k), fade(IM_COL32(240, 240, 242, 255), dim),
                        line.c_str(), nullptr, 0, &badgeClip);
            y += badgeH + 2 * k;
        }
        if (windowHovered && mouse.x >= a.x && mouse.x < b.x && mouse.y >= a.y && mouse.y < b.y) {
            hovered = static_cast<int>(i);
            dl->AddRect(a, b, IM_COL32(230, 230, 240, 255), 3 * k, 0, 2 * k);
            drawTooltip(g, s, text, style);
        }
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(
        ImVec2(static_cast<float>(perRow) * (cardW + gap) - gap, static_cast<float>(rows) * (cardH + gap) - gap));
    return hovered;
}

}  // namespace lb::ui
