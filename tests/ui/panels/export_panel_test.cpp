// Export panel: anchors, CSV and JSON metrics written atomically; PNGs refused without a GL window.
#include "app/ui/panels/export_panel.h"
#include "app/ui/panels/curves_panel.h"
#include "app/ui/panels/similarity_panel.h"
#include "app/ui/panels/stitching_panel.h"
#include "core/io/atomic_file.h"
#include "core/relative/anchor_selection.h"
#include "tests/ui/panels/analysis_fixture.h"

#include <filesystem>
#include <fstream>
#include <sstream>

using namespace lb;
using namespace lb::ui;

namespace {
std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
}  // namespace

TEST_CASE("export writes anchors, metrics CSV and JSON; PNG needs the GL window", "[ui][panels]") {
    test::PanelFixture f;
    SimilarityPanelState sim;
    StitchingPanelState stitch;
    CurvesPanelState curves;
    f.st.session.settings.similarity.maxQueries = 40;  // a sample of the rows: the CSV then has standard-error rows
    f.extra = [&] {
        updateSimilarityPanel(f.st, sim);
        updateStitchingPanel(f.st, stitch);
    };
    f.settle();
    REQUIRE(sim.result);
    REQUIRE(stitch.result);
    test::TempDir dir;
    ExportPanelState e;
    const std::string folder = dir.file("");
    folder.copy(e.directory, sizeof e.directory - 1);
    REQUIRE(exportAnchors(f.st, e));
    Result<std::vector<Index>> back = readAnchorFile(dir.file("latentbridge_anchors.txt"), f.st.session.space(0));
    REQUIRE(back);
    REQUIRE(*back == f.st.session.anchors());
    REQUIRE(exportMetrics(f.st, e, sim, stitch, curves));
    const std::string csv = slurp(dir.file("latentbridge_stitching.csv"));
    REQUIRE(csv.find("source,model_a,model_b\n") != std::string::npos);
    const std::string similarity = slurp(dir.file("latentbridge_similarity.csv"));
    REQUIRE(similarity.find("metric,absolute,relative,translated\n") != std::string::npos);
    REQUIRE(similarity.find("\njaccard@10_stderr,") != std::string::npos);
    const nlohmann::json j = nlohmann::json::parse(slurp(dir.file("latentbridge_metrics.json")));
    REQUIRE(j["format"] == "latentbridge-metrics");
    // What a number needs to be reproduced: the settings and the anchors.
    REQUIRE(j["settings"]["similarity"]["queries"] == 40);
    REQUIRE(j["anchors"]["keys"].size() == f.st.session.anchors().size());
    REQUIRE(similarity.find("# settings: ") != std::string::npos);
    REQUIRE(j["stitching"]["methods"]["procrustes"].size() == 2);
    REQUIRE(j["similarity"]["relative"]["linear_cka"].get<double>() == Approx(1.0).margin(1e-4));
    REQUIRE(j["similarity"]["queries"].get<int>() == 40);
    bool anyStdErr = false;  // where a column's per-query values differ (rotated copies agree on most)
    for (const char* column : {"absolute", "relative", "translated"})
        anyStdErr |= j["similarity"][column].contains("jaccard_stderr");
    REQUIRE(anyStdErr);
    for (const auto& f : std::filesystem::directory_iterator(dir.file("")))
        REQUIRE_FALSE(io::isAtomicTempName(f.path().filename().string()));  // no temporary file left

    const size_t errors = f.st.errorCount();
    requestPng(f.st, e, true);  // no hooks: an error message, no crash
    REQUIRE(f.st.errorCount() == errors + 1);
    // Unwritable folder: the error names the file.
    std::string("/nonexistent/dir").copy(e.directory, sizeof e.directory - 1);
    e.directory[std::string("/nonexistent/dir").size()] = '\0';
    REQUIRE_FALSE(exportMetrics(f.st, e, sim, stitch, curves));
    REQUIRE(f.st.messages.back().text.find("/nonexistent/dir") != std::string::npos);
}
