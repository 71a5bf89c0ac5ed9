#include "core/analysis/view_plane.h"

#include "core/linalg/thin_product.h"

#include <algorithm>
#include <unordered_map>

namespace lb {

std::vector<float> planeCoordinates(const RowMatrixXf& coords) {
    std::vector<float> xy(static_cast<size_t>(coords.rows()) * 2, 0.0f);
    for (Index i = 0; i < coords.rows(); ++i) {
        xy[static_cast<size_t>(2 * i)] = coords(i, 0);
        if (coords.cols() > 1) xy[static_cast<size_t>(2 * i + 1)] = coords(i, 1);
    }
    return xy;
}

Result<PcaModel> fitPlanePca(const ConstRowMatrixRef& X, JobContext& ctx) {
    const Index k = std::min<Index>(2, std::min(X.rows(), X.cols()));
    if (k < 1 || X.rows() < 2) return invalidArgument("needs at least 2 rows to draw a PCA view");
    PcaOptions o;
    o.components = k;
    return fitPca(X, o, ctx);
}

namespace {

constexpr int kWarmIterations = 6;
constexpr Index kWarmRows = 2000;  // subspace iteration runs on a stride subsample of at most this many rows

// Orders the basis by explained variance (Rayleigh-Ritz on the 2 x 2 projected covariance) and fixes signs
// like fitPca: each component's largest-|value| coordinate positive, so views do not flip between edits.
void finishBasis(const RowMatrixXf& R, const Eigen::RowVectorXf& mean, Eigen::MatrixXf& V) {
    const Eigen::MatrixXf RV = (R * V).rowwise() - mean * V;  // N x k
    const Eigen::MatrixXf H = RV.transpose() * RV;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXf> eig(H);
    V = V * eig.eigenvectors().rowwise().reverse();  // descending variance
    for (Index c = 0; c < V.cols(); ++c) {
        Index arg = 0;
        V.col(c).cwiseAbs().maxCoeff(&arg);
        if (V(arg, c) < 0) V.col(c) = -V.col(c);
    }
}

}  // namespace

Result<RowMatrixXf> warmPca2d(const RowMatrixXf& R, const std::vector<Index>& columns, WarmPca& w, JobContext& ctx) {
    const Index K = R.cols();
    const Eigen::RowVectorXf mean = R.colwise().mean();
    // Carry the previous basis over to the new column set.
    Eigen::MatrixXf V = Eigen::MatrixXf::Zero(K, std::min<Index>(2, K));
    size_t carried = 0;
    if (w.basis.cols() == V.cols()) {
        std::unordered_map<Index, Index> oldRow;
        for (size_t j = 0; j < w.columns.size(); ++j) oldRow.emplace(w.columns[j], static_cast<Index>(j));
        for (Index j = 0; j < K; ++j) {
            const auto it = oldRow.find(columns[static_cast<size_t>(j)]);
            if (it != oldRow.end()) V.row(j) = w.basis.row(it->second), ++carried;
        }
    }
    if (carried * 4 < static_cast<size_t>(K) * 3) {  // fewer than 3/4 of the columns known: cold fit
        Result<PcaModel> m = fitPlanePca(R, ctx);
        if (!m) return m.error();
        w.basis = m->components;
        w.columns = columns;
        return m->project(R);
    }
    // Iterate on a fixed stride subsample of rows (at most kWarmRows): the top-2 directions of 10k samples are
    // the same as those of 2k evenly spread ones to well within a pixel, at a fifth of the cost.
    const Index stride = std::max<Index>(1, R.rows() / kWarmRows);
    const RowMatrixXf sub = stride == 1 ? R : RowMatrixXf(R(Eigen::seq(0, R.rows() - 1, stride), Eigen::all));
    const Eigen::RowVectorXf subMean = sub.colwise().mean();
    for (int it = 0; it < kWarmIterations; ++it) {
        const Eigen::MatrixXf SV = (sub * V).rowwise() - subMean * V;                               // n x 2
        const Eigen::MatrixXf W = sub.transpose() * SV - subMean.transpose() * SV.colwise().sum();  // K x 2
        Eigen::HouseholderQR<Eigen::MatrixXf> qr(W);
        V = qr.householderQ() * Eigen::MatrixXf::Identity(K, V.cols());
    }
    finishBasis(R, mean, V);
    w.basis = V;
    w.columns = columns;
    return RowMatrixXf((R * V).rowwise() - mean * V);
}

std::optional<Translator::AffineMap> planeMapOf(const Translator& t, const PcaModel& plane) {
    std::optional<Translator::AffineMap> a = t.affineMapThen(plane.components);  // D x k, 1 x k
    if (a) a->offset -= plane.mean * plane.components;
    return a;
}

RowMatrixXf translateToPlane(const Translator& t, const PcaModel& plane, const ConstRowMatrixRef& X) {
    const std::optional<Translator::AffineMap> a = planeMapOf(t, plane);
    if (!a) return plane.project(t.apply(X));
    return RowMatrixXf(thinProduct(X, a->map).rowwise() + a->offset);
}

}  // namespace lb
