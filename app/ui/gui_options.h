// Command line of the desktop app: `latentbridge [FILE... | SESSION.json] [--screenshot PATH --frames N]`.
#pragma once

#include <string>
#include <vector>

namespace lb::ui {

struct GuiOptions {
    std::vector<std::string> files;  // embeddings files or one session .json; empty = bundled demo
    std::string screenshotPath;      // when set: render `frames` frames, save a PNG of the window, exit
    int frames = 3;                  // frames to render before the screenshot (default 3)
    int width = 1600;                // initial window size (default 1600 x 1000)
    int height = 1000;
    bool presentation = false;       // start in presentation mode (F11 toggles)
    bool colourByAgreement = false;  // --colour-by agreement: views coloured by agreement with the reference
    int storyStep = 0;               // --story-step: presentation mode at this story step, 1-4 (default 0: none)
    // Draw every frame whole, including frames that change nothing (redraw_rules.h [2], [3]); measured by
    // bench/gui_frame_cost.sh.
    bool fullRedraw = false;
    std::string testReportPath;  // when set: write a small JSON state report there (end-to-end tests)
    bool showHelp = false;
    bool showVersion = false;
};

// Parses argv. Returns false with `error` set on a usage error.
bool parseGuiOptions(int argc, char** argv, GuiOptions& out, std::string& error);

const char* guiHelpText();

}  // namespace lb::ui
