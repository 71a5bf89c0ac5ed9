#include "app/ui/widgets/elided_text.h"

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

}  // namespace lb::ui
