// The anchors panel's search: typing a key, class name or text selects the matching samples in every view, and
// they can be added as anchors in one undoable edit.
#include "app/ui/panels/anchors_panel.h"
#include "tests/ui/panels/analysis_fixture.h"

#include <cstring>

using namespace lb;
using namespace lb::ui;

TEST_CASE("anchors panel: search selects by key or class, adds the hits as anchors, clears its own selection",
          "[ui][panels][search]") {
    test::PanelFixture f(240);
    AnchorsPanelState& p = f.st.anchorsPanel;
    f.settle();
    // The box as the user types into it: the next frame searches.
    std::strcpy(p.searchText, "K17");
    f.frame();
    REQUIRE(p.searchedFor == "K17");
    // Keys k17 and k170..k179; the second space stores its rows reversed, matched by key to the same samples.
    std::vector<Index> expected{17};
    for (Index i = 170; i < 180; ++i) expected.push_back(i);
    CHECK(p.searchHits == expected);
    CHECK(f.st.selectionRef == expected);

    // Class "bird" is label 2: every third sample.
    searchSamples(f.st, p, "bird");
    REQUIRE(p.searchHits.size() == 80);
    for (Index r : p.searchHits) CHECK(r % 3 == 2);
    const size_t before = f.st.session.anchors().size();
    const size_t alreadyAnchors = static_cast<size_t>(
        std::count_if(p.searchHits.begin(), p.searchHits.end(), [&](Index r) { return f.st.session.isAnchor(r); }));
    REQUIRE(addSearchHitsAsAnchors(f.st, p));
    CHECK(f.st.session.anchors().size() == before + 80 - alreadyAnchors);
    for (Index r : p.searchHits) CHECK(f.st.session.isAnchor(r));
    REQUIRE(f.st.session.undo());
    CHECK(f.st.session.anchors().size() == before);

    // Emptying the box clears the selection the search made, not one the user made since.
    std::strcpy(p.searchText, "");
    f.frame();
    CHECK(f.st.selectionRef.empty());
    searchSamples(f.st, p, "dog");
    setSelection(f.st, {3, 4});
    searchSamples(f.st, p, "");
    CHECK(f.st.selectionRef == std::vector<Index>{3, 4});
}
