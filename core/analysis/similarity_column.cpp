#include "core/analysis/similarity_column.h"

#include "core/analysis/row_pass.h"
#include "core/linalg/covariance.h"
#include "core/metrics/sampling.h"
#include "core/space/row_matching.h"

#include <cmath>
#include <optional>

namespace lb {

namespace {

// Linear CKA costs O(E·(Ds+Dt)²): above this total width it runs on the settings' linearRows subsample (when one
// is set). Compact relative representations and narrow spaces stay below it and always use every row.
constexpr Index kLinearCkaFullWidth = 256;

// Rows of A and B normalized and added to the moments at a time (two 4096 × D blocks).
constexpr Index kMomentRows = 4096;

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

std::vector<Index> linearCkaRows(Index e, Index ds, Index dt, const SimilaritySettings& s) {
    if (linearCkaCheaperInGramSpace(e, ds, dt)) return positionRange(0, e);
    if (!linearCkaOnAllRows(e, ds, dt, s)) return sampleRows(e, s.linearRows, s.seed);
    return {};
}

void setColumn(SimilarityTable& out, SimilarityColumn c, const std::string& why) {
    for (int m = 0; m < kSimilarityMetrics; ++m) out.v[m][static_cast<int>(c)] = MetricValue{false, 0, why, 0};
}

bool relativeLinearInUnitRows(const RelativeOptions& o, Index k, Index widthA, Index widthB) {
    return hasCompactRelativeForm(o) && o.transform == AbsoluteTransform::None && o.post == PostNormalization::None &&
           k > widthA && k > widthB;
}

Status unitRowMoments(SimilarityTable& out, const ConstRowMatrixMap& a, const ConstRowMatrixMap& b,
                      const std::vector<Index>& rowsA, const std::vector<Index>& rowsB, JobContext& ctx) {
    if (out.abUnitLinear) return Status::ok();
    const Index e = static_cast<Index>(rowsA.size());
    std::optional<LinearCkaStream> moments;
    for (Index b0 = 0; b0 < e; b0 += kMomentRows) {
        const std::vector<Index> positions = positionRange(b0, std::min(e, b0 + kMomentRows));
        const RowMatrixXf X = cosineNormalizedRows(gatherRows(a, rowsAt(rowsA, positions)));  // nb × Da
        const RowMatrixXf Y = cosineNormalizedRows(gatherRows(b, rowsAt(rowsB, positions)));  // nb × Db
        // Shifted by the first block's means (close to the E rows' means; any values are exact).
        if (!moments) moments.emplace(columnMeans(X), columnMeans(Y));
        if (Status st = moments->add(X, Y, ctx); !st)
            return st.error().code == ErrorCode::Cancelled ? st : Status::ok();
    }
    if (!moments) return Status::ok();
    Result<LinearCkaMoments> m = moments->moments();
    if (m) out.abUnitLinear = std::make_shared<const LinearCkaMoments>(std::move(*m));
    return ctx.cancelled() ? Status::cancelled() : Status::ok();
}

}  // namespace lb
