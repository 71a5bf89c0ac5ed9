#include "core/analysis/streamed_column.h"

#include "core/linalg/covariance.h"
#include "core/metrics/pointwise.h"
#include "core/metrics/sampling.h"
#include "core/space/row_matching.h"

#include <algorithm>

namespace lb {

namespace {

// Rows of one block of the pass: a multiple of fixedOrderSum's blocks. Per thread it holds a gathered block of A,
// its translation, B's block and the partners' rows (nb × D each): ~50 MB at 4096 rows and 768 dims, each small
// enough for the allocator to hand the same pages to the next block.
constexpr Index kPassRows = 4096;

bool isTranslated(const StreamedColumnInput& in) {
    return in.column == SimilarityColumn::Translated;
}

// S's rows at `positions` among the E rows: A's rows, translated into B in the translated column.
RowMatrixXf sRows(const StreamedColumn& col, const StreamedColumnInput& in, const std::vector<Index>& positions) {
    RowMatrixXf a = gatherRows(in.a, rowsAt(*in.rowsA, positions));  // n × Da
    return col.translator ? col.translator->apply(a) : a;            // n × Db when translated
}

RowMatrixXf tRows(const StreamedColumnInput& in, const std::vector<Index>& positions) {
    return gatherRows(in.b, rowsAt(*in.rowsB, positions));  // n × Db
}

MetricValue fromResult(const Result<double>& r) {
    return r ? MetricValue{true, *r, {}, 0} : MetricValue{false, 0, r.error().message, 0};
}

// One part of the pass: positions [p0, p1), in blocks of kPassRows.
Status streamRows(StreamedColumn& col, StreamedColumnPart& part, Index p0, Index p1, const StreamedColumnInput& in,
                  JobContext& ctx) {
    ctx.setStage(isTranslated(in) ? "translated column" : "absolute column", static_cast<uint64_t>(p1 - p0));
    const bool rowWise = col.whyNoRows.empty();
    for (Index b0 = p0; b0 < p1; b0 += kPassRows) {
        if (ctx.cancelled()) return Status::cancelled();
        const Index nb = std::min(kPassRows, p1 - b0);
        const std::vector<Index> positions = positionRange(b0, b0 + nb);
        const RowMatrixXf S = sRows(col, in, positions);  // nb × Ds
        const RowMatrixXf T = tRows(in, positions);       // nb × Db
        if (part.search) part.search->add(cosineSearchRows(T), b0);
        if (part.linear)
            if (Status st = part.linear->add(S, T, ctx); !st) return st;
        if (rowWise) {
            const std::vector<Index> partners(col.partner.begin() + b0, col.partner.begin() + b0 + nb);
            const RowMatrixXf P = tRows(in, partners);  // nb × Db: T's rows of the random pairs
            col.sums.add(b0, nb, [&](Index i) {
                return std::array<double, 3>{cosineTerm(S.row(i), T.row(i)), cosineTerm(S.row(i), P.row(i)),
                                             squaredDifferenceTerm(S.row(i), T.row(i))};
            });
        }
        ctx.advance(static_cast<uint64_t>(nb));
    }
    return Status::ok();
}

// The translated queries searched among all of B's shared rows, anchors left out (pair_neighbours.h).
Status translatedAgreementAmongB(StreamedColumn& col, const StreamedColumnInput& in, JobContext& ctx) {
    if (!isTranslated(in) || !in.lists || !col.whyNoRows.empty()) return Status::ok();
    Result<KnnAgreement> knn =
        agreementAmongEvaluated(*in.amongB, *in.lists, rowsOfSample(col.sampled, col.sSampled, col.queries), ctx);
    if (knn)
        col.knn = *knn;
    else if (knn.error().code == ErrorCode::Cancelled)
        return knn.error();
    else
        col.knnFailure = knn.error().message;
    return Status::ok();
}

// RBF CKA on its rows (T's kernel kept), and linear CKA on the settings' subsample when that is how it is computed.
Status sampledCkas(StreamedColumn& col, const ColumnSettings& settings, JobContext& ctx) {
    const SimilaritySettings& s = settings.metrics;
    const RbfCkaOptions o = sampledRbfOptions(s, static_cast<Index>(col.rbfRows.size()));
    const RowMatrixXf sR = rowsOfSample(col.sampled, col.sSampled, col.rbfRows);
    const RowMatrixXf tR = rowsOfSample(col.sampled, col.tSampled, col.rbfRows);
    if (col.kernel && col.kernel->sourceRows != tR.rows()) col.kernel.reset();
    if (!col.kernel) {
        Result<RbfKernelSide> side = rbfKernelSide(tR, o, ctx);
        if (side)
            col.kernel = std::make_shared<const RbfKernelSide>(std::move(*side));
        else if (side.error().code == ErrorCode::Cancelled)
            return side.error();
        else
            col.rbf = MetricValue{false, 0, side.error().message, 0};
    }
    if (col.kernel) {
        Result<RbfCkaResult> rbf = rbfCkaWith(sR, *col.kernel, ctx);
        if (!rbf && rbf.error().code == ErrorCode::Cancelled) return rbf.error();
        col.rbf = rbf ? MetricValue{true, rbf->value, {}, 0} : MetricValue{false, 0, rbf.error().message, 0};
        if (rbf) col.rbfUsed = rbf->n;
    }
    if (!col.linearRows.empty())
        col.sampledLinear = fromResult(linearCka(rowsOfSample(col.sampled, col.sSampled, col.linearRows),
                                                 rowsOfSample(col.sampled, col.tSampled, col.linearRows), ctx));
    return ctx.cancelled() ? Status::cancelled() : Status::ok();
}

MetricValue& cell(SimilarityTable& out, SimilarityMetric m, SimilarityColumn c) {
    return out.v[static_cast<int>(m)][static_cast<int>(c)];
}

// Jaccard, MRR and retrieval: from the pair's lists, or the two halves' searches among T's rows.
void finishNeighbours(StreamedColumn& col, const StreamedColumnInput& in, SimilarityTable& out,
                      const SimilaritySettings& s) {
    if (s.kJaccard < 1 || s.kMrr < 1) {
        setNeighbourFailure(out, in.column, "Jaccard/MRR k must be >= 1");
    } else if (in.lists && !isTranslated(in)) {
        setNeighbourCells(out, in.column, absoluteAgreement(*in.lists));
    } else if (in.lists) {
        if (col.knn)
            setNeighbourCells(out, in.column, *col.knn);
        else
            setNeighbourFailure(out, in.column, col.knnFailure);
    } else {
        col.parts[0].search->append(*col.parts[1].search);
        const IndexMatrix lists = col.parts[0].search->rows();  // 2Q × kS
        const Index q = static_cast<Index>(col.queries.size());
        const IndexMatrix nt = lists.topRows(q).leftCols(col.kJaccard), ns = lists.bottomRows(q);
        setNeighbourCells(out, in.column, knnAgreementOfLists(col.queries, nt, ns, col.kJaccard, col.kMrr, col.e));
    }
}

}  // namespace

Status prepareStreamedColumn(StreamedColumn& col, const StreamedColumnInput& in, const ColumnSettings& settings,
                             JobContext& ctx) {
    const SimilaritySettings& s = settings.metrics;
    col.e = static_cast<Index>(in.rowsA->size());
    if (isTranslated(in)) {
        if (in.anchorsA->rows() < 2) {
            col.failure = "translation needs at least 2 anchors";
            return Status::ok();
        }
        Result<Translator> t = Translator::fit(*in.anchorsA, *in.anchorsB, settings.translation, ctx, FitReport::Skip);
        if (!t) {
            if (t.error().code == ErrorCode::Cancelled) return t.error();
            col.failure = "translator: " + t.error().message;
            return Status::ok();
        }
        for (const Warning& w : t->warnings())
            if (!w.informational) col.warnings.push_back("translator: " + w.message);
        col.translator = std::move(*t);
    } else if (in.a.cols() != in.b.cols()) {
        col.whyNoRows = "A has " + std::to_string(in.a.cols()) + " dims and B " + std::to_string(in.b.cols()) +
                        ": neighbours, cosines and MSE need one common space (use the relative or translated column)";
    }
    col.queries = in.lists ? in.lists->queryRows : sampleRows(col.e, s.maxQueries, s.seed);
    col.rbfRows = s.rbfRows < 2 ? positionRange(0, std::min<Index>(col.e, 2)) : sampleRows(col.e, s.rbfRows, s.seed);
    const Index sWidth = col.translator ? in.b.cols() : in.a.cols();
    col.linearRows = linearCkaRows(col.e, sWidth, in.b.cols(), s);
    col.sampled = sortedUnion({&col.queries, &col.rbfRows, &col.linearRows});
    col.partner = seededDerangement(col.e, s.seed);
    col.sSampled = sRows(col, in, col.sampled);
    col.tSampled = tRows(in, col.sampled);
    return ctx.cancelled() ? Status::cancelled() : Status::ok();
}

void planStreamedColumn(StreamedColumn& col, const StreamedColumnInput& in, const SimilarityTable& out,
                        const ColumnSettings& settings) {
    col.run = false;
    if (!col.failure.empty()) return;
    const SimilaritySettings& s = settings.metrics;
    // Linear CKA: through A's and B's moments when there are some and the column is an affine map of A; else
    // streamed over the pass, unless it runs on a subsample.
    col.moments = nullptr;
    col.linearMap.resize(0, 0);
    col.streamLinear = false;
    if (col.linearRows.empty()) {
        const std::optional<Translator::AffineMap> affine =
            col.translator ? col.translator->affineMap() : std::optional<Translator::AffineMap>();
        if (out.abLinear && (!col.translator || affine)) {
            col.moments = out.abLinear.get();
            if (affine) col.linearMap = affine->map.cast<double>();
        } else {
            col.streamLinear = true;
        }
    }
    const bool rowWise = col.whyNoRows.empty();
    col.pass = rowWise || col.streamLinear;
    const bool searchInPass = !in.lists && rowWise && s.kJaccard >= 1 && s.kMrr >= 1;
    col.kJaccard = std::min(s.kJaccard, col.e);
    col.kMrr = std::min(s.kMrr, col.e);
    col.kS = std::max({col.kJaccard, col.kMrr, std::min<Index>(5, col.e)});
    RowMatrixXf searchQueries;  // 2Q × Db: T's query rows, then S's, normalized
    if (searchInPass) {
        const Index q = static_cast<Index>(col.queries.size());
        searchQueries.resize(2 * q, col.tSampled.cols());
        searchQueries.topRows(q) = cosineSearchRows(rowsOfSample(col.sampled, col.tSampled, col.queries));
        searchQueries.bottomRows(q) = cosineSearchRows(rowsOfSample(col.sampled, col.sSampled, col.queries));
    }
    // The linear moments' shifts: the sampled rows' means (close to the E rows' means; any values are exact).
    const Eigen::RowVectorXd shiftS = columnMeans(col.sSampled), shiftT = columnMeans(col.tSampled);
    for (StreamedColumnPart& part : col.parts) {
        part.search.reset();
        part.linear.reset();
        if (searchInPass) part.search.emplace(searchQueries, col.kS);
        if (col.streamLinear) part.linear.emplace(shiftS, shiftT);
    }
    col.sums.reset(col.e);
    col.kernel = out.bKernel;
    col.run = true;
}

Status fillStreamedPart(StreamedColumn& col, int part, const StreamedColumnInput& in, const ColumnSettings& settings,
                        JobContext& ctx) {
    if (!col.run || ctx.cancelled()) return ctx.cancelled() ? Status::cancelled() : Status::ok();
    if (part == 0) return translatedAgreementAmongB(col, in, ctx);
    if (part == 3) return sampledCkas(col, settings, ctx);
    if (!col.pass) return Status::ok();
    const Index middle = secondHalfStart(col.e, kPassRows);
    StreamedColumnPart& p = col.parts[static_cast<size_t>(part - 1)];
    return part == 1 ? streamRows(col, p, 0, middle, in, ctx) : streamRows(col, p, middle, col.e, in, ctx);
}

void finishStreamedColumn(StreamedColumn& col, const StreamedColumnInput& in, SimilarityTable& out,
                          const ColumnSettings& settings) {
    if (!col.failure.empty()) {
        setColumn(out, in.column, col.failure);
        return;
    }
    out.warnings.insert(out.warnings.end(), col.warnings.begin(), col.warnings.end());
    if (!col.run) return;
    const SimilaritySettings& s = settings.metrics;
    if (col.whyNoRows.empty()) {
        finishNeighbours(col, in, out, s);
        setRowTermCells(out, in.column, col.sums, col.e, in.b.cols());
    } else {
        setNeighbourFailure(out, in.column, col.whyNoRows);
        for (SimilarityMetric m :
             {SimilarityMetric::MeanCosine, SimilarityMetric::RandomPairCosine, SimilarityMetric::Mse})
            cell(out, m, in.column) = MetricValue{false, 0, col.whyNoRows, 0};
    }
    cell(out, SimilarityMetric::RbfCka, in.column) = col.rbf;
    if (col.rbf.ok) out.rbfRows = col.rbfUsed;
    MetricValue& linear = cell(out, SimilarityMetric::LinearCka, in.column);
    if (col.moments) {
        linear = ckaFromMoments(*col.moments, col.linearMap, {});
    } else if (col.streamLinear) {
        col.parts[0].linear->append(*col.parts[1].linear);
        Result<LinearCkaMoments> m = col.parts[0].linear->moments();
        linear = fromResult(m ? linearCkaOfMoments(*m) : Result<double>(m.error()));
        if (m && !col.translator && !out.abLinear)
            out.abLinear = std::make_shared<const LinearCkaMoments>(std::move(*m));
    } else {
        linear = col.sampledLinear;
        if (static_cast<Index>(col.linearRows.size()) < col.e) out.linearRows = s.linearRows;
    }
    if (!out.bKernel && col.kernel) out.bKernel = col.kernel;
}

}  // namespace lb
