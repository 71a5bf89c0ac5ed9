#include "app/ui/widgets/thumbnail.h"

#include <imgui.h>

namespace lb::ui {

bool drawThumbnail(const ImageStack& images, Index row, float pixel, PlotCanvas& canvas) {
    if (images.empty() || row < 0 || images.height <= 0 || images.width <= 0) return false;
    const size_t per = static_cast<size_t>(images.height) * static_cast<size_t>(images.width);
    if ((static_cast<size_t>(row) + 1) * per > images.pixels.size()) return false;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const ImVec2 size(images.width * pixel, images.height * pixel);
    const uint8_t* px = images.image(row);
    if (ImTextureID texture = canvas.imageTexture(px, images.width, images.height)) {
        ImGui::Image(texture, size);
        return true;
    }
    ImGui::Dummy(size);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p0, ImVec2(p0.x + size.x, p0.y + size.y), IM_COL32(0, 0, 0, 255));
    for (int y = 0; y < images.height; ++y)
        for (int x = 0; x < images.width; ++x) {
            const uint8_t v = px[y * images.width + x];
            if (v < 8) continue;  // background already drawn
            const ImVec2 a(p0.x + x * pixel, p0.y + y * pixel);
            dl->AddRectFilled(a, ImVec2(a.x + pixel, a.y + pixel), IM_COL32(v, v, v, 255));
        }
    return true;
}

}  // namespace lb::ui
