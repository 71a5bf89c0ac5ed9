#include "app/ui/panels/file_browser.h"

#include "app/ui/app_state.h"

#include <imgui.h>

#include <algorithm>
#include <filesystem>

namespace lb::ui {

namespace fs = std::filesystem;

bool isSupportedDataFile(const std::string& path) {
    std::string e = fs::path(path).extension().string();
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    static const char* const kExt[] = {".npy", ".npz", ".safetensors", ".vec", ".txt", ".bin", ".tsv", ".json"};
    return std::any_of(std::begin(kExt), std::end(kExt), [&](const char* x) { return e == x; });
}

void listDirectory(FileBrowserState& state, const std::string& dir) {
    state.entries.clear();
    state.listError.clear();
    state.listedDirectory = dir;
    std::error_code ec;
    fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
        state.listError = "cannot list " + dir + ": " + ec.message();
        return;
    }
    std::vector<std::string> names;
    for (const fs::directory_entry& e : it) {
        FileBrowserState::Entry en;
        en.name = e.path().filename().string();
        if (!en.name.empty() && en.name[0] == '.') continue;  // hidden files
        en.isDir = e.is_directory(ec);
        if (!en.isDir) {
            if (!state.showAll && !isSupportedDataFile(en.name)) continue;
            en.size = static_cast<unsigned long long>(e.file_size(ec));
        }
        names.push_back(en.name);
        state.entries.push_back(std::move(en));
    }
    for (FileBrowserState::Entry& en : state.entries)
        if (!en.isDir) en.role = guessFileRole((fs::path(dir) / en.name).string(), names);
    std::sort(state.entries.begin(), state.entries.end(),
              [](const auto& a, const auto& b) { return a.isDir != b.isDir ? a.isDir : a.name < b.name; });
}

static std::string humanSize(unsigned long long bytes) {
    char buf[32];
    if (bytes >= (1ull << 30))
        std::snprintf(buf, sizeof buf, "%.1f GB", static_cast<double>(bytes) / (1ull << 30));
    else if (bytes >= (1ull << 20))
        std::snprintf(buf, sizeof buf, "%.1f MB", static_cast<double>(bytes) / (1ull << 20));
    else if (bytes >= 1024)
        std::snprintf(buf, sizeof buf, "%.1f KB", static_cast<double>(bytes) / 1024);
    else
        std::snprintf(buf, sizeof buf, "%llu B", bytes);
    return buf;
}

static void changeDirectory(FileBrowserState& state, const fs::path& dir) {
    std::error_code ec;
    const fs::path canon = fs::weakly_canonical(dir, ec);
    state.directory = (ec ? dir : canon).string();
    state.chosen.clear();
    std::snprintf(state.pathBuf, sizeof(state.pathBuf), "%s", state.directory.c_str());
}

void drawFileBrowser(AppState& st, FileBrowserState& state) {
    if (state.directory.empty()) changeDirectory(state, fs::current_path());
    if (state.listedDirectory != state.directory) listDirectory(state, state.directory);
    ImGui::SetNextWindowSize(ImVec2(620, 460), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowBgAlpha(1.0f);  // the views behind would show through the listing
    if (!ImGui::Begin("Open files", &state.open)) {
        ImGui::End();
        return;
    }
    if (ImGui::Button("Up")) changeDirectory(state, fs::path(state.directory).parent_path());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-80);
    if (ImGui::InputText("##dir", state.pathBuf, sizeof(state.pathBuf), ImGuiInputTextFlags_EnterReturnsTrue)) {
        std::error_code ec;
        if (fs::is_directory(state.pathBuf, ec))
            changeDirectory(state, state.pathBuf);
        else if (fs::is_regular_file(state.pathBuf, ec)) {
            openPaths(st, {state.pathBuf});
            state.open = false;
        }
    }
    ImGui::SameLine();
    if (ImGui::Checkbox("all", &state.showAll)) state.listedDirectory.clear();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Also list files latentbridge does not read (greyed)");
    ImGui::TextDisabled("Click a file to open it; Ctrl+click to pick several, then Open. Sessions are .json.");
    if (!state.listError.empty()) ImGui::TextColored(ImVec4(1, 0.45f, 0.4f, 1), "%s", state.listError.c_str());
    ImGui::BeginChild("entries", ImVec2(0, -ImGui::GetFrameHeightWithSpacing()), true);
    fs::path enter;
    for (const FileBrowserState::Entry& e : state.entries) {
        const std::string full = (fs::path(state.directory) / e.name).string();
        const bool picked = std::find(state.chosen.begin(), state.chosen.end(), full) != state.chosen.end();
        const std::string label = e.isDir ? "[dir] " + e.name : e.name;
        if (!e.isDir && !e.role.openable()) {
            ImGui::TextDisabled("%s", label.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", e.role.reason.c_str());
            ImGui::SameLine();
            ImGui::TextDisabled("- %s", e.role.reason.c_str());
            continue;
        }
        if (ImGui::Selectable(label.c_str(), picked, ImGuiSelectableFlags_AllowDoubleClick)) {
            if (e.isDir)
                enter = full;
            else if (ImGui::GetIO().KeyCtrl) {
                if (picked)
                    state.chosen.erase(std::find(state.chosen.begin(), state.chosen.end(), full));
                else
                    state.chosen.push_back(full);
            } else {
                openPaths(st, {full});
                state.open = false;
            }
        }
        if (!e.isDir) {
            ImGui::SameLine(ImGui::GetContentRegionMax().x - 80);
            ImGui::TextDisabled("%s", humanSize(e.size).c_str());
        }
    }
    if (state.entries.empty() && state.listError.empty()) ImGui::TextDisabled("(no supported files here)");
    ImGui::EndChild();
    ImGui::BeginDisabled(state.chosen.empty());
    if (ImGui::Button("Open selected")) {
        openPaths(st, state.chosen);
        state.chosen.clear();
        state.open = false;
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Cancel")) state.open = false;
    ImGui::End();
    if (!enter.empty()) changeDirectory(state, enter);
}

}  // namespace lb::ui
