#include "core/space/row_matching.h"

#include "tests/support/test_helpers.h"

using namespace lb;

static LatentSpace spaceWithKeys(std::vector<std::string> keys, const char* path) {
    LatentSpace s;
    s.path = path;
    s.embeddings = Embeddings(test::randomMatrix(static_cast<Index>(keys.size()), 2, 3));
    s.keys = std::move(keys);
    return s;
}

TEST_CASE("rows are matched by key value whatever the row order", "[space]") {
    const LatentSpace a = spaceWithKeys({"x", "y", "z", "w"}, "a.npz");
    const LatentSpace b = spaceWithKeys({"w", "q", "x", "y"}, "b.npz");
    const Result<RowMatch> m = matchRows(a, b);
    REQUIRE(m.isOk());
    REQUIRE(m->byKey);
    REQUIRE(m->size() == 3);
    for (size_t i = 0; i < m->size(); ++i)
        REQUIRE(a.keys[static_cast<size_t>(m->rowsA[i])] == b.keys[static_cast<size_t>(m->rowsB[i])]);
}

TEST_CASE("rows are matched by index when a space has no keys", "[space]") {
    LatentSpace a = spaceWithKeys({"x", "y", "z"}, "a.npz");
    LatentSpace b;
    b.path = "b.npy";
    b.embeddings = Embeddings(test::randomMatrix(2, 5, 4));
    const Result<RowMatch> m = matchRows(a, b);
    REQUIRE(m.isOk());
    REQUIRE_FALSE(m->byKey);
    REQUIRE(m->rowsA == std::vector<Index>{0, 1});
}

TEST_CASE("pairs with no shared key are refused naming both files", "[space]") {
    const LatentSpace a = spaceWithKeys({"x", "y"}, "a.npz");
    const LatentSpace b = spaceWithKeys({"p", "q"}, "b.npz");
    const Result<RowMatch> m = matchRows(a, b);
    REQUIRE_FALSE(m.isOk());
    REQUIRE(m.error().code == ErrorCode::NoOverlap);
    REQUIRE(m.error().describe().find("a.npz") != std::string::npos);
    REQUIRE(m.error().describe().find("b.npz") != std::string::npos);
}
