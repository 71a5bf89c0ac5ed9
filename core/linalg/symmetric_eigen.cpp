#include "core/linalg/symmetric_eigen.h"

#include <Eigen/Eigenvalues>

#include <vector>

#ifdef LB_LAPACK
// LAPACK's divide-and-conquer symmetric eigensolver (Fortran calling convention: every argument by pointer,
// column-major arrays).
extern "C" void dsyevd_(const char* jobz, const char* uplo, const int* n, double* a, const int* lda, double* w,
                        double* work, const int* lwork, int* iwork, const int* liwork, int* info);
#endif

namespace lb {

std::optional<SymmetricEigen> symmetricEigen(const Eigen::MatrixXd& m) {
    if (m.rows() != m.cols() || m.rows() < 1 || !m.allFinite()) return std::nullopt;
#ifdef LB_LAPACK
    int n = static_cast<int>(m.rows());
    SymmetricEigen out{Eigen::VectorXd(n), m};  // the vectors overwrite the matrix
    int lwork = -1, liwork = -1, info = 0, iworkSize = 0;
    double workSize = 0.0;
    dsyevd_("V", "L", &n, out.vectors.data(), &n, out.values.data(), &workSize, &lwork, &iworkSize, &liwork, &info);
    if (info != 0) return std::nullopt;
    lwork = static_cast<int>(workSize);
    liwork = iworkSize;
    std::vector<double> work(static_cast<size_t>(lwork));
    std::vector<int> iwork(static_cast<size_t>(liwork));
    dsyevd_("V", "L", &n, out.vectors.data(), &n, out.values.data(), work.data(), &lwork, iwork.data(), &liwork, &info);
    if (info != 0) return std::nullopt;
    return out;
#else
    const Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(m);
    if (eig.info() != Eigen::Success) return std::nullopt;
    return SymmetricEigen{eig.eigenvalues(), eig.eigenvectors()};
#endif
}

}  // namespace lb
