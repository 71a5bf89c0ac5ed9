// Anchor selection (random, per-class, farthest-point, k-means) and anchor files.

#include "core/relative/anchor_selection.h"

#include "tests/support/test_helpers.h"

#include <map>
#include <set>

using namespace lb;
using lb::test::randomMatrix;

namespace {
std::vector<Index> select(const RowMatrixXf& X, AnchorStrategy s, Index k, uint64_t seed,
                          const std::vector<int32_t>& labels = {}) {
    AnchorSelectionOptions o;
    o.strategy = s;
    o.count = k;
    o.seed = seed;
    Result<std::vector<Index>> r = selectAnchors(X, labels, o);
    REQUIRE(r.isOk());
    REQUIRE(static_cast<Index>(r->size()) == k);
    REQUIRE(std::set<Index>(r->begin(), r->end()).size() == r->size());  // distinct
    for (Index i : *r) REQUIRE((i >= 0 && i < X.rows()));
    return *r;
}

LatentSpace makeSpace(Index n, bool keys) {
    LatentSpace s;
    s.path = "space.npy";
    s.embeddings = Embeddings(randomMatrix(n, 3, 1));
    if (keys)
        for (Index i = 0; i < n; ++i) s.keys.push_back("w" + std::to_string(i));
    return s;
}
}  // namespace

TEST_CASE("every strategy is deterministic per seed and returns distinct rows", "[anchors]") {
    const RowMatrixXf X = randomMatrix(300, 8, 31);
    std::vector<int32_t> labels(300);
    for (size_t i = 0; i < labels.size(); ++i) labels[i] = static_cast<int32_t>(i % 7);
    for (AnchorStrategy s : {AnchorStrategy::Random, AnchorStrategy::PerClass, AnchorStrategy::FarthestPoint,
                             AnchorStrategy::KMeans, AnchorStrategy::Prototypes}) {
        INFO(anchorStrategyName(s));
        const auto a = select(X, s, 20, 5, labels);
        CHECK(select(X, s, 20, 5, labels) == a);
        CHECK(select(X, s, 20, 6, labels) != a);
    }
    CHECK(select(X, AnchorStrategy::Random, 300, 1).size() == 300);  // K = N is a permutation
}

TEST_CASE("random subsets are uniform without replacement", "[anchors]") {
    // Each of 10 values drawn as the first pick ~ 1/10 of the time over many seeds.
    std::vector<int> first(10, 0);
    for (uint64_t seed = 0; seed < 5000; ++seed) ++first[static_cast<size_t>(randomSubset(10, 3, seed)[0])];
    for (int c : first) CHECK((c > 400 && c < 600));
    CHECK(randomSubset(5, 0, 1).empty());
}

TEST_CASE("per-class anchors are balanced across classes", "[anchors]") {
    const RowMatrixXf X = randomMatrix(100, 4, 32);
    std::vector<int32_t> labels(100);
    for (size_t i = 0; i < 100; ++i) labels[i] = i < 70 ? 0 : (i < 90 ? 1 : 2);  // 70 / 20 / 10
    const auto a = select(X, AnchorStrategy::PerClass, 12, 3, labels);
    std::vector<int> count(3, 0);
    for (Index r : a) ++count[static_cast<size_t>(labels[static_cast<size_t>(r)])];
    CHECK(count == std::vector<int>{4, 4, 4});
    // A small class runs out: the others fill the remaining slots round-robin.
    const auto b = select(X, AnchorStrategy::PerClass, 40, 3, labels);
    std::fill(count.begin(), count.end(), 0);
    for (Index r : b) ++count[static_cast<size_t>(labels[static_cast<size_t>(r)])];
    CHECK(count == std::vector<int>{15, 15, 10});
}

TEST_CASE("farthest-point sampling picks the farthest normalized row each step", "[anchors]") {
    const RowMatrixXf X = randomMatrix(150, 5, 33);
    const auto a = select(X, AnchorStrategy::FarthestPoint, 15, 9);
    Eigen::MatrixXd U = X.cast<double>();
    U.rowwise().normalize();
    for (size_t step = 1; step < a.size(); ++step) {
        // Brute force: min distance of every row to the anchors chosen so far.
        Eigen::VectorXd minD = Eigen::VectorXd::Constant(150, 1e300);
        for (size_t j = 0; j < step; ++j)
            for (Index i = 0; i < 150; ++i) minD[i] = std::min(minD[i], (U.row(i) - U.row(a[j])).squaredNorm());
        INFO("step " << step);
        CHECK(minD[a[step]] >= minD.maxCoeff() - 1e-5);
    }
}

TEST_CASE("k-means anchors are real rows near cluster centres", "[anchors]") {
    // Four tight direction clusters: one anchor per cluster.
    RowMatrixXf X = randomMatrix(200, 4, 34) * 0.01f;
    for (Index i = 0; i < 200; ++i) X(i, i % 4) += 1.0f;
    const auto a = select(X, AnchorStrategy::KMeans, 4, 2);
    std::set<Index> clusters;
    for (Index r : a) clusters.insert(r % 4);
    CHECK(clusters.size() == 4);
}

TEST_CASE("prototype anchors: K split over the classes by size, each a real sample near a class centre", "[anchors]") {
    // Three classes of 200, 100 and 50 rows; each class is two tight direction clusters (sub-classes).
    const Index n = 350;
    RowMatrixXf X = randomMatrix(n, 6, 36) * 0.01f;
    std::vector<int32_t> labels(static_cast<size_t>(n));
    for (Index i = 0; i < n; ++i) {
        const int32_t c = i < 200 ? 0 : i < 300 ? 1 : 2;
        labels[static_cast<size_t>(i)] = c;
        X(i, 2 * c + (i % 2)) += 1.0f;  // class c: clusters along dims 2c and 2c + 1
    }
    const auto a = select(X, AnchorStrategy::Prototypes, 7, 3, labels);
    std::map<int32_t, std::set<Index>> clustersOf;
    for (Index r : a) clustersOf[labels[static_cast<size_t>(r)]].insert(r % 2);
    // 7 anchors over sizes 200 / 100 / 50: exact shares 4, 2, 1.
    REQUIRE(clustersOf.size() == 3);
    CHECK(clustersOf[0].size() == 2);  // its 4 anchors cover both of its clusters
    CHECK(clustersOf[1].size() == 2);  // 2 anchors: one per cluster (k-means on the class alone)
    CHECK(clustersOf[2].size() == 1);
    size_t perClass[3] = {0, 0, 0};
    for (Index r : a) ++perClass[labels[static_cast<size_t>(r)]];
    CHECK(perClass[0] == 4);
    CHECK(perClass[1] == 2);
    CHECK(perClass[2] == 1);
    // Fewer anchors than classes: the largest classes first; every row of a class when K = N.
    CHECK(select(X, AnchorStrategy::Prototypes, 2, 3, labels).size() == 2);
    CHECK(select(X, AnchorStrategy::Prototypes, n, 3, labels).size() == static_cast<size_t>(n));
    AnchorSelectionOptions o;
    o.strategy = AnchorStrategy::Prototypes;
    o.count = 3;
    CHECK(selectAnchors(X, {}, o).error().code == ErrorCode::InvalidArgument);  // needs labels
    AnchorStrategy s;
    CHECK(parseAnchorStrategy("prototypes", s));
    CHECK(s == AnchorStrategy::Prototypes);
}

TEST_CASE("anchor selection refuses impossible requests", "[anchors]") {
    const RowMatrixXf X = randomMatrix(10, 3, 35);
    AnchorSelectionOptions o;
    o.count = 0;
    CHECK(selectAnchors(X, {}, o).error().code == ErrorCode::InvalidArgument);
    o.count = 11;
    CHECK(selectAnchors(X, {}, o).error().code == ErrorCode::InvalidArgument);
    o.count = 3;
    o.strategy = AnchorStrategy::PerClass;
    CHECK(selectAnchors(X, {}, o).error().code == ErrorCode::InvalidArgument);
    JobContext ctx;
    ctx.cancel();
    o.strategy = AnchorStrategy::FarthestPoint;
    CHECK(selectAnchors(X, {}, o, ctx).error().code == ErrorCode::Cancelled);
    AnchorStrategy s;
    CHECK(parseAnchorStrategy("fps", s));
    CHECK(s == AnchorStrategy::FarthestPoint);
}

TEST_CASE("anchor files round-trip keys and indices", "[anchors]") {
    test::TempDir dir;
    for (bool keys : {true, false}) {
        const LatentSpace s = makeSpace(20, keys);
        const std::vector<Index> rows{7, 0, 19, 3};
        REQUIRE(writeAnchorFile(dir.file("a.txt"), s, rows).isOk());
        Result<std::vector<Index>> back = readAnchorFile(dir.file("a.txt"), s);
        REQUIRE(back.isOk());
        CHECK(*back == rows);
    }
    const LatentSpace s = makeSpace(20, true);
    const std::string path = dir.write("c.txt", "# comment\n\n  w4 \r\nw5\n");
    CHECK(*readAnchorFile(path, s) == std::vector<Index>{4, 5});
}

TEST_CASE("anchor file errors name the file and the line", "[anchors]") {
    test::TempDir dir;
    const LatentSpace keyed = makeSpace(20, true), plain = makeSpace(20, false);
    auto expectError = [](const Result<std::vector<Index>>& r, const std::string& line) {
        REQUIRE_FALSE(r.isOk());
        CHECK(r.error().code == ErrorCode::BadInput);
        CHECK(r.error().detail == line);
        CHECK(!r.error().path.empty());
    };
    expectError(readAnchorFile(dir.write("m.txt", "w1\nnope\n"), keyed), "line 2");
    expectError(readAnchorFile(dir.write("d.txt", "w1\n# c\nw1\n"), keyed), "line 3");
    expectError(readAnchorFile(dir.write("r.txt", "3\n20\n"), plain), "line 2");
    expectError(readAnchorFile(dir.write("n.txt", "-1\n"), plain), "line 1");
    const auto empty = readAnchorFile(dir.write("e.txt", "# nothing\n"), plain);
    CHECK(empty.error().code == ErrorCode::BadInput);
    CHECK(readAnchorFile(dir.file("missing.txt"), plain).error().code == ErrorCode::Io);
    LatentSpace odd = makeSpace(3, true);
    odd.keys[1] = "#hidden";
    CHECK(writeAnchorFile(dir.file("o.txt"), odd, {1}).code() == ErrorCode::InvalidArgument);
    CHECK(writeAnchorFile(dir.file("o.txt"), plain, {25}).code() == ErrorCode::InvalidArgument);
}
