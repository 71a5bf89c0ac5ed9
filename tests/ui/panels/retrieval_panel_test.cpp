// Retrieval panel: its jobs give crossRetrieval's answers for the chosen query and for the seeded summary queries,
// typing finds queries by key, and a new query is computed when picked.
#include "app/ui/panels/retrieval_panel.h"

#include "core/analysis/pair_rows.h"
#include "core/session/sample_search.h"
#include "tests/ui/panels/analysis_fixture.h"

using namespace lb;
using namespace lb::ui;

TEST_CASE("retrieval panel: the chosen query's matches and the summary are crossRetrieval's", "[ui][panels]") {
    test::PanelFixture f;
    f.st.session.settings.translation.scaling = Scaling::Center;  // the fixture's B is an exact rotation of A
    RetrievalPanelState p;
    f.extra = [&] {
        ImGui::Begin("retrieval test");
        drawRetrievalPanel(f.st, p, PanelContext{});
        ImGui::End();
    };
    f.settle();
    nlohmann::json r = retrievalReport(f.st, p);
    REQUIRE(r.is_object());
    CHECK(r["current"].get<bool>());
    // The default pair: A = the first space that is not the reference, B = the reference; the default query is the
    // first shared sample that is not an anchor.
    const PairRows rows = pairRows(f.st.session, 1, 0);
    const Index query =
        rows.rowsA[static_cast<size_t>(positionsExcept(static_cast<Index>(rows.rowsA.size()), rows.anchors).front())];
    CHECK(r["query"] == query);
    CHECK(r["truth"] ==
          rows.rowsB[static_cast<size_t>(std::find(rows.rowsA.begin(), rows.rowsA.end(), query) - rows.rowsA.begin())]);
    // A rotated copy: relative and translated find the true counterpart first, for the query and in the summary.
    for (const char* route : {"relative", "translated"}) {
        CHECK(r["routes"][route]["true_rank"] == 0);
        CHECK(r["routes"][route]["top"][0] == r["truth"]);
        CHECK(r["summary"][route]["top1"].get<double>() == 1.0);
    }
    CHECK(r["summary_queries"].get<Index>() > 100);
    // Typing a key finds that sample; picking it recomputes.
    p.text = "k17";
    p.found = findRows(*f.st.session.entry(1).space, p.text);
    REQUIRE_FALSE(p.found.empty());
    p.query = p.found.front();
    f.settle();
    r = retrievalReport(f.st, p);
    CHECK(r["query"] == p.query);
    CHECK(r["current"].get<bool>());
}
