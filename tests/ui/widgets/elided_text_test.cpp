// Headless test of elideToWidth: the result fits and keeps the longest prefix that fits.
#include "app/ui/widgets/elided_text.h"

#include "tests/ui/imgui_headless.h"

#include <catch2/catch.hpp>

using namespace lb::ui;

TEST_CASE("elideToWidth keeps text that fits and shortens the rest to the longest fitting prefix", "[ui][text]") {
    lb::test::ImGuiHeadless imgui;
    ImGui::NewFrame();
    const std::string title = "fmnist_cnn_s0 - absolute (PCA)";
    const float full = ImGui::CalcTextSize(title.c_str()).x;
    CHECK(elideToWidth(title, full) == title);
    for (float width : {full - 1.0f, full * 0.5f, 40.0f}) {
        INFO("width " << width);
        const std::string e = elideToWidth(title, width);
        REQUIRE(e.size() >= 3);
        CHECK(e.substr(e.size() - 3) == "...");
        CHECK(ImGui::CalcTextSize(e.c_str()).x <= width);
        const std::string prefix = e.substr(0, e.size() - 3);
        CHECK(title.compare(0, prefix.size(), prefix) == 0);
        // One more character would not fit.
        const std::string longer = title.substr(0, prefix.size() + 1) + "...";
        CHECK(ImGui::CalcTextSize(longer.c_str()).x > width);
    }
    CHECK(elideToWidth(title, 1.0f) == "...");  // not even one character
    ImGui::EndFrame();
}
