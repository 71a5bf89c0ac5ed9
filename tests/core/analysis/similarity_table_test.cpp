// The similarity table (core/analysis/similarity_table.h): its columns against the metrics computed directly on
// the evaluated rows, the anchor protocols, the cosine baseline, and what a previous table lends the next.
#include "core/analysis/similarity_table.h"
#include "core/analysis/settings_json.h"

#include "core/jobs/concurrency.h"
#include "core/metrics/knn.h"
#include "core/metrics/pointwise.h"
#include "core/metrics/retrieval.h"
#include "core/metrics/sampling.h"
#include "core/space/row_matching.h"
#include "tests/core/analysis/analysis_fixture.h"

#include <catch2/catch.hpp>

using namespace lb;

namespace {

const MetricValue& at(const SimilarityTable& t, SimilarityMetric m, SimilarityColumn c) {
    return t.at(m, c);
}

// The fixture's default pair (A = model_b, B = model_a, the reference) with the given sampling.
SimilarityInput pairInput(const Session& s, Index queries, Index rbfRows) {
    SimilarityInput in = similarityInput(s, 1, 0);
    in.settings.maxQueries = queries;
    in.settings.rbfRows = rbfRows;
    return in;
}

// Rows of the pair evaluated under the input's protocol (the seeded subsample of maxRows of them when set),
// gathered: E x D.
RowMatrixXf evaluatedRows(const SimilarityInput& in, bool first) {
    const std::vector<Index> eval = evaluatedPositions(in.rows, in.settings.protocol);
    std::vector<Index> rows;
    for (Index i : sampleRows(static_cast<Index>(eval.size()), in.settings.maxRows, in.settings.seed))
        rows.push_back((first ? in.rows.rowsA : in.rows.rowsB)[static_cast<size_t>(eval[static_cast<size_t>(i)])]);
    return gatherRows((first ? in.a : in.b)->embeddings.view(), rows);
}

RowMatrixXf anchorRows(const SimilarityInput& in, bool first) {
    std::vector<Index> rows;
    for (Index p : in.rows.anchors) rows.push_back((first ? in.rows.rowsA : in.rows.rowsB)[static_cast<size_t>(p)]);
    return gatherRows((first ? in.a : in.b)->embeddings.view(), rows);
}

// The table's kNN queries, as indices among the evaluated rows (docs/methods.md §4): with every protocol row
// evaluated, the first maxQueries evaluated rows in the seeded permutation of all M shared rows (so they stay put
// while anchors change); on a maxRows subsample, a seeded sample of its rows.
std::vector<Index> tableQueries(const SimilarityInput& in) {
    const std::vector<Index> eval = evaluatedPositions(in.rows, in.settings.protocol);
    const auto e = static_cast<Index>(eval.size());
    if (in.settings.maxRows > 0 && in.settings.maxRows < e)
        return sampleRows(in.settings.maxRows, in.settings.maxQueries, in.settings.seed);
    const auto m = static_cast<Index>(in.rows.rowsA.size());
    std::vector<Index> indexOf(static_cast<size_t>(m), -1);
    for (Index i = 0; i < e; ++i) indexOf[static_cast<size_t>(eval[static_cast<size_t>(i)])] = i;
    const Index q = in.settings.maxQueries > 0 ? std::min(in.settings.maxQueries, e) : e;
    std::vector<Index> out;
    for (Index p : seededPermutation(m, in.settings.seed))
        if (static_cast<Index>(out.size()) < q && indexOf[static_cast<size_t>(p)] >= 0)
            out.push_back(indexOf[static_cast<size_t>(p)]);
    std::sort(out.begin(), out.end());
    return out;
}

KnnAgreementOptions knnOptions(const SimilarityInput& in) {
    KnnAgreementOptions o;
    o.kJaccard = in.settings.kJaccard;
    o.kMrr = in.settings.kMrr;
    o.queries = tableQueries(in);
    return o;
}

// Top-1 and top-5 retrieval of S's query rows among T's rows, by a direct search.
std::pair<double, double> retrievalOf(const RowMatrixXf& S, const RowMatrixXf& T, const std::vector<Index>& queries) {
    RowMatrixXf q(static_cast<Index>(queries.size()), S.cols());
    for (Index i = 0; i < q.rows(); ++i) q.row(i) = S.row(queries[static_cast<size_t>(i)]);
    const IndexMatrix top = cosineTopK(q, T, std::min<Index>(5, T.rows())).value();
    double top1 = 0, top5 = 0;
    for (Index i = 0; i < q.rows(); ++i)
        for (Index r = 0; r < top.cols(); ++r)
            if (top(i, r) == queries[static_cast<size_t>(i)]) {
                top1 += r == 0;
                top5 += 1;
            }
    return {top1 / static_cast<double>(q.rows()), top5 / static_cast<double>(q.rows())};
}

// Every metric of `col` in table t against the metrics computed directly on S and T (E rows each, the column's
// two sides on the evaluated rows of `in`): kNN exactly (same lists) unless `knnMargin` allows more, the means within
// `margin`.
void checkColumnAgainstDirect(const SimilarityTable& t, const SimilarityInput& in, SimilarityColumn col,
                              const RowMatrixXf& S, const RowMatrixXf& T, double margin, double knnMargin = 1e-9) {
    CAPTURE(similarityColumnKey(col));
    using M = SimilarityMetric;
    RbfCkaOptions rbf;
    rbf.maxRows = in.settings.rbfRows;
    rbf.seed = in.settings.seed;
    CHECK(at(t, M::LinearCka, col).value == Approx(linearCka(S, T).value()).margin(1e-5));
    CHECK(at(t, M::RbfCka, col).value == Approx(rbfCka(S, T, rbf).value().value).margin(1e-4));
    const KnnAgreement knn = knnAgreement(S, T, knnOptions(in)).value();
    CHECK(at(t, M::Jaccard, col).value == Approx(knn.jaccard).margin(knnMargin));
    CHECK(at(t, M::Mrr, col).value == Approx(knn.mrr).margin(knnMargin));
    CHECK(at(t, M::Jaccard, col).stdErr == Approx(knn.jaccardStdErr).margin(knnMargin));
    // Retrieval from the same search, against a search of its own.
    const auto [top1, top5] = retrievalOf(S, T, tableQueries(in));
    CHECK(at(t, M::Top1, col).value == Approx(top1).margin(1e-12));
    CHECK(at(t, M::Top5, col).value == Approx(top5).margin(1e-12));
    const std::vector<Index> partner = seededDerangement(S.rows(), in.settings.seed);
    CHECK(at(t, M::MeanCosine, col).value == Approx(meanCosine(S, T).value()).margin(margin));
    CHECK(at(t, M::RandomPairCosine, col).value == Approx(meanCosineOfPairs(S, T, partner).value()).margin(margin));
    CHECK(at(t, M::Mse, col).value == Approx(meanSquaredError(S, T).value()).margin(margin));
}

}  // namespace

TEST_CASE("similarity table: rotated copies agree in relative and translated space; anchors are left out",
          "[analysis][similarity]") {
    Session s;
    test::fillRotatedSession(s);
    const SimilarityTable t = computeSimilarityTable(similarityInput(s, 1, 0)).value();
    REQUIRE(t.nameA == "model_b");
    REQUIRE(t.matched == 240);
    REQUIRE(t.k == 40);
    CHECK(t.evaluated == 200);  // the standard protocol: every metric on the 200 rows that are not anchors
    using M = SimilarityMetric;
    using C = SimilarityColumn;
    // Cosine relative representations are rotation invariant: identical in both spaces.
    CHECK(at(t, M::LinearCka, C::Relative).value == Approx(1.0).margin(1e-4));
    CHECK(at(t, M::MeanCosine, C::Relative).value == Approx(1.0).margin(1e-4));
    CHECK(at(t, M::Jaccard, C::Relative).value == Approx(1.0).margin(1e-6));
    CHECK(at(t, M::Top1, C::Relative).value == Approx(1.0).margin(1e-6));
    // The baseline of the mean cosine: unrelated samples agree far less than matched ones.
    CHECK(at(t, M::RandomPairCosine, C::Relative).value < at(t, M::MeanCosine, C::Relative).value - 0.05);
    // Procrustes with centering recovers the rotation: translated A equals B.
    CHECK(at(t, M::MeanCosine, C::Translated).value == Approx(1.0).margin(1e-3));
    CHECK(at(t, M::Mse, C::Translated).value == Approx(0.0).margin(1e-3));
    // Raw rotated vectors: same geometry (CKA 1), unrelated axes.
    CHECK(at(t, M::LinearCka, C::Absolute).value == Approx(1.0).margin(1e-4));
    CHECK(at(t, M::MeanCosine, C::Absolute).value < 0.9);
    const nlohmann::json j = toJson(t);
    CHECK(j["evaluated"] == 200);
    CHECK(j["settings"]["similarity"]["protocol"] == "standard");
    CHECK(j["settings"]["translation"]["scaling"] == "center");
}

TEST_CASE("similarity table: every column equals the metrics computed directly on the evaluated rows",
          "[analysis][similarity]") {
    Session s;
    test::fillRotatedSession(s, 200, 8, 6);  // K = 40 anchors > both widths: the compact relative form is used
    // Centered and standardized reps; and the default ones, linear in the normalized rows, whose linear CKA comes
    // from the pair's moments of those rows. Both protocols.
    const bool plain = GENERATE(false, true);
    const bool paper = GENERATE(false, true);
    const Index maxRows = GENERATE(Index{0}, Index{90});  // every evaluated row, or a seeded subsample of them
    INFO((plain ? "cosine, no transform, no post-normalization" : "center + standardize")
         << (paper ? ", paper" : "") << ", rows " << maxRows);
    if (!plain) {
        s.settings.relative.transform = AbsoluteTransform::Center;
        s.settings.relative.post = PostNormalization::Standardize;
    }
    if (paper) s.settings.similarity.protocol = EvaluationProtocol::Paper;
    s.settings.similarity.maxQueries = 60;
    s.settings.similarity.rbfRows = 120;
    s.settings.similarity.maxRows = maxRows;
    const SimilarityInput in = similarityInput(s, 1, 0);
    if (paper) {  // every row a query, k = 5 for both
        CHECK(in.settings.maxQueries == 0);
        CHECK(in.settings.kJaccard == 5);
        CHECK(in.settings.kMrr == 5);
    }
    const SimilarityTable t = computeSimilarityTable(in).value();
    CHECK(t.evaluated == (maxRows > 0 ? maxRows : paper ? 200 : 160));
    CHECK(static_cast<bool>(t.abUnitLinear) == plain);
    const RowMatrixXf A = evaluatedRows(in, true), B = evaluatedRows(in, false);
    const RowMatrixXf ra = relativeProjection(A, anchorRows(in, true), in.relative).value();
    const RowMatrixXf rb = relativeProjection(B, anchorRows(in, false), in.relative).value();
    const Translator tr = Translator::fit(anchorRows(in, true), anchorRows(in, false), in.translation).value();
    const RowMatrixXf ta = tr.apply(A);
    using M = SimilarityMetric;
    checkColumnAgainstDirect(t, in, SimilarityColumn::Relative, ra, rb, 1e-5);
    checkColumnAgainstDirect(t, in, SimilarityColumn::Translated, ta, B, 1e-6);
    // Different widths: the absolute column has CKAs only.
    CHECK(at(t, M::LinearCka, SimilarityColumn::Absolute).value == Approx(linearCka(A, B).value()).margin(1e-6));
    CHECK_FALSE(at(t, M::Jaccard, SimilarityColumn::Absolute).ok);
    CHECK(at(t, M::Mse, SimilarityColumn::Absolute).why.find("dims") != std::string::npos);
    // 60 of 160 rows are queries under the standard protocol: the means carry standard errors; every row under
    // the paper's.
    CHECK((at(t, M::Jaccard, SimilarityColumn::Relative).stdErr > 0) == !paper);
}

TEST_CASE("similarity table: a previous table lends its absolute column only for the same evaluated rows",
          "[analysis][similarity]") {
    Session s;
    test::fillRotatedSession(s);
    SimilarityInput in = pairInput(s, 50, 100);
    const auto first = std::make_shared<const SimilarityTable>(computeSimilarityTable(in).value());
    REQUIRE(first->nQueries == 50);
    REQUIRE(first->bKernel);
    REQUIRE(first->abLinear);
    // Other relative settings, same rows: the absolute column and B's sides come from the previous table.
    s.settings.relative.post = PostNormalization::L2;
    SimilarityInput other = pairInput(s, 50, 100);
    auto fake = std::make_shared<SimilarityTable>(*first);
    fake->v[static_cast<int>(SimilarityMetric::LinearCka)][static_cast<int>(SimilarityColumn::Absolute)].value = 0.123;
    other.previous = fake;
    const SimilarityTable reused = computeSimilarityTable(other).value();
    CHECK(reused.at(SimilarityMetric::LinearCka, SimilarityColumn::Absolute).value == 0.123);
    CHECK(reused.bKernel == first->bKernel);
    CHECK(reused.abLinear == first->abLinear);
    for (SimilarityMetric m : {SimilarityMetric::RbfCka, SimilarityMetric::Jaccard, SimilarityMetric::Mrr})
        CHECK(reused.at(m, SimilarityColumn::Translated).value == first->at(m, SimilarityColumn::Translated).value);
    // One more anchor: under the standard protocol the evaluated rows change, so nothing is taken.
    Index added = 0;
    while (s.isAnchor(added)) ++added;
    s.toggleAnchor(added);
    SimilarityInput moved = pairInput(s, 50, 100);
    moved.previous = fake;
    const SimilarityTable fresh = computeSimilarityTable(moved).value();
    CHECK(fresh.evaluated == first->evaluated - 1);
    CHECK(fresh.at(SimilarityMetric::LinearCka, SimilarityColumn::Absolute).value != 0.123);
    CHECK(fresh.bKernel != first->bKernel);
    // Under the paper protocol the rows are every shared sample, whatever the anchors: taken again.
    s.settings.similarity.protocol = EvaluationProtocol::Paper;
    const auto paperFirst =
        std::make_shared<const SimilarityTable>(computeSimilarityTable(similarityInput(s, 1, 0)).value());
    s.toggleAnchor(added);
    SimilarityInput paperNext = similarityInput(s, 1, 0);
    paperNext.previous = paperFirst;
    CHECK(computeSimilarityTable(paperNext).value().bKernel == paperFirst->bKernel);
}

TEST_CASE("similarity table: the neighbour lists kept across anchor edits give the numbers of a fresh table",
          "[analysis][similarity]") {
    Session s;
    test::fillRotatedSession(s, 240, 8, 8);
    s.settings.similarity.maxQueries = 80;
    const auto first =
        std::make_shared<const SimilarityTable>(computeSimilarityTable(similarityInput(s, 1, 0)).value());
    REQUIRE(first->pairNeighbours);
    // Anchor edits: one more random-looking row, then the 120 nearest neighbours of a row and the row itself
    // (a dense selection: its neighbours' kept lists lose more rows than their slack and are searched again).
    std::vector<std::vector<Index>> edits;
    {
        std::vector<Index> one = s.anchors();
        one.push_back(7);
        edits.push_back(one);
        const RowMatrixXf b = gatherRows(s.entry(0).space->embeddings.view(), {0});
        const IndexMatrix near = cosineTopK(b, s.entry(0).space->embeddings.view(), 121).value();
        std::vector<Index> dense = s.anchors();
        for (Index r = 0; r < near.cols(); ++r)
            if (std::find(dense.begin(), dense.end(), near(0, r)) == dense.end()) dense.push_back(near(0, r));
        edits.push_back(dense);
    }
    std::shared_ptr<const SimilarityTable> previous = first;
    for (const std::vector<Index>& anchors : edits) {
        s.setAnchors(anchors, "edit");
        SimilarityInput kept = similarityInput(s, 1, 0);
        kept.previous = previous;
        const SimilarityTable withLists = computeSimilarityTable(kept).value();
        CHECK(withLists.pairNeighbours == first->pairNeighbours);  // taken, not searched again
        const SimilarityTable fresh = computeSimilarityTable(similarityInput(s, 1, 0)).value();
        CHECK(fresh.pairNeighbours != first->pairNeighbours);
        CHECK(withLists.nQueries == 80);
        // The absolute column's lists, filtered, against a direct search among the evaluated rows.
        const SimilarityInput in = similarityInput(s, 1, 0);
        const KnnAgreement direct =
            knnAgreement(evaluatedRows(in, true), evaluatedRows(in, false), knnOptions(in)).value();
        CHECK(withLists.at(SimilarityMetric::Jaccard, SimilarityColumn::Absolute).value == Approx(direct.jaccard));
        CHECK(withLists.at(SimilarityMetric::Mrr, SimilarityColumn::Absolute).value == Approx(direct.mrr));
        for (int m = 0; m < kSimilarityMetrics; ++m)
            for (int c = 0; c < kSimilarityColumns; ++c) {
                INFO(similarityMetricKey(static_cast<SimilarityMetric>(m))
                     << " " << similarityColumnKey(static_cast<SimilarityColumn>(c)));
                CHECK(withLists.v[m][c].ok == fresh.v[m][c].ok);
                CHECK(withLists.v[m][c].value == fresh.v[m][c].value);
                CHECK(withLists.v[m][c].stdErr == fresh.v[m][c].stdErr);
            }
        previous = std::make_shared<const SimilarityTable>(withLists);
    }
}

TEST_CASE("similarity table: columns not asked for are marked; cancellation stops every column",
          "[analysis][similarity]") {
    Session s;
    test::fillRotatedSession(s, 200, 8, 6);
    SimilarityInput in = pairInput(s, 60, 80);
    in.columns = {false, true, false};
    const SimilarityTable t = computeSimilarityTable(in).value();
    CHECK(t.at(SimilarityMetric::Jaccard, SimilarityColumn::Relative).ok);
    CHECK(t.at(SimilarityMetric::LinearCka, SimilarityColumn::Translated).why == "not asked for");
    CHECK(t.at(SimilarityMetric::LinearCka, SimilarityColumn::Absolute).why == "not asked for");
    JobContext cancelled;
    cancelled.cancel();
    in.columns = {true, true, true};
    CHECK(computeSimilarityTable(in, cancelled).error().code == ErrorCode::Cancelled);
    // A helper context follows its parent's cancellation and keeps its own progress.
    JobContext parent;
    JobContext helper(&parent);
    helper.setStage("helper stage", 4);
    CHECK_FALSE(helper.cancelled());
    parent.cancel();
    CHECK(helper.cancelled());
    CHECK(parent.stage().empty());
}

TEST_CASE("similarity table: the relative column alone gives the bits of the whole table's relative column",
          "[analysis][similarity]") {
    // Alone, the relative column reads the spaces block by block and draws its queries without the searches among
    // B's rows that the other columns need: neither may change a number.
    Session s;
    test::fillRotatedSession(s, 600, 24, 20);  // 40 anchors: K > D (compact), and below K ≤ D (full)
    for (const Index kept : {Index{40}, Index{12}}) {
        std::vector<Index> anchors = s.anchors();
        anchors.resize(static_cast<size_t>(kept));
        s.setAnchors(anchors, "fewer anchors");
        CAPTURE(kept);
        for (const Index rows : {Index{0}, Index{300}}) {  // every evaluated row (the CLI), a subsample (the preview)
            CAPTURE(rows);
            SimilarityInput in = pairInput(s, 120, 100);
            in.settings.maxRows = rows;
            const SimilarityTable whole = computeSimilarityTable(in).value();
            in.columns = {false, true, false};
            const SimilarityTable alone = computeSimilarityTable(in).value();
            for (int m = 0; m < kSimilarityMetrics; ++m) {
                const auto metric = static_cast<SimilarityMetric>(m);
                CAPTURE(similarityMetricKey(metric));
                const MetricValue &w = at(whole, metric, SimilarityColumn::Relative),
                                  &a = at(alone, metric, SimilarityColumn::Relative);
                CHECK(w.ok == a.ok);
                CHECK(w.value == a.value);
                CHECK(w.stdErr == a.stdErr);
            }
            CHECK(at(alone, SimilarityMetric::Jaccard, SimilarityColumn::Relative).ok);
            CHECK(whole.nQueries == alone.nQueries);
        }
    }
}

TEST_CASE(
    "similarity table: every column streamed over several blocks and two halves equals the metrics of the whole "
    "matrices",
    "[analysis][similarity]") {
    // 40,000 rows: each column's pass (relative_column.h, streamed_column.h) cuts them into blocks over two halves,
    // and the searches among B's shared rows (pair_neighbours.h) read B in blocks.
    Session s;
    test::fillRotatedSession(s, 40000, 24, 24, 0.3f);
    const bool compact = GENERATE(true, false);  // 40 anchors > both widths, or 12 (K <= D: R itself)
    // Every evaluated row (the CLI: the pair's lists), or a subsample of three blocks (searched during the pass).
    const Index maxRows = GENERATE(Index{0}, Index{10000});
    // An affine translation (linear CKA from A's and B's moments), or one with L2 normalization (streamed).
    const bool l2 = GENERATE(false, true);
    CAPTURE(compact, maxRows, l2);
    if (!compact) {
        std::vector<Index> anchors = s.anchors();
        anchors.resize(12);
        s.setAnchors(anchors, "fewer anchors");
    }
    s.settings.translation.l2 = l2;
    SimilarityInput in = pairInput(s, 300, 150);
    in.settings.maxRows = maxRows;
    const SimilarityTable t = computeSimilarityTable(in).value();
    REQUIRE(t.evaluated == (maxRows > 0 ? maxRows : 40000 - (compact ? 40 : 12)));
    const RowMatrixXf A = evaluatedRows(in, true), B = evaluatedRows(in, false);
    const RowMatrixXf ra = relativeProjection(A, anchorRows(in, true), in.relative).value();
    const RowMatrixXf rb = relativeProjection(B, anchorRows(in, false), in.relative).value();
    const RowMatrixXf ta =
        Translator::fit(anchorRows(in, true), anchorRows(in, false), in.translation).value().apply(A);
    CHECK(t.nQueries == 300);
    checkColumnAgainstDirect(t, in, SimilarityColumn::Absolute, A, B, 1e-6);
    // The compact relative rows (N × D coordinates of the N × K matrix) give the same cosines rounded differently,
    // so a near-tie among 40,000 rows may swap one neighbour of one query: the means over 300 queries then move by
    // less than 1 / 300. Without the compact form the lists are the same.
    checkColumnAgainstDirect(t, in, SimilarityColumn::Relative, ra, rb, 1e-6, compact ? 1.0 / 300 : 1e-9);
    checkColumnAgainstDirect(t, in, SimilarityColumn::Translated, ta, B, 1e-6);
    // The same numbers whatever the caller's thread count (the two halves run on two threads either way).
    const ScopedOmpThreads one(1);
    const SimilarityTable again = computeSimilarityTable(in).value();
    for (int m = 0; m < kSimilarityMetrics; ++m)
        for (int c = 0; c < kSimilarityColumns; ++c) CHECK(again.v[m][c].value == t.v[m][c].value);
}

TEST_CASE("similarity settings: the preview's sizes and the paper protocol's fixed values", "[analysis][similarity]") {
    SimilaritySettings s;
    const SimilaritySettings exact = effectiveSimilaritySettings(s);
    CHECK(exact.maxQueries == s.maxQueries);
    const SimilaritySettings preview = effectiveSimilaritySettings(s, true);
    CHECK(preview.maxQueries == s.preview.queries);
    CHECK(preview.rbfRows == s.preview.rbfRows);
    CHECK(exact.maxRows == 0);  // every evaluated row; the preview a subsample of them
    CHECK(preview.maxRows == s.preview.rows);
    s.preview.enabled = false;
    CHECK(effectiveSimilaritySettings(s, true).maxQueries == s.maxQueries);
    s.protocol = EvaluationProtocol::Paper;
    s.kJaccard = 12;
    const SimilaritySettings paper = effectiveSimilaritySettings(s);
    CHECK(paper.kJaccard == 5);
    CHECK(paper.kMrr == 5);
    CHECK(paper.maxQueries == 0);
}

TEST_CASE("preview settings scaled to a time budget: every size scaled, none below the floor, the exact answer as is",
          "[analysis][similarity][stitching]") {
    SimilaritySettings s;
    s.preview = SimilarityPreview{true, 4000, 400, 300, 1000};
    const SimilaritySettings quarter = effectiveSimilaritySettings(s, true, 0.25);
    CHECK(quarter.maxRows == 1000);
    CHECK(quarter.maxQueries == 100);
    CHECK(quarter.rbfRows == kPreviewFloor);  // 75 would be below the floor
    CHECK(quarter.linearRows == 250);
    const SimilaritySettings tiny = effectiveSimilaritySettings(s, true, 1e-6);
    for (Index size : {tiny.maxRows, tiny.maxQueries, tiny.rbfRows, tiny.linearRows}) CHECK(size == kPreviewFloor);
    s.preview.queries = 50;  // already below the floor: kept
    CHECK(effectiveSimilaritySettings(s, true, 0.25).maxQueries == 50);
    CHECK(toJson(effectiveSimilaritySettings(s, false, 0.25)) == toJson(effectiveSimilaritySettings(s, false)));
    CHECK(toJson(effectiveSimilaritySettings(s, true, 1.0)) == toJson(effectiveSimilaritySettings(s, true)));

    StitchSettings st;
    st.previewRows = 5000;
    CHECK(effectiveStitchSettings(st, true, 0.125).maxRows == 625);
    CHECK(effectiveStitchSettings(st, true, 1e-6).maxRows == kPreviewFloor);
    CHECK(effectiveStitchSettings(st, false, 0.125).maxRows == 0);
    st.maxRows = 400;  // the user's own cap still bounds the preview
    CHECK(effectiveStitchSettings(st, true, 0.125).maxRows == 400);
}

TEST_CASE("similarity table: the same bits whatever the caller's OpenMP thread count", "[analysis][similarity]") {
    // The app computes on one thread per job, the CLI on every core: a session must give equal numbers in both.
    Session s;
    test::fillRotatedSession(s, 3000, 24, 20);  // long enough for blocked products (4096-row blocks, K-long GEMMs)
    s.settings.similarity.maxQueries = 300;
    nlohmann::json results[2];
    for (int threads : {1, 2}) {
        const ScopedOmpThreads scope(threads);
        results[threads - 1] = toJson(computeSimilarityTable(similarityInput(s, 1, 0)).value());
    }
    CHECK(results[0] == results[1]);
}

TEST_CASE("similarity table: the translator's warnings reach the table and its JSON", "[analysis][similarity]") {
    // 40 anchors in 8 dimensions determine the map; in 64 dimensions they cannot (K < D).
    Session wellPosed, underdetermined;
    test::fillRotatedSession(wellPosed, 200, 8, 8);
    test::fillRotatedSession(underdetermined, 200, 64, 64);
    const SimilarityTable ok = computeSimilarityTable(pairInput(wellPosed, 60, 80)).value();
    const SimilarityTable few = computeSimilarityTable(pairInput(underdetermined, 60, 80)).value();
    CHECK(ok.warnings.empty());
    REQUIRE_FALSE(few.warnings.empty());
    for (const std::string& w : few.warnings) CHECK(w.rfind("translator: ", 0) == 0);
    const nlohmann::json j = toJson(few);
    CHECK(j["warnings"].size() == few.warnings.size());
    CHECK(toJson(ok)["warnings"].empty());
}
