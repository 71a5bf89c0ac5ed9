#include "app/ui/gui_options.h"

#include <cstdlib>

namespace lb::ui {

const char* guiHelpText() {
    return "Usage: latentbridge [FILE... | SESSION.json] [options]\n\n"
           "Opens embeddings files (.npy, .npz, .safetensors, .vec, .bin, .tsv) side by side, or the bundled\n"
           "demo when no file is given, or restores a saved session.\n\n"
           "Options:\n"
           "  --screenshot PATH   render --frames frames, save the window as PNG to PATH and exit\n"
           "  --frames N          frames to render before the screenshot (default 3)\n"
           "  --size WxH          initial window size (default 1600x1000)\n"
           "  --presentation      start in presentation mode (F11 toggles it)\n"
           "  --story-step N      start in presentation mode at step N (1-4) of its story\n"
           "  --colour-by WHAT    colour the views by class (default) or by agreement with the reference\n"
           "  --full-redraw       draw every frame whole (default: only what changed; see docs/app.md)\n"
           "  --test-report PATH  keep writing a JSON state report to PATH (for end-to-end tests)\n"
           "  --help, --version\n";
}

static bool parsePositiveInt(const std::string& s, int& out) {
    char* end = nullptr;
    const long v = std::strtol(s.c_str(), &end, 10);
    if (s.empty() || *end != '\0' || v <= 0 || v > 100000) return false;
    out = static_cast<int>(v);
    return true;
}

bool parseGuiOptions(int argc, char** argv, GuiOptions& out, std::string& error) {
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&](std::string& value) {
            if (i + 1 >= argc) {
                error = a + " needs a value";
                return false;
            }
            value = argv[++i];
            return true;
        };
        std::string value;
        if (a == "--help" || a == "-h") {
            out.showHelp = true;
        } else if (a == "--version") {
            out.showVersion = true;
        } else if (a == "--presentation") {
            out.presentation = true;
        } else if (a == "--story-step") {
            if (!next(value)) return false;
            if (!parsePositiveInt(value, out.storyStep) || out.storyStep > 4) {
                error = "--story-step expects a step from 1 to 4, got \"" + value + "\"";
                return false;
            }
            out.presentation = true;
        } else if (a == "--colour-by") {
            if (!next(value)) return false;
            if (value != "class" && value != "agreement") {
                error = "--colour-by expects class or agreement, got \"" + value + "\"";
                return false;
            }
            out.colourByAgreement = value == "agreement";
        } else if (a == "--full-redraw") {
            out.fullRedraw = true;
        } else if (a == "--test-report") {
            if (!next(out.testReportPath)) return false;
        } else if (a == "--screenshot") {
            if (!next(out.screenshotPath)) return false;
        } else if (a == "--frames") {
            if (!next(value)) return false;
            if (!parsePositiveInt(value, out.frames)) {
                error = "--frames expects a positive integer, got \"" + value + "\"";
                return false;
            }
        } else if (a == "--size") {
            if (!next(value)) return false;
            const size_t x = value.find('x');
            if (x == std::string::npos || !parsePositiveInt(value.substr(0, x), out.width) ||
                !parsePositiveInt(value.substr(x + 1), out.height)) {
                error = "--size expects WIDTHxHEIGHT, got \"" + value + "\"";
                return false;
            }
        } else if (a.rfind("--", 0) == 0) {
            error = "unknown option " + a;
            return false;
        } else {
            out.files.push_back(a);
        }
    }
    return true;
}

}  // namespace lb::ui
