#include "core/linalg/product.h"

#include <climits>

namespace lb {

void productWithTranspose(const ConstRowMatrixRef& A, const ConstRowMatrixRef& B, Eigen::Ref<RowMatrixXf> out) {
    eigen_assert(A.cols() == B.cols() && out.rows() == A.rows() && out.cols() == B.rows());
#ifdef EIGEN_USE_BLAS
    const Index largest = std::max({A.rows(), B.rows(), A.cols(), A.outerStride(), B.outerStride(), out.outerStride()});
    if (largest < INT_MAX && A.rows() > 0 && B.rows() > 0 && A.cols() > 0) {
        // Column-major view of the row-major result: outᵀ (N × M) = B (N × D, stored as D × N: 'T') · Aᵀ
        // (D × M, stored as such: 'N').
        const int m = static_cast<int>(B.rows()), n = static_cast<int>(A.rows()), k = static_cast<int>(A.cols());
        const int lda = static_cast<int>(B.outerStride()), ldb = static_cast<int>(A.outerStride());
        const int ldc = static_cast<int>(out.outerStride());
        const float one = 1.0f, zero = 0.0f;
        sgemm_("T", "N", &m, &n, &k, &one, B.data(), &lda, A.data(), &ldb, &zero, out.data(), &ldc);
        return;
    }
#endif
    out.noalias() = A * B.transpose();
}

}  // namespace lb
