// Bootstrapping parallel anchors (core/relative/anchor_bootstrap.h): the discovered pairs of an independent NumPy
// implementation, exact recovery when one space is a rotated, rescaled and shuffled copy of the other, what the
// pairs do for stitching, and refusals.
#include "core/relative/anchor_bootstrap.h"

#include "core/stitch/paired_anchor_stitching.h"
#include "tests/support/golden_text.h"
#include "tests/support/test_helpers.h"
#include "tests/support/test_paths.h"

#include <catch2/catch.hpp>

#include <numeric>
#include <random>

using namespace lb;

namespace {

using Pairs = std::vector<std::pair<Index, Index>>;

// B = 3·A·R with its rows shuffled: B's row rowInB[i] is A's row i.
struct ShuffledCopy {
    RowMatrixXf a, b;
    std::vector<Index> rowInB;
};

ShuffledCopy shuffledCopy(Index n, Index d, unsigned seed) {
    ShuffledCopy c;
    c.a = test::randomMatrix(n, d, seed);
    const RowMatrixXf rotated = 3.0f * c.a * test::randomRotation(d, seed + 1);
    c.rowInB.resize(static_cast<size_t>(n));
    std::iota(c.rowInB.begin(), c.rowInB.end(), Index{0});
    std::shuffle(c.rowInB.begin(), c.rowInB.end(), std::mt19937(seed + 2));
    c.b.resize(n, d);
    for (Index i = 0; i < n; ++i) c.b.row(c.rowInB[static_cast<size_t>(i)]) = rotated.row(i);
    return c;
}

Pairs truePairs(const ShuffledCopy& c, const std::vector<Index>& rowsOfA) {
    Pairs p;
    for (Index i : rowsOfA) p.emplace_back(i, c.rowInB[static_cast<size_t>(i)]);
    return p;
}

}  // namespace

TEST_CASE("anchor bootstrapping: the NumPy golden pairs", "[relative][bootstrap]") {
    const RowMatrixXf a = test::readTextMatrix(test::dataPath("golden/bootstrap/a.txt")).cast<float>();
    const RowMatrixXf b = test::readTextMatrix(test::dataPath("golden/bootstrap/b.txt")).cast<float>();
    const auto golden = test::readGoldenValues(test::dataPath("golden/bootstrap/expected.txt"));
    Pairs seed;
    for (size_t i = 0; i < golden.at("seed_a").size(); ++i)
        seed.emplace_back(static_cast<Index>(golden.at("seed_a")[i]), static_cast<Index>(golden.at("seed_b")[i]));
    AnchorBootstrapSettings s;
    s.targetCount = static_cast<Index>(golden.at("settings")[0]);
    s.rounds = static_cast<int>(golden.at("settings")[1]);
    const AnchorBootstrap got = bootstrapAnchors(a, b, seed, s).value();
    const std::vector<double>& pairA = golden.at("pair_a");
    REQUIRE(got.pairs.size() == pairA.size());
    for (size_t i = 0; i < pairA.size(); ++i) {
        INFO("pair " << i);
        CHECK(got.pairs[i].a == static_cast<Index>(pairA[i]));
        CHECK(got.pairs[i].b == static_cast<Index>(golden.at("pair_b")[i]));
        CHECK(got.pairs[i].similarity == Approx(golden.at("similarity")[i]).margin(1e-5));
        CHECK(got.pairs[i].round == static_cast<int>(golden.at("round")[i]));
    }
}

TEST_CASE("anchor bootstrapping recovers a rotated, rescaled, shuffled copy exactly", "[relative][bootstrap]") {
    // Cosine relative representations do not see the rotation or the scale: on the true pairs, a sample's row is
    // the same in both spaces, so every mutual best match is the sample itself.
    const ShuffledCopy c = shuffledCopy(500, 8, 11);
    const Pairs seed = truePairs(c, {3, 50, 120, 200, 260, 330, 400, 470});
    AnchorBootstrapSettings s;
    s.targetCount = 120;
    s.rounds = 4;
    const AnchorBootstrap got = bootstrapAnchors(c.a, c.b, seed, s).value();
    REQUIRE(got.pairs.size() == 120);
    CHECK(got.perRound == std::vector<Index>{30, 30, 30, 30});
    for (const DiscoveredPair& p : got.pairs) {
        INFO("pair " << p.a << " " << p.b);
        CHECK(p.b == c.rowInB[static_cast<size_t>(p.a)]);
        CHECK(p.similarity == Approx(1.0).margin(1e-4));
        for (const auto& [sa, sb] : seed) CHECK(p.a != sa);
    }
    SECTION("a seeded sample of candidates per round gives the same right pairs, and the same ones again") {
        s.candidates = 60;
        s.seed = 5;
        const AnchorBootstrap sampled = bootstrapAnchors(c.a, c.b, seed, s).value();
        CHECK(sampled.pairs.size() == 120);
        for (const DiscoveredPair& p : sampled.pairs) CHECK(p.b == c.rowInB[static_cast<size_t>(p.a)]);
        const AnchorBootstrap again = bootstrapAnchors(c.a, c.b, seed, s).value();
        REQUIRE(again.pairs.size() == sampled.pairs.size());
        for (size_t i = 0; i < again.pairs.size(); ++i) CHECK(again.pairs[i].a == sampled.pairs[i].a);
    }
}

TEST_CASE("stitching with anchor pairs: right pairs carry the classes, scrambled ones do not", "[stitch][bootstrap]") {
    // Three separable classes; B a rotated, shuffled copy with keys, so the two spaces' rows match by key.
    const Index n = 600, d = 8;
    RowMatrixXf a = test::randomMatrix(n, d, 21);
    for (Index i = 0; i < n; ++i) a(i, i % 3) += 5.0f;
    const RowMatrixXf b = a * test::randomRotation(d, 22);
    LatentSpace source, target;
    for (LatentSpace* s : {&source, &target}) {
        for (Index i = 0; i < n; ++i) {
            s->keys.push_back("k" + std::to_string(i));
            s->labels.push_back(static_cast<int32_t>(i % 3));
        }
        s->path = s == &source ? "source.npz" : "target.npz";
    }
    source.embeddings = Embeddings(RowMatrixXf(a));
    target.embeddings = Embeddings(RowMatrixXf(b));
    const StitchingData data = prepareStitchingData(source, target, StitchingRows::Only).value();
    Pairs right, scrambled;
    for (Index i = 0; i < 30; ++i) {
        right.emplace_back(i * 7, i * 7);
        scrambled.emplace_back(i * 7, ((i + 1) % 30) * 7 + 1);  // other samples, mostly of other classes
    }
    StitchingOptions o;
    o.methods = {TranslationMethod::Procrustes};
    const StitchingResult good = stitchWithAnchorPairs(source, target, data, right, o).value();
    const StitchingResult bad = stitchWithAnchorPairs(source, target, data, scrambled, o).value();
    CHECK(good.k == 30);
    CHECK(*good.scores.relative > 0.95);
    CHECK(*bad.scores.relative < *good.scores.relative - 0.3);
    CHECK(stitchWithAnchorPairs(source, target, data, {{0, 0}, {n, 1}}, o).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("anchor bootstrapping refuses what it cannot do, and stops on cancel", "[relative][bootstrap]") {
    const ShuffledCopy c = shuffledCopy(40, 4, 31);
    AnchorBootstrapSettings s;
    s.targetCount = 5;
    auto code = [&](const Pairs& seed, const AnchorBootstrapSettings& settings) {
        return bootstrapAnchors(c.a, c.b, seed, settings).error().code;
    };
    CHECK(code({{0, c.rowInB[0]}}, s) == ErrorCode::InvalidArgument);  // one seed pair
    CHECK(code({{0, 1}, {40, 2}}, s) == ErrorCode::InvalidArgument);   // a row out of range
    CHECK(code({{0, 1}, {0, 2}}, s) == ErrorCode::InvalidArgument);    // a source row twice
    CHECK(code({{0, 1}, {2, 1}}, s) == ErrorCode::InvalidArgument);    // a target row twice
    AnchorBootstrapSettings tooMany = s;
    tooMany.targetCount = 39;
    CHECK(code({{0, 1}, {2, 3}}, tooMany) == ErrorCode::InvalidArgument);  // more pairs than rows
    AnchorBootstrapSettings noRounds = s;
    noRounds.rounds = 0;
    CHECK(code({{0, 1}, {2, 3}}, noRounds) == ErrorCode::InvalidArgument);
    JobContext cancelled;
    cancelled.cancel();
    CHECK(bootstrapAnchors(c.a, c.b, {{0, 1}, {2, 3}}, s, cancelled).error().code == ErrorCode::Cancelled);
}
