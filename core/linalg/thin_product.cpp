#include "core/linalg/thin_product.h"

#include <algorithm>

namespace lb {

namespace {

constexpr Index kRowsPerTask = 4096;  // ~12 MB of 768-d rows: enough work per task to hide the scheduling
constexpr Index kCentredRows = 256;   // rows centred at a time: a buffer that stays in the core's cache

// out = (X − 1·offset)·W over row tasks; offset null = none (then W is thin). A wide W with an offset takes the
// GEMM block by block.
void productByRows(const ConstRowMatrixRef& X, const Eigen::RowVectorXf* offset, const Eigen::MatrixXf& W,
                   RowMatrixXf& out) {
    const long tasks = static_cast<long>((X.rows() + kRowsPerTask - 1) / kRowsPerTask);
#pragma omp parallel for schedule(static) if (tasks > 1)
    for (long t = 0; t < tasks; ++t) {
        const Index r0 = static_cast<Index>(t) * kRowsPerTask, end = std::min(r0 + kRowsPerTask, X.rows());
        if (!offset) {
            out.middleRows(r0, end - r0).noalias() = X.middleRows(r0, end - r0).lazyProduct(W);
            continue;
        }
        RowMatrixXf centred(kCentredRows, X.cols());
        for (Index c0 = r0; c0 < end; c0 += kCentredRows) {
            const Index nb = std::min(kCentredRows, end - c0);
            centred.topRows(nb) = X.middleRows(c0, nb).rowwise() - *offset;
            if (W.cols() > kThinColumns)
                out.middleRows(c0, nb).noalias() = centred.topRows(nb) * W;
            else
                out.middleRows(c0, nb).noalias() = centred.topRows(nb).lazyProduct(W);
        }
    }
}

}  // namespace

RowMatrixXf thinProduct(const ConstRowMatrixRef& X, const Eigen::MatrixXf& W) {
    RowMatrixXf out(X.rows(), W.cols());
    if (W.cols() > kThinColumns)
        out.noalias() = X * W;
    else
        productByRows(X, nullptr, W, out);
    return out;
}

RowMatrixXf thinProduct(const ConstRowMatrixRef& X, const Eigen::RowVectorXf& offset, const Eigen::MatrixXf& W) {
    RowMatrixXf out(X.rows(), W.cols());
    productByRows(X, &offset, W, out);
    return out;
}

}  // namespace lb
