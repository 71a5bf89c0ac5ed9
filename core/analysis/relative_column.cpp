#include "core/analysis/relative_column.h"

#include "core/analysis/pair_rows.h"
#include "core/linalg/covariance.h"
#include "core/linalg/fixed_order_sum.h"
#include "core/metrics/pointwise.h"
#include "core/metrics/sampling.h"
#include "core/space/row_matching.h"

#include <algorithm>
#include <tuple>

namespace lb {

namespace {

// Rows of one block of the pass: a multiple of the projection's thread tasks (512 rows: compactRelativeOfRows) and
// of fixedOrderSum's blocks. Per thread it holds a gathered block of a space (nb × D) and four nb × min(K, D)
// blocks: ~35 MB at 4096 rows, D = 768, K = 300, each small enough for the allocator to hand the same pages to the
// next block (allocator_reuse.h; glibc's own threshold is 32 MB) instead of faulting in fresh ones. A compact
// projection (K > D) factors the anchors once per block (O(K·D²)): larger blocks there.
constexpr Index kPassRows = 4096, kCompactPassRows = 16384;

Index passRows(const RelativeColumn& rel) {
    return rel.a.isFull() && rel.b.isFull() ? kPassRows : kCompactPassRows;
}

// Rows `positions` (each in rel.sampled) of `m`, whose rows are those of rel.sampled.
RowMatrixXf sampledRows(const RelativeColumn& rel, const RowMatrixXf& m, const std::vector<Index>& positions) {
    return rowsOfSample(rel.sampled, m, positions);
}

// R_a's rows Y (n × ra) in R_b's basis (n × rb): inBasisOf with the map computed once.
RowMatrixXf inB(const RelativeColumn& rel, const RowMatrixXf& Y) {
    if (rel.aToB.size() == 0) return Y;
    return Y * rel.aToB;
}

// The relative rows of positions [p0, p1) of one side (their CompactRelative: Y and the side's basis).
Result<CompactRelative> projectBlock(const ConstRowMatrixMap& space, const std::vector<Index>& rows,
                                     const RowMatrixXf& anchors, const std::vector<Index>& positions,
                                     const ColumnSettings& settings, JobContext& ctx) {
    JobContext quiet(&ctx);  // the pass reports its own progress
    return compactRelativeOfRows(space, rowsAt(rows, positions), anchors, settings.relative, quiet);
}

// One part of the pass: positions [p0, p1), in blocks of passRows.
Status streamRows(RelativeColumn& rel, RelativeColumnPart& part, Index p0, Index p1, const RelativeColumnInput& in,
                  const ColumnSettings& settings, JobContext& ctx) {
    ctx.setStage("relative column", static_cast<uint64_t>(p1 - p0));
    const Index blockRows = passRows(rel);
    for (Index b0 = p0; b0 < p1; b0 += blockRows) {
        if (ctx.cancelled()) return Status::cancelled();
        const Index nb = std::min(blockRows, p1 - b0);
        const std::vector<Index> positions = positionRange(b0, b0 + nb);
        std::vector<Index> partners(static_cast<size_t>(nb));
        for (Index i = 0; i < nb; ++i) partners[static_cast<size_t>(i)] = rel.partner[static_cast<size_t>(b0 + i)];
        Result<CompactRelative> ra = projectBlock(in.a, *in.rowsA, *in.anchorsA, positions, settings, ctx);
        Result<CompactRelative> rb = projectBlock(in.b, *in.rowsB, *in.anchorsB, positions, settings, ctx);
        Result<CompactRelative> rp = projectBlock(in.b, *in.rowsB, *in.anchorsB, partners, settings, ctx);
        for (const Result<CompactRelative>* r : {&ra, &rb, &rp})
            if (!*r) {
                if (r->error().code == ErrorCode::Cancelled) return r->error();
                part.failure = r->error().message;
                return Status::ok();
            }
        const RowMatrixXf& Ya = ra->Y;  // nb × ra
        const RowMatrixXf& Yb = rb->Y;  // nb × rb
        const RowMatrixXf& Yp = rp->Y;  // nb × rb: R_b's rows of the partners
        RowMatrixXf mapped;             // R_a's rows in R_b's basis when the two bases differ
        if (rel.aToB.size() > 0) mapped.noalias() = Ya * rel.aToB;
        const RowMatrixXf& aInB = rel.aToB.size() > 0 ? mapped : Ya;
        const Eigen::VectorXf normsA = Ya.rowwise().norm();  // R_a's true row norms
        if (part.search) part.search->add(cosineSearchRows(Yb), b0);
        if (part.linear)
            if (Status st = part.linear->add(Ya, Yb, ctx); !st) return st;
        rel.sums.add(b0, nb, [&](Index i) {
            return std::array<double, 3>{cosineTerm(aInB.row(i), Yb.row(i), normsA[i]),
                                         cosineTerm(aInB.row(i), Yp.row(i), normsA[i]),
                                         squaredErrorTerm(aInB.row(i), Yb.row(i), normsA[i])};
        });
        ctx.advance(static_cast<uint64_t>(nb));
    }
    return Status::ok();
}

// RBF CKA on its rows, and linear CKA on the settings' subsample when that is how it is computed.
void sampledCkas(RelativeColumn& rel, const ColumnSettings& settings, JobContext& ctx) {
    const SimilaritySettings& s = settings.metrics;
    const RbfCkaOptions o = sampledRbfOptions(s, static_cast<Index>(rel.rbfRows.size()));
    Result<RbfCkaResult> rbf =
        rbfCka(sampledRows(rel, rel.a.Y, rel.rbfRows), sampledRows(rel, rel.b.Y, rel.rbfRows), o, ctx);
    rel.rbf = rbf ? MetricValue{true, rbf->value, {}, 0} : MetricValue{false, 0, rbf.error().message, 0};
    if (rbf) rel.rbfUsed = rbf->n;
    if (!rel.linearRows.empty()) {
        Result<double> v =
            linearCka(sampledRows(rel, rel.a.Y, rel.linearRows), sampledRows(rel, rel.b.Y, rel.linearRows), ctx);
        rel.sampledLinear = v ? MetricValue{true, *v, {}, 0} : MetricValue{false, 0, v.error().message, 0};
    }
}

MetricValue& cell(SimilarityTable& out, SimilarityMetric m) {
    return out.v[static_cast<int>(m)][static_cast<int>(SimilarityColumn::Relative)];
}

}  // namespace

Status prepareRelativeColumn(RelativeColumn& rel, const RelativeColumnInput& in, const ColumnSettings& settings,
                             JobContext& ctx) {
    const SimilaritySettings& s = settings.metrics;
    rel.e = static_cast<Index>(in.rowsA->size());
    if (in.anchorsA->rows() < 1) return Status::ok();
    rel.queries = in.queries ? *in.queries : sampleRows(rel.e, s.maxQueries, s.seed);
    rel.rbfRows = s.rbfRows < 2 ? positionRange(0, std::min<Index>(rel.e, 2)) : sampleRows(rel.e, s.rbfRows, s.seed);
    // The rows linear CKA runs on directly (a subsample, or every row when few), for the representations' widths.
    const Index k = in.anchorsA->rows();
    const auto width = [&](Index d) {
        return hasCompactRelativeForm(settings.relative) && k > d ? d : relativeOutputCols(settings.relative, k);
    };
    rel.linearRows = linearCkaRows(rel.e, width(in.a.cols()), width(in.b.cols()), s);
    rel.sampled = sortedUnion({&rel.queries, &rel.rbfRows, &rel.linearRows});
    rel.partner = seededDerangement(rel.e, s.seed);
    for (auto [side, space, rows, anchors] :
         {std::make_tuple(&rel.a, in.a, in.rowsA, in.anchorsA), std::make_tuple(&rel.b, in.b, in.rowsB, in.anchorsB)}) {
        Result<CompactRelative> r = projectBlock(space, *rows, *anchors, rel.sampled, settings, ctx);
        if (r)
            *side = std::move(*r);
        else if (r.error().code == ErrorCode::Cancelled)
            return r.error();
        else
            rel.failure = r.error().message;  // both sides fail alike (the options or the anchors): one message
        if (!r) break;
    }
    return ctx.cancelled() ? Status::cancelled() : Status::ok();
}

void planRelativeColumn(RelativeColumn& rel, const SimilarityTable& out, const ColumnSettings& settings) {
    rel.run = false;
    if (out.k < 1 || !out.columns[static_cast<size_t>(SimilarityColumn::Relative)]) return;
    if (!rel.failure.empty()) return;
    const SimilaritySettings& s = settings.metrics;
    if (!rel.a.isFull() && !rel.b.isFull())
        rel.aToB = rel.a.Q.transpose() * rel.b.Q;
    else if (rel.a.isFull() && !rel.b.isFull())
        rel.aToB = rel.b.Q;
    else if (!rel.a.isFull() && rel.b.isFull())
        rel.aToB = rel.a.Q.transpose();
    const Index ra = rel.a.Y.cols(), rb = rel.b.Y.cols();
    const bool unitMoments = rel.a.linearMap.size() > 0 && rel.b.linearMap.size() > 0 && out.abUnitLinear &&
                             linearCkaOnAllRows(rel.e, ra, rb, s);
    rel.streamLinear = !unitMoments && rel.linearRows.empty();
    rel.kJaccard = std::min(s.kJaccard, rel.e);
    rel.kMrr = std::min(s.kMrr, rel.e);
    rel.kS = std::max({rel.kJaccard, rel.kMrr, std::min<Index>(5, rel.e)});
    const Index q = static_cast<Index>(rel.queries.size());
    rel.searchQueries.resize(2 * q, rb);
    rel.searchQueries.topRows(q) = cosineSearchRows(sampledRows(rel, rel.b.Y, rel.queries));
    rel.searchQueries.bottomRows(q) = cosineSearchRows(inB(rel, sampledRows(rel, rel.a.Y, rel.queries)));
    // The linear moments' shifts: the sampled rows' means (close to the E rows' means; any values are exact).
    const Eigen::RowVectorXd shiftA = columnMeans(rel.a.Y), shiftB = columnMeans(rel.b.Y);
    for (RelativeColumnPart& part : rel.parts) {
        part.failure.clear();
        if (s.kJaccard >= 1 && s.kMrr >= 1) part.search.emplace(rel.searchQueries, rel.kS);
        if (rel.streamLinear) part.linear.emplace(shiftA, shiftB);
    }
    rel.sums.reset(rel.e);
    rel.run = true;
}

Status fillRelativePart(RelativeColumn& rel, int part, const RelativeColumnInput& in, const ColumnSettings& settings,
                        JobContext& ctx) {
    if (!rel.run) return Status::ok();
    if (part == 2) {
        sampledCkas(rel, settings, ctx);
        return ctx.cancelled() ? Status::cancelled() : Status::ok();
    }
    // The halves end on a block boundary, so the second starts where a fixedOrderSum block does.
    const Index middle = secondHalfStart(rel.e, passRows(rel));
    RelativeColumnPart& p = rel.parts[static_cast<size_t>(part)];
    return part == 0 ? streamRows(rel, p, 0, middle, in, settings, ctx)
                     : streamRows(rel, p, middle, rel.e, in, settings, ctx);
}

void finishRelativeColumn(RelativeColumn& rel, SimilarityTable& out, const ColumnSettings& settings) {
    if (out.k < 1) {
        setColumn(out, SimilarityColumn::Relative,
                  "no anchors yet: pick anchors (click points or Select in the Anchors panel)");
        return;
    }
    if (!rel.failure.empty()) {
        setColumn(out, SimilarityColumn::Relative, rel.failure);
        return;
    }
    for (const RelativeColumnPart& p : rel.parts)
        if (!p.failure.empty()) {
            setColumn(out, SimilarityColumn::Relative, p.failure);
            return;
        }
    if (!rel.run) return;
    const SimilaritySettings& s = settings.metrics;
    // Jaccard, MRR, top-1 / top-5: the second half's lists merged into the first's.
    if (s.kJaccard < 1 || s.kMrr < 1) {
        setNeighbourFailure(out, SimilarityColumn::Relative, "Jaccard/MRR k must be >= 1");
    } else {
        rel.parts[0].search->append(*rel.parts[1].search);
        const IndexMatrix lists = rel.parts[0].search->rows();  // 2Q × kS
        const Index q = static_cast<Index>(rel.queries.size());
        const IndexMatrix nt = lists.topRows(q).leftCols(rel.kJaccard), ns = lists.bottomRows(q);
        setNeighbourCells(out, SimilarityColumn::Relative,
                          knnAgreementOfLists(rel.queries, nt, ns, rel.kJaccard, rel.kMrr, rel.e));
    }
    setRowTermCells(out, SimilarityColumn::Relative, rel.sums, rel.e, rel.a.k);
    cell(out, SimilarityMetric::RbfCka) = rel.rbf;
    if (rel.rbf.ok) out.rbfRows = rel.rbfUsed;
    MetricValue& linear = cell(out, SimilarityMetric::LinearCka);
    if (rel.streamLinear) {
        rel.parts[0].linear->append(*rel.parts[1].linear);
        Result<LinearCkaMoments> m = rel.parts[0].linear->moments();
        Result<double> v = m ? linearCkaOfMoments(*m) : Result<double>(m.error());
        linear = v ? MetricValue{true, *v, {}, 0} : MetricValue{false, 0, v.error().message, 0};
    } else if (!rel.linearRows.empty()) {
        linear = rel.sampledLinear;
        if (static_cast<Index>(rel.linearRows.size()) < rel.e) out.linearRows = s.linearRows;
    } else {
        linear = ckaFromMoments(*out.abUnitLinear, rel.a.linearMap.cast<double>(), rel.b.linearMap.cast<double>());
    }
}

}  // namespace lb
