// Shared matrix types. Fixed letters across the code base: N samples, D dims, K anchors, C classes.
#pragma once

#include <Eigen/Dense>

#include <cstdint>

namespace lb {

// Row-major float32 matrix: one sample per row (N x D). Row-major because samples are read, mapped and
// written row by row, and because .npy files in C order map onto it without a copy.
using RowMatrixXf = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowMatrixXd = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
// Read-only view over rows that live elsewhere (a memory-mapped file or an owned buffer).
using ConstRowMatrixMap = Eigen::Map<const RowMatrixXf>;
using RowMatrixMap = Eigen::Map<RowMatrixXf>;
// What core functions take as input: binds to a RowMatrixXf, a ConstRowMatrixMap or a row block without a copy.
using ConstRowMatrixRef = Eigen::Ref<const RowMatrixXf>;

using Index = Eigen::Index;

// True when X holds no NaN or ±Inf. x·0 is 0 for finite x and NaN otherwise, so one vectorized sum answers;
// Eigen's allFinite() compares element by element and is several times slower on a 100k × 768 input.
inline bool isAllFinite(const ConstRowMatrixRef& X) {
    const float z = (X.array() * 0.0f).sum();
    return z == z;
}

}  // namespace lb
