#include "core/linalg/square_svd.h"

#include <Eigen/SVD>

#include <vector>

#ifdef LB_LAPACK
// LAPACK's divide-and-conquer SVD (Fortran calling convention: every argument by pointer, column-major arrays).
extern "C" void dgesdd_(const char* jobz, const int* m, const int* n, double* a, const int* lda, double* s, double* u,
                        const int* ldu, double* vt, const int* ldvt, double* work, const int* lwork, int* iwork,
                        int* info);
#endif

namespace lb {

std::optional<SquareSvd> squareSvd(const Eigen::MatrixXd& m) {
    if (m.rows() != m.cols() || m.rows() < 1 || !m.allFinite()) return std::nullopt;
#ifdef LB_LAPACK
    int n = static_cast<int>(m.rows());
    Eigen::MatrixXd a = m;  // overwritten by dgesdd
    Eigen::MatrixXd vt(n, n);
    SquareSvd out{Eigen::MatrixXd(n, n), Eigen::MatrixXd(), Eigen::VectorXd(n)};
    std::vector<int> iwork(8 * static_cast<size_t>(n));
    int lwork = -1, info = 0;
    double workSize = 0.0;
    dgesdd_("A", &n, &n, a.data(), &n, out.s.data(), out.u.data(), &n, vt.data(), &n, &workSize, &lwork, iwork.data(),
            &info);
    if (info != 0) return std::nullopt;
    lwork = static_cast<int>(workSize);
    std::vector<double> work(static_cast<size_t>(lwork));
    dgesdd_("A", &n, &n, a.data(), &n, out.s.data(), out.u.data(), &n, vt.data(), &n, work.data(), &lwork, iwork.data(),
            &info);
    if (info != 0) return std::nullopt;
    out.v = vt.transpose();
    return out;
#else
    const Eigen::BDCSVD<Eigen::MatrixXd> svd(m, Eigen::ComputeFullU | Eigen::ComputeFullV);
    if (svd.info() != Eigen::Success) return std::nullopt;
    return SquareSvd{svd.matrixU(), svd.matrixV(), svd.singularValues()};
#endif
}

}  // namespace lb
