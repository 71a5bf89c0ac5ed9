// Curves panel: anchor counts parsing, and a curve computed in the background when the window opens.
#include "app/ui/panels/analysis_panels.h"
#include "app/ui/panels/curves_panel.h"
#include "tests/ui/panels/analysis_fixture.h"

using namespace lb;
using namespace lb::ui;

TEST_CASE("anchor counts are parsed, sorted and deduplicated", "[ui][panels]") {
    std::vector<Index> ks;
    REQUIRE(parseAnchorCounts("300, 10,30,10", ks));
    REQUIRE(ks == std::vector<Index>{10, 30, 300});
    REQUIRE_FALSE(parseAnchorCounts("10,abc", ks));
    REQUIRE(ks.empty());
    REQUIRE_FALSE(parseAnchorCounts("1", ks));  // K >= 2
    REQUIRE_FALSE(parseAnchorCounts("", ks));
}

TEST_CASE("curves panel computes accuracy vs anchors when opened; too large K are skipped", "[ui][panels]") {
    test::PanelFixture f(300);
    registerAnalysisPanels(f.st);
    ExtraPanel* p = f.panel("Stitching curves");
    REQUIRE(p != nullptr);
    REQUIRE_FALSE(p->open);  // closed by default
    f.settle();
    REQUIRE(f.report()["curves"].is_null());
    p->open = true;
    f.settle();
    const nlohmann::json c = f.report()["curves"];
    REQUIRE(c.is_object());
    REQUIRE(c["k"] == nlohmann::json::array({10, 30, 100}));  // 300 and 1000 exceed the 240 training rows
    REQUIRE(c["relative"].size() == 3);
    REQUIRE(c["procrustes"][2].get<double>() >= c["native"].get<double>() - 0.05);  // a rotation: recovered
    REQUIRE(c["native"].get<double>() > 0.9);
    REQUIRE(c["chance"].get<double>() < 0.5);
    // The result stays while nothing changes, and goes when the settings change.
    f.st.session.settings.translation.scaling = Scaling::Standard;
    f.settle();
    REQUIRE(f.report()["curves"].is_null());
}
