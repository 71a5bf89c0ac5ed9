// Damage tracking: a frame redraws the windows that changed (old and new extents), nothing when nothing
// changed, and everything when forced, resized or asked to run a callback.
#include "app/ui/frame_damage.h"

#include "tests/ui/imgui_headless.h"

#include <catch2/catch.hpp>

#include <functional>
#include <optional>
#include <string>

using namespace lb::ui;

namespace {

struct Scene {
    std::string left = "left text", right = "right text";
    ImVec2 rightPos{600, 100};
    bool showRight = true;
    ImTextureID image = nullptr;
    bool flipImage = false;     // drawn with v running upwards (uv0 = (0, 1), uv1 = (1, 0))
    ImVec2 imageMin, imageMax;  // where the image was drawn (set by frame())
};

// Two windows side by side: "left" at (10, 10) 300 × 200, "right" at rightPos 300 × 200.
std::vector<ScreenRect> frame(FrameDamage& damage, Scene& s, const FrameDamage::TextureVersion& version = {},
                              bool force = false, bool callback = false,
                              const FrameDamage::TextureChange& changed = {}) {
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(10, 10));
    ImGui::SetNextWindowSize(ImVec2(300, 200));
    ImGui::Begin("left");
    ImGui::TextUnformatted(s.left.c_str());
    if (s.image) {
        ImGui::Image(s.image, ImVec2(50, 50), ImVec2(0, s.flipImage ? 1.0f : 0.0f),
                     ImVec2(1, s.flipImage ? 0.0f : 1.0f));
        s.imageMin = ImGui::GetItemRectMin();
        s.imageMax = ImGui::GetItemRectMax();
    }
    if (callback) ImGui::GetWindowDrawList()->AddCallback([](const ImDrawList*, const ImDrawCmd*) {}, nullptr);
    ImGui::End();
    if (s.showRight) {
        ImGui::SetNextWindowPos(s.rightPos);
        ImGui::SetNextWindowSize(ImVec2(300, 200));
        ImGui::Begin("right");
        ImGui::TextUnformatted(s.right.c_str());
        ImGui::End();
    }
    ImGui::Render();
    return damage.update(*ImGui::GetDrawData(), version, force, changed);
}

bool covers(const std::vector<ScreenRect>& rects, float x, float y) {
    for (const ScreenRect& r : rects)
        if (x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1) return true;
    return false;
}

bool isWholeDisplay(const std::vector<ScreenRect>& rects) {
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    return rects.size() == 1 && rects[0].x0 <= 0 && rects[0].y0 <= 0 && rects[0].x1 >= size.x && rects[0].y1 >= size.y;
}

}  // namespace

TEST_CASE("an unchanged frame has no damage, a changed window only its own", "[ui][damage]") {
    lb::test::ImGuiHeadless imgui;
    FrameDamage damage;
    Scene s;
    CHECK(isWholeDisplay(frame(damage, s)));  // the first frame
    frame(damage, s);                         // ImGui settles its layout
    CHECK(frame(damage, s).empty());
    s.right = "right text, changed";
    const std::vector<ScreenRect> d = frame(damage, s);
    REQUIRE_FALSE(d.empty());
    CHECK(covers(d, 650, 130));         // inside "right"
    CHECK_FALSE(covers(d, 100, 100));   // "left" is left alone
    CHECK_FALSE(covers(d, 1200, 800));  // and so is the empty display
    CHECK(frame(damage, s).empty());
}

TEST_CASE("a moved or closed window damages where it was", "[ui][damage]") {
    lb::test::ImGuiHeadless imgui;
    FrameDamage damage;
    Scene s;
    frame(damage, s);
    frame(damage, s);
    s.rightPos = ImVec2(900, 600);
    const std::vector<ScreenRect> moved = frame(damage, s);
    CHECK(covers(moved, 650, 130));  // old place
    CHECK(covers(moved, 950, 650));  // new place
    CHECK_FALSE(covers(moved, 100, 100));
    s.showRight = false;
    const std::vector<ScreenRect> closed = frame(damage, s);
    CHECK(covers(closed, 950, 650));
    CHECK_FALSE(covers(closed, 100, 100));
}

namespace {

// The scene with an image whose texture version the test bumps (a fixture: its members are the test's names).
struct ImageScene {
    lb::test::ImGuiHeadless imgui;
    FrameDamage damage;
    Scene s;
    uint64_t version = 1;
    FrameDamage::TextureVersion v;
    ImageScene() {
        s.image = reinterpret_cast<ImTextureID>(static_cast<intptr_t>(7));
        v = [this](ImTextureID t) { return t == s.image ? version : 0; };
    }
};

}  // namespace

TEST_CASE_METHOD(ImageScene, "a redrawn texture damages where it is shown", "[ui][damage]") {
    frame(damage, s, v);
    frame(damage, s, v);
    CHECK(frame(damage, s, v).empty());
    version = 2;  // the view was redrawn into the same texture
    const std::vector<ScreenRect> d = frame(damage, s, v);
    // The image's quad, and nothing else of its window: the text above it is left alone.
    CHECK(covers(d, s.imageMin.x + 1, s.imageMin.y + 1));
    CHECK(covers(d, s.imageMax.x - 1, s.imageMax.y - 1));
    CHECK_FALSE(covers(d, s.imageMax.x + 20, s.imageMin.y + 10));
    CHECK_FALSE(covers(d, 20, s.imageMin.y - 10));
    CHECK_FALSE(covers(d, 650, 130));
    CHECK(frame(damage, s, v).empty());
    // A redrawn texture in a window whose triangles changed too: the window's extent.
    version = 3;
    s.left = "left text, longer now";
    const std::vector<ScreenRect> both = frame(damage, s, v);
    CHECK(covers(both, s.imageMin.x + 1, s.imageMin.y + 1));
    CHECK(covers(both, 250, 150));
}

TEST_CASE_METHOD(ImageScene, "a redrawn texture that says where it changed damages only that part of its quad",
                 "[ui][damage]") {
    std::optional<TextureRegion> region;  // what the canvas reports (nullopt: it does not know)
    uint64_t askedSince = 0;
    const FrameDamage::TextureChange changed = [&](ImTextureID t, uint64_t since) {
        askedSince = since;
        return t == s.image ? region : std::nullopt;
    };
    for (bool flip : {false, true}) {
        INFO("v " << (flip ? "upwards" : "downwards"));
        s.flipImage = flip;
        frame(damage, s, v, false, false, changed);
        frame(damage, s, v, false, false, changed);  // ImGui settles its layout in two frames
        CHECK(frame(damage, s, v, false, false, changed).empty());
        // u in [0.2, 0.4), v in [0.6, 0.8): pixels 10..20 across, and 30..40 down (10..20 when v runs upwards).
        region = TextureRegion{0.2f, 0.6f, 0.4f, 0.8f};
        ++version;
        const std::vector<ScreenRect> d = frame(damage, s, v, false, false, changed);
        CHECK(askedSince == version - 1);
        const float top = flip ? 10.0f : 30.0f;
        CHECK(covers(d, s.imageMin.x + 15, s.imageMin.y + top + 5));
        CHECK_FALSE(covers(d, s.imageMin.x + 35, s.imageMin.y + top + 5));  // the rest of the quad is left alone
        CHECK_FALSE(covers(d, s.imageMin.x + 15, s.imageMin.y + (flip ? 35.0f : 15.0f)));
        CHECK_FALSE(covers(d, s.imageMin.x + 3, s.imageMin.y + 3));
        // Redrawn with no pixel changed: nothing to draw.
        region = TextureRegion{0, 0, 0, 0};
        ++version;
        CHECK(frame(damage, s, v, false, false, changed).empty());
        // A canvas that does not know: the whole quad.
        region = std::nullopt;
        ++version;
        const std::vector<ScreenRect> all = frame(damage, s, v, false, false, changed);
        CHECK(covers(all, s.imageMin.x + 1, s.imageMin.y + 1));
        CHECK(covers(all, s.imageMax.x - 1, s.imageMax.y - 1));
    }
}

TEST_CASE("forcing, resizing or a callback damages the whole display", "[ui][damage]") {
    lb::test::ImGuiHeadless imgui;
    FrameDamage damage;
    Scene s;
    frame(damage, s);
    frame(damage, s);
    CHECK(isWholeDisplay(frame(damage, s, {}, true)));
    CHECK(isWholeDisplay(frame(damage, s, {}, false, true)));  // e.g. the export panel reading the framebuffer
    frame(damage, s);
    ImGui::GetIO().DisplaySize = ImVec2(1200, 800);
    CHECK(isWholeDisplay(frame(damage, s)));
}

TEST_CASE("two changed windows that touch at a corner stay two rectangles, not their bounding box", "[ui][damage]") {
    lb::test::ImGuiHeadless imgui;
    FrameDamage damage;
    Scene s;
    s.rightPos = ImVec2(280, 180);  // overlaps "left" (10..310 x 10..210) by 30 x 30 pixels
    frame(damage, s);
    frame(damage, s);
    s.left = "left text, changed";
    s.right = "right text, changed";
    const std::vector<ScreenRect> d = frame(damage, s);
    CHECK(d.size() == 2);
    CHECK(covers(d, 100, 100));
    CHECK(covers(d, 400, 300));
    CHECK_FALSE(covers(d, 500, 50));  // the bounding box's empty corners would be redrawn
    CHECK_FALSE(covers(d, 100, 330));
    // A window moved by a few pixels: its old and new extents nearly coincide and become one pass.
    s.rightPos = ImVec2(284, 182);
    const std::vector<ScreenRect> moved = frame(damage, s);
    CHECK(moved.size() == 1);
    CHECK(covers(moved, 282, 181));
    CHECK(covers(moved, 583, 381));
}

TEST_CASE("many small changes merge into a few rectangles", "[ui][damage]") {
    lb::test::ImGuiHeadless imgui;
    FrameDamage damage;
    std::vector<ImVec2> textAt(8);  // the centre of each window's changing digit
    auto grid = [&](int version) {
        ImGui::NewFrame();
        for (int i = 0; i < 8; ++i) {
            ImGui::SetNextWindowPos(ImVec2(10.0f + 190.0f * static_cast<float>(i), 10.0f));
            ImGui::SetNextWindowSize(ImVec2(150, 100));
            ImGui::Begin(("w" + std::to_string(i)).c_str());
            const ImVec2 p = ImGui::GetCursorScreenPos();
            textAt[static_cast<size_t>(i)] =
                ImVec2(p.x + ImGui::GetFontSize() * 0.25f, p.y + ImGui::GetFontSize() * 0.5f);
            ImGui::Text("%d", version);
            ImGui::End();
        }
        ImGui::Render();
        return damage.update(*ImGui::GetDrawData(), {}, false);
    };
    grid(0);
    grid(0);
    const std::vector<ScreenRect> d = grid(1);
    CHECK(d.size() <= FrameDamage::kMaxRects);
    for (const ImVec2& t : textAt) CHECK(covers(d, t.x, t.y));
}

TEST_CASE("a change of vertices alone damages only the triangles that use them", "[ui][damage]") {
    lb::test::ImGuiHeadless imgui;
    FrameDamage damage;
    Scene s;
    s.left = "count 300, and more";
    frame(damage, s);
    frame(damage, s);
    s.left = "count 301, and more";  // same triangles, one glyph moved in the atlas
    const std::vector<ScreenRect> d = frame(damage, s);
    REQUIRE(d.size() == 1);
    const ImVec2 pad = ImGui::GetStyle().WindowPadding;
    const float title = ImGui::GetFrameHeight();
    const float glyph = ImGui::CalcTextSize("count 30").x;  // where the last digit starts
    CHECK(covers(d, 10 + pad.x + glyph + 1, 10 + title + pad.y + ImGui::GetFontSize() * 0.5f));
    CHECK(d[0].area() < 40 * ImGui::GetFontSize() * 2);  // about one glyph, not the 300 x 200 window
    CHECK_FALSE(covers(d, 10 + pad.x + ImGui::CalcTextSize("count 301, and").x, 10 + title + pad.y + 5));
    // A different triangle count (a longer number) falls back to the window's extent.
    s.left = "count 3010, and more";
    const std::vector<ScreenRect> longer = frame(damage, s);
    CHECK(covers(longer, 250, 150));
}
