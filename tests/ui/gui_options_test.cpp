// The desktop app's command line: files, options with values, and usage errors.
#include "app/ui/gui_options.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace lb::ui;

namespace {

bool parse(std::vector<std::string> args, GuiOptions& out, std::string& error) {
    args.insert(args.begin(), "latentbridge");
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    return parseGuiOptions(static_cast<int>(argv.size()), argv.data(), out, error);
}

}  // namespace

TEST_CASE("the app's command line", "[ui][options]") {
    GuiOptions o;
    std::string error;
    REQUIRE(parse({"a.npy", "--full-redraw", "--screenshot", "shot.png", "--frames", "5", "b.vec"}, o, error));
    CHECK(o.files == std::vector<std::string>{"a.npy", "b.vec"});
    CHECK(o.fullRedraw);
    CHECK(o.screenshotPath == "shot.png");
    CHECK(o.frames == 5);
    GuiOptions defaults;
    REQUIRE(parse({}, defaults, error));
    CHECK_FALSE(defaults.fullRedraw);
    CHECK(defaults.files.empty());
    GuiOptions bad;
    CHECK_FALSE(parse({"--frames", "zero"}, bad, error));
    CHECK(error.find("--frames") != std::string::npos);
    CHECK(std::string(guiHelpText()).find("--full-redraw") != std::string::npos);
}

TEST_CASE("option --story-step starts presentation mode at a story step", "[ui][options]") {
    GuiOptions o;
    std::string error;
    REQUIRE(parse({"--story-step", "3"}, o, error));
    CHECK(o.storyStep == 3);
    CHECK(o.presentation);
    for (const char* bad : {"0", "5", "two"}) {
        GuiOptions b;
        CHECK_FALSE(parse({"--story-step", bad}, b, error));
        CHECK(error.find("--story-step") != std::string::npos);
    }
    CHECK(std::string(guiHelpText()).find("--story-step") != std::string::npos);
}
