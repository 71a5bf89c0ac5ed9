#include "core/metrics/alignment_measures.h"

#include "core/metrics/measure_linalg.h"

#include <Eigen/SVD>

#include <algorithm>
#include <cmath>

namespace lb::measures {

namespace {

// ‖ÂᵀB̂‖_* clamped to [0, 1]: by Cauchy–Schwarz it cannot exceed 1; round-off can.
double procrustesSimilarity(const MatrixXd& A, const MatrixXd& B) {
    const MatrixXd a = unitFrobenius(centred(A)), b = unitFrobenius(centred(B));
    return std::clamp(nuclearNorm(a.transpose() * b), 0.0, 1.0);
}

}  // namespace

double procrustesDistance(const MatrixXd& A, const MatrixXd& B) {
    return std::sqrt(std::max(0.0, 2.0 - 2.0 * procrustesSimilarity(A, B)));
}

double angularShapeMetric(const MatrixXd& A, const MatrixXd& B) {
    return std::acos(procrustesSimilarity(A, B));
}

double linearRegressionR2(const MatrixXd& A, const MatrixXd& B) {
    const MatrixXd Bc = centred(B);
    const double total = Bc.squaredNorm();
    if (total <= 0) return 0;
    // A_c β = U_A U_Aᵀ B_c: the projection onto A's column space, so the residual is ‖B_c‖² − ‖U_Aᵀ B_c‖².
    const MatrixXd Ua = columnBasis(centred(A)).u;
    return std::clamp((Ua.transpose() * Bc).squaredNorm() / total, 0.0, 1.0);
}

double alignedCosine(const MatrixXd& A, const MatrixXd& B) {
    const MatrixXd a = unitFrobenius(centred(A)), b = unitFrobenius(centred(B));
    Eigen::BDCSVD<MatrixXd> svd(a.transpose() * b, Eigen::ComputeThinU | Eigen::ComputeThinV);
    // Q = U·Vᵀ (D1 × D2) is the D1 × D2 block of the orthogonal map between the zero-padded spaces, so a row's
    // aligned length is its original length ‖a_i‖ (the padded map is orthogonal), not ‖a_i·Q‖ when D1 > D2.
    const MatrixXd aligned = a * (svd.matrixU() * svd.matrixV().transpose());  // N × D2
    double sum = 0;
    for (Index i = 0; i < a.rows(); ++i) {
        const double na = a.row(i).norm(), nb = b.row(i).norm();
        if (na > 0 && nb > 0) sum += aligned.row(i).dot(b.row(i)) / (na * nb);
    }
    return a.rows() > 0 ? sum / static_cast<double>(a.rows()) : 0.0;
}

}  // namespace lb::measures
