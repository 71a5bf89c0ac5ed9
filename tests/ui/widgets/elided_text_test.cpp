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

TEST_CASE("elideMiddleToWidth keeps both ends of names that differ at their end", "[ui][text]") {
    lb::test::ImGuiHeadless imgui;
    ImGui::NewFrame();
    const std::string a = "fashion_mnist_convnet_seed0", b = "fashion_mnist_convnet_seed1";
    const float full = ImGui::CalcTextSize(a.c_str()).x;
    CHECK(elideMiddleToWidth(a, full) == a);
    for (float width : {full * 0.8f, full * 0.5f}) {
        INFO("width " << width);
        const std::string ea = elideMiddleToWidth(a, width), eb = elideMiddleToWidth(b, width);
        CHECK(ImGui::CalcTextSize(ea.c_str()).x <= width);
        CHECK(ea.find("...") != std::string::npos);
        CHECK(ea.substr(0, 3) == "fas");  // the start is kept ...
        CHECK(ea.back() == '0');          // ... and so is the end, so the two names stay apart
        CHECK(eb.back() == '1');
        CHECK(ea != eb);
    }
    // Too narrow for five characters: shortened at the end, still within the width.
    const float tiny = ImGui::CalcTextSize("fa...").x * 0.7f;
    CHECK(ImGui::CalcTextSize(elideMiddleToWidth(a, tiny).c_str()).x <= tiny);
    ImGui::EndFrame();
}

TEST_CASE("fitNamedTitle shortens the name and keeps what the view shows", "[ui][text]") {
    lb::test::ImGuiHeadless imgui;
    ImGui::NewFrame();
    const std::string name = "fashion_mnist_convnet_seed1", suffix = " - relative (PCA)";
    const float full = ImGui::CalcTextSize((name + suffix).c_str()).x;
    CHECK(fitNamedTitle(name, suffix, full) == name + suffix);
    const std::string shown = fitNamedTitle(name, suffix, full * 0.7f);
    CHECK(ImGui::CalcTextSize(shown.c_str()).x <= full * 0.7f);
    REQUIRE(shown.size() > suffix.size());
    CHECK(shown.substr(shown.size() - suffix.size()) == suffix);
    CHECK(shown[shown.size() - suffix.size() - 1] == '1');
    // When the suffix leaves no room, the name alone, still telling seed 1 from seed 0.
    const float narrow = ImGui::CalcTextSize(suffix.c_str()).x;
    const std::string cut = fitNamedTitle(name, suffix, narrow);
    CHECK(ImGui::CalcTextSize(cut.c_str()).x <= narrow);
    CHECK(cut.find(suffix) == std::string::npos);
    CHECK(cut.back() == '1');
    ImGui::EndFrame();
}
