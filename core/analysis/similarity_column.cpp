#include "core/analysis/similarity_column.h"

#include "core/metrics/pointwise.h"
#include "core/metrics/sampling.h"
#include "core/space/row_matching.h"

#include <cmath>

namespace lb {

namespace {

// Linear CKA costs O(E·(Ds+Dt)²): above this total width it runs on the settings' linearRows subsample (when one
// is set). Compact relative representations and narrow spaces stay below it and always use every row.
constexpr Index kLinearCkaFullWidth = 256;

MetricValue fromResult(const Result<double>& r) {
    if (r) return MetricValue{true, *r, {}, 0};
    return MetricValue{false, 0, r.error().message, 0};
}

MetricValue& cell(SimilarityTable& out, SimilarityMetric m, SimilarityColumn c) {
    return out.v[static_cast<int>(m)][static_cast<int>(c)];
}

// The linear-CKA moments of X and Y into `slot` unless it is set. A failure other than cancellation leaves it empty:
// the column then computes linear CKA from its rows.
Status fillMoments(std::shared_ptr<const LinearCkaMoments>& slot, const ConstRowMatrixRef& X,
                   const ConstRowMatrixRef& Y, JobContext& ctx) {
    if (slot) return Status::ok();  // already there (from the pair's moments over all its rows)
    Result<LinearCkaMoments> m = linearCkaMoments(X, Y, ctx);
    if (m)
        slot = std::make_shared<const LinearCkaMoments>(std::move(*m));
    else if (m.error().code == ErrorCode::Cancelled)
        return m.error();
    return Status::ok();
}

// knnAgreement, with T's side taken from `side` when set, else computed and stored there for the next caller.
Result<KnnAgreement> knnAgreementKeepingSide(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T,
                                             const KnnAgreementOptions& options,
                                             std::shared_ptr<const KnnTargetSide>& side, JobContext& ctx) {
    if (!side) {
        Result<KnnTargetSide> computed = knnTargetSide(T, options, ctx);
        if (!computed) return computed.error();
        side = std::make_shared<const KnnTargetSide>(std::move(*computed));
    }
    return knnAgreementWith(S, T, *side, ctx);
}

// rbfCka, with T's kernel taken from `side` when set, else computed and stored there for the next caller.
Result<RbfCkaResult> rbfCkaKeepingSide(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T,
                                       const RbfCkaOptions& options, std::shared_ptr<const RbfKernelSide>& side,
                                       JobContext& ctx) {
    if (!side) {
        if (S.rows() != T.rows()) return rbfCka(S, T, options, ctx);  // its error
        Result<RbfKernelSide> computed = rbfKernelSide(T, options, ctx);
        if (!computed) return computed.error();
        side = std::make_shared<const RbfKernelSide>(std::move(*computed));
    }
    return rbfCkaWith(S, *side, ctx);
}

// Jaccard, MRR and retrieval of the column: from the searches among all of B's rows when the table keeps them, else
// on the column's own rows (with T's side kept when the column says where).
Result<KnnAgreement> neighbourAgreement(const ColumnInput& c, const SimilaritySettings& s, JobContext& ctx) {
    if (c.amongB && c.queries) {
        if (c.sIsA) return absoluteAgreement(*c.queries);
        RowMatrixXf sQueries(static_cast<Index>(c.queries->queryRows.size()), c.sInT->cols());
        for (Index i = 0; i < sQueries.rows(); ++i)
            sQueries.row(i) = c.sInT->row(c.queries->queryRows[static_cast<size_t>(i)]);
        return agreementAmongEvaluated(*c.amongB, *c.queries, sQueries, ctx);
    }
    KnnAgreementOptions o;
    o.kJaccard = s.kJaccard;
    o.kMrr = s.kMrr;
    o.maxQueries = s.maxQueries;
    o.seed = s.seed;
    if (c.queries) o.queries = c.queries->queryRows;
    return c.tNeighbours ? knnAgreementKeepingSide(*c.sInT, c.T, o, *c.tNeighbours, ctx)
                         : knnAgreement(*c.sInT, c.T, o, ctx);
}

void fillLinear(SimilarityTable& out, SimilarityColumn col, const ColumnInput& c, const SimilaritySettings& s,
                JobContext& ctx) {
    MetricValue& v = cell(out, SimilarityMetric::LinearCka, col);
    if (c.linearMoments) {
        v = ckaFromMoments(*c.linearMoments, c.linearMap, c.linearMapT);
    } else if (!linearCkaOnAllRows(c.S.rows(), c.S.cols(), c.T.cols(), s)) {
        // The same rows for S and T (they are the same samples).
        const std::vector<Index> rows = sampleRows(c.S.rows(), s.linearRows, s.seed);
        const RowMatrixXf sRows = gatherRows(ConstRowMatrixMap(c.S.data(), c.S.rows(), c.S.cols()), rows);
        const RowMatrixXf tRows = gatherRows(ConstRowMatrixMap(c.T.data(), c.T.rows(), c.T.cols()), rows);
        v = fromResult(linearCka(sRows, tRows, ctx));
        out.linearRows = s.linearRows;
    } else {
        v = fromResult(linearCka(c.S, c.T, ctx));
    }
}

void fillRbf(SimilarityTable& out, SimilarityColumn col, const ColumnInput& c, const SimilaritySettings& s,
             JobContext& ctx) {
    RbfCkaOptions o;
    o.maxRows = s.rbfRows;
    o.seed = s.seed;
    Result<RbfCkaResult> rbf = c.tKernel ? rbfCkaKeepingSide(c.S, c.T, o, *c.tKernel, ctx) : rbfCka(c.S, c.T, o, ctx);
    cell(out, SimilarityMetric::RbfCka, col) =
        rbf ? MetricValue{true, rbf->value, {}, 0} : MetricValue{false, 0, rbf.error().message, 0};
    if (rbf) out.rbfRows = rbf->n;
}

Status fillNeighbours(SimilarityTable& out, SimilarityColumn col, const ColumnInput& c, const SimilaritySettings& s,
                      JobContext& ctx) {
    const SimilarityMetric rowWise[] = {SimilarityMetric::Jaccard,    SimilarityMetric::Mrr,
                                        SimilarityMetric::Top1,       SimilarityMetric::Top5,
                                        SimilarityMetric::MeanCosine, SimilarityMetric::RandomPairCosine,
                                        SimilarityMetric::Mse};
    if (!c.sInT) {
        for (SimilarityMetric m : rowWise) cell(out, m, col) = MetricValue{false, 0, c.whyNot, 0};
        return Status::ok();
    }
    Result<KnnAgreement> knn = neighbourAgreement(c, s, ctx);
    if (knn) {
        cell(out, SimilarityMetric::Jaccard, col) = MetricValue{true, knn->jaccard, {}, knn->jaccardStdErr};
        cell(out, SimilarityMetric::Mrr, col) = MetricValue{true, knn->mrr, {}, knn->mrrStdErr};
        cell(out, SimilarityMetric::Top1, col) = MetricValue{true, knn->top1, {}, knn->top1StdErr};
        cell(out, SimilarityMetric::Top5, col) = MetricValue{true, knn->top5, {}, knn->top5StdErr};
        out.nQueries = knn->nQueries;
        out.kJaccard = knn->kJaccard;
        out.kMrr = knn->kMrr;
    } else {
        if (knn.error().code == ErrorCode::Cancelled) return knn.error();
        for (SimilarityMetric m :
             {SimilarityMetric::Jaccard, SimilarityMetric::Mrr, SimilarityMetric::Top1, SimilarityMetric::Top5})
            cell(out, m, col) = MetricValue{false, 0, knn.error().message, 0};
    }
    cell(out, SimilarityMetric::MeanCosine, col) =
        fromResult(c.sNorms ? meanCosine(*c.sInT, c.T, *c.sNorms) : meanCosine(*c.sInT, c.T));
    const std::vector<Index> partner = seededDerangement(c.T.rows(), s.seed);
    cell(out, SimilarityMetric::RandomPairCosine, col) = fromResult(meanCosineOfPairs(*c.sInT, c.T, partner, c.sNorms));
    cell(out, SimilarityMetric::Mse, col) =
        fromResult(c.sNorms ? meanSquaredError(*c.sInT, c.T, *c.sNorms, c.trueWidth > 0 ? c.trueWidth : c.T.cols())
                            : meanSquaredError(*c.sInT, c.T));
    return Status::ok();
}

}  // namespace

MetricValue ckaFromMoments(const LinearCkaMoments& m, const Eigen::MatrixXd& mx, const Eigen::MatrixXd& my) {
    const double cka = linearCkaOfMaps(m, mx, my);
    if (!std::isnan(cka)) return MetricValue{true, cka, {}, 0};
    const bool known = mx.size() == 0 && my.size() == 0;
    return MetricValue{false, 0, ckaUndefined(known && !(m.xx.norm() > 0), known && !(m.yy.norm() > 0)).message, 0};
}

bool linearCkaOnAllRows(Index e, Index ds, Index dt, const SimilaritySettings& s) {
    return !(s.linearRows > 0 && e > s.linearRows && ds + dt > kLinearCkaFullWidth);
}

void setColumn(SimilarityTable& out, SimilarityColumn c, const std::string& why) {
    for (int m = 0; m < kSimilarityMetrics; ++m) out.v[m][static_cast<int>(c)] = MetricValue{false, 0, why, 0};
}

Status fillColumnPart(SimilarityTable& out, SimilarityColumn col, int part, const ColumnInput& c,
                      const ColumnSettings& settings, JobContext& ctx) {
    if (ctx.cancelled()) return Status::cancelled();
    if (part == kPartLinear)
        fillLinear(out, col, c, settings.metrics, ctx);
    else if (part == kPartRbf)
        fillRbf(out, col, c, settings.metrics, ctx);
    else if (Status st = fillNeighbours(out, col, c, settings.metrics, ctx); !st)
        return st;
    return ctx.cancelled() ? Status::cancelled() : Status::ok();
}

ColumnInput absoluteColumn(SimilarityTable& out, const RowMatrixXf& A, const RowMatrixXf& B) {
    ColumnInput c(A, B);
    c.tNeighbours = &out.bNeighbours;
    c.tKernel = &out.bKernel;
    if (A.cols() == B.cols())
        c.sInT = &A;
    else
        c.whyNot = "A has " + std::to_string(A.cols()) + " dims and B " + std::to_string(B.cols()) +
                   ": neighbours, cosines and MSE need one common space (use the relative or translated column)";
    return c;
}

Status fillAbsoluteLinear(SimilarityTable& out, const ColumnInput& absolute, const ColumnSettings& settings,
                          JobContext& ctx) {
    if (!linearCkaOnAllRows(absolute.S.rows(), absolute.S.cols(), absolute.T.cols(), settings.metrics))
        return fillColumnPart(out, SimilarityColumn::Absolute, kPartLinear, absolute, settings, ctx);
    if (Status st = fillMoments(out.abLinear, absolute.S, absolute.T, ctx); !st) return st;
    if (!out.abLinear) return fillColumnPart(out, SimilarityColumn::Absolute, kPartLinear, absolute, settings, ctx);
    // linearCkaOfMaps with identities is linearCka of the rows themselves, from the same moments.
    cell(out, SimilarityMetric::LinearCka, SimilarityColumn::Absolute) = ckaFromMoments(*out.abLinear, {}, {});
    return ctx.cancelled() ? Status::cancelled() : Status::ok();
}

bool relativeLinearInUnitRows(const RelativeOptions& o, Index k, Index widthA, Index widthB) {
    return hasCompactRelativeForm(o) && o.transform == AbsoluteTransform::None && o.post == PostNormalization::None &&
           k > widthA && k > widthB;
}

Status unitRowMoments(SimilarityTable& out, const RowMatrixXf& A, const RowMatrixXf& B, JobContext& ctx) {
    return out.abUnitLinear ? Status::ok()
                            : fillMoments(out.abUnitLinear, cosineNormalizedRows(A), cosineNormalizedRows(B), ctx);
}

Status prepareTranslatedColumn(TranslatedColumn& tr, SimilarityTable& out, const RowMatrixXf& A, const RowMatrixXf& B,
                               const RowMatrixXf& anchorsA, const RowMatrixXf& anchorsB, const ColumnSettings& settings,
                               JobContext& ctx) {
    if (out.k < 2) {
        setColumn(out, SimilarityColumn::Translated, "translation needs at least 2 anchors");
        return Status::ok();
    }
    Result<Translator> t = Translator::fit(anchorsA, anchorsB, settings.translation, ctx, FitReport::Skip);
    if (!t) {
        if (t.error().code == ErrorCode::Cancelled) return t.error();
        setColumn(out, SimilarityColumn::Translated, "translator: " + t.error().message);
        return Status::ok();
    }
    for (const Warning& w : t->warnings())
        if (!w.informational) out.warnings.push_back("translator: " + w.message);
    tr.translated = t->apply(A);
    tr.affine = t->affineMap();
    tr.input.emplace(tr.translated, B, &tr.translated);
    return ctx.cancelled() ? Status::cancelled() : Status::ok();
}

void attachTargetSides(TranslatedColumn& tr, SimilarityTable& sides, const ColumnSettings& settings, Index rows,
                       Index widthB) {
    if (!tr.input) return;
    tr.input->tNeighbours = &sides.bNeighbours;
    tr.input->tKernel = &sides.bKernel;
    // Linear CKA of an affine translation from the pair's moments, when the direct computation would use all rows
    // too (see fillLinear): O(D³) per anchor edit instead of three cross products over the E rows.
    if (tr.affine && sides.abLinear && linearCkaOnAllRows(rows, widthB, widthB, settings.metrics)) {
        tr.input->linearMoments = sides.abLinear.get();
        tr.input->linearMap = tr.affine->map.cast<double>();
    }
}

}  // namespace lb
