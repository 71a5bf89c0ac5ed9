#include "app/ui/atlas_action.h"

#include "app/ui/app_state.h"
#include "app/ui/document_guard.h"
#include "core/relative/chart_merge.h"

#include <filesystem>
#include <functional>

namespace lb::ui {

namespace fs = std::filesystem;

std::string atlasUnavailableReason(const AppState& st) {
    const Session& s = st.session;
    if (s.spaceCount() < 2) return "needs at least 2 spaces";
    if (s.anchors().empty()) return "needs anchors (the samples every space encodes)";
    for (size_t i = 0; i < s.spaceCount(); ++i)
        if (!s.entry(i).space->hasKeys())
            return s.entry(i).space->name + " has no keys: samples are matched across charts by key";
    return "";
}

std::string atlasPath(const AppState& st) {
    // Named by what it is made of, so the same spaces and anchors give the same file.
    size_t h = 0;
    const Session& s = st.session;
    for (size_t i = 0; i < s.spaceCount(); ++i) h = h * 1099511628211ull ^ std::hash<std::string>{}(s.entry(i).path);
    for (Index a : s.anchors()) h = h * 1099511628211ull ^ static_cast<size_t>(a);
    char name[64];
    std::snprintf(name, sizeof name, "atlas-%zu-spaces-%016zx.npy", s.spaceCount(), h);
    return (fs::path(recoveryDirectory()) / "atlases" / name).string();
}

void addAtlas(AppState& st) {
    if (const std::string why = atlasUnavailableReason(st); !why.empty()) {
        st.error("cannot make an atlas: " + why);
        return;
    }
    const Session& s = st.session;
    std::vector<std::shared_ptr<const LatentSpace>> charts;
    for (size_t i = 0; i < s.spaceCount(); ++i) charts.push_back(s.entry(i).space);
    std::vector<std::string> anchorKeys;
    const LatentSpace& ref = *s.entry(s.reference()).space;
    for (Index a : s.anchors()) anchorKeys.push_back(ref.keys[static_cast<size_t>(a)]);
    const std::string path = atlasPath(st);
    const RelativeOptions relative = s.settings.relative;
    st.atlasJob.submitResult<std::string>(
        st.jobs, "atlas of " + std::to_string(charts.size()) + " spaces",
        [charts, anchorKeys, path, relative](JobContext& ctx) -> Result<std::string> {
            std::vector<const LatentSpace*> raw;
            for (const auto& c : charts) raw.push_back(c.get());
            Result<Atlas> atlas = mergeCharts(raw, anchorKeys, relative, ctx);
            if (!atlas) return atlas.error();
            std::error_code ec;
            fs::create_directories(fs::path(path).parent_path(), ec);
            const std::string name = "atlas of " + std::to_string(charts.size()) + " spaces";
            if (Status st = writeAtlasFiles(path, name, *atlas, charts.front()->labelNames); !st) return st.error();
            return path;
        },
        [&st](Result<std::string> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) st.error("atlas: " + r.error().describe());
                return;
            }
            st.info("Atlas of the loaded spaces written to " + *r + "; opening it as a space");
            openSpaceFile(st, *r);
        });
}

}  // namespace lb::ui
