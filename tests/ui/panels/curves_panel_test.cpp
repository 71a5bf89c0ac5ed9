// Curves panel: a curve computed in the background when the window opens, equal to the core function's.
#include "app/ui/panels/curves_panel.h"
#include "app/ui/panels/analysis_panels.h"
#include "tests/ui/panels/analysis_fixture.h"

using namespace lb;
using namespace lb::ui;

TEST_CASE("curves panel computes accuracy vs anchors when opened; too large K are skipped", "[ui][panels]") {
    test::PanelFixture f(300);
    registerAnalysisPanels(f.st);
    ExtraPanel* p = f.panel("curves");
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
    CHECK(c["skipped"] == nlohmann::json::array({300, 1000}));
    // The same curve as the core function on the session's pair and settings (source = model_b, the first space
    // that is not the reference; target = the reference).
    const AnchorCurve direct = computeAnchorCurve(anchorCurveInput(f.st.session, 1, 0)).value();
    CHECK(toJson(direct) == c);
    // The result stays while nothing changes, and goes when the settings change.
    f.st.session.settings.translation.scaling = Scaling::Standard;
    f.settle();
    REQUIRE(f.report()["curves"].is_null());
}
