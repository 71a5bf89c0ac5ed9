// In-app file browser (Ctrl+O): lists folders and supported files of one directory with std::filesystem
// (no native dialog, so it works the same everywhere, under Xvfb included). Files that travel with spaces
// but are not spaces (sidecars, label arrays, metadata, heads: core/io/file_role.h) are listed greyed with
// what they are, and cannot be clicked open. Main thread only.
#pragma once

#include "core/io/file_role.h"

#include <string>
#include <vector>

namespace lb::ui {

struct AppState;

struct FileBrowserState {
    bool open = false;
    std::string directory;    // current folder ("" = working directory on first open)
    char pathBuf[1024] = {};  // editable path line
    struct Entry {
        std::string name;
        bool isDir = false;
        unsigned long long size = 0;
        FileRoleGuess role;  // files only: openable, or greyed with the reason
    };
    std::vector<Entry> entries;       // cached listing of `directory`
    std::string listedDirectory;      // what `entries` lists (re-listed when it differs)
    std::string listError;            // e.g. permission denied
    std::vector<std::string> chosen;  // multi-selection (ctrl+click) before "Open"
    bool showAll = false;             // also list files of other extensions (greyed)
};

// True for the extensions latentbridge opens (.npy .npz .safetensors .vec .txt .bin .tsv .json).
bool isSupportedDataFile(const std::string& path);
// Lists `dir` into state.entries (folders first, then files, each sorted by name). Pure on the state.
void listDirectory(FileBrowserState& state, const std::string& dir);
void drawFileBrowser(AppState& st, FileBrowserState& state);

}  // namespace lb::ui
