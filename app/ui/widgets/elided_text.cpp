#include "app/ui/widgets/elided_text.h"

#include "core/space/display_name.h"

#include <imgui.h>

#include <vector>

namespace lb::ui {

std::string elideToWidth(const std::string& text, float maxWidth) {
    if (ImGui::CalcTextSize(text.c_str()).x <= maxWidth) return text;
    const float ellipsis = ImGui::CalcTextSize("...").x;
    // Prefix lengths that end on a whole UTF-8 character (no continuation byte right after them).
    std::vector<size_t> ends;
    for (size_t i = 1; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ends.push_back(i);
    // Widths grow with the prefix: the longest one that fits with "..." after it, by binary search.
    size_t lo = 0, hi = ends.size();  // answer: ends[lo - 1], or nothing when lo == 0
    while (lo < hi) {
        const size_t mid = (lo + hi + 1) / 2;
        if (ImGui::CalcTextSize(text.c_str(), text.c_str() + ends[mid - 1]).x + ellipsis <= maxWidth)
            lo = mid;
        else
            hi = mid - 1;
    }
    return (lo == 0 ? std::string() : text.substr(0, ends[lo - 1])) + "...";
}

std::string elideMiddleToWidth(const std::string& name, float maxWidth) {
    if (ImGui::CalcTextSize(name.c_str()).x <= maxWidth) return name;
    size_t chars = 0;
    for (const char c : name) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    constexpr size_t kMinChars = 5;  // shortenMiddle's floor: two characters either side of "..."
    const auto fits = [&](size_t n) { return ImGui::CalcTextSize(shortenMiddle(name, n).c_str()).x <= maxWidth; };
    if (chars <= kMinChars || !fits(kMinChars)) return elideToWidth(name, maxWidth);
    // The most characters that fit, by binary search (widths grow with the characters kept).
    size_t lo = kMinChars, hi = chars - 1;
    while (lo < hi) {
        const size_t mid = (lo + hi + 1) / 2;
        if (fits(mid))
            lo = mid;
        else
            hi = mid - 1;
    }
    return shortenMiddle(name, lo);
}

std::string fitNamedTitle(const std::string& name, const std::string& suffix, float maxWidth) {
    const std::string full = name + suffix;
    if (ImGui::CalcTextSize(full.c_str()).x <= maxWidth) return full;
    const float nameWidth = maxWidth - ImGui::CalcTextSize(suffix.c_str()).x;
    if (nameWidth < ImGui::CalcTextSize("abc...xyz").x) return elideMiddleToWidth(name, maxWidth);
    return elideMiddleToWidth(name, nameWidth) + suffix;
}

}  // namespace lb::ui
