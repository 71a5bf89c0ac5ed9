// The common form of every stitching head: scores = X·Wᵀ + b, prediction = argmax over the C classes.
#pragma once

#include "core/status.h"
#include "core/types.h"

#include <cstdint>
#include <vector>

namespace lb {

struct LinearClassifier {
    RowMatrixXf W;      // C x D
    Eigen::VectorXf b;  // C

    Index numClasses() const { return W.rows(); }
    Index dims() const { return W.cols(); }
    // X: N x D -> N x C scores. O(N·D·C); multithreaded GEMM; pure.
    RowMatrixXf scores(const ConstRowMatrixRef& X) const;
    // X: N x D -> N class ids (argmax of the scores, lowest class on ties). Precondition X.cols() == dims().
    std::vector<int32_t> predict(const ConstRowMatrixRef& X) const;
    // The head applied after x -> x·map + offset (map D' x D, offset 1 x D; an affine translation into this head's
    // space): W' = W·mapᵀ (C x D'), b' = b + W·offsetᵀ, formed in double. Scoring N rows through it costs
    // O(N·D'·C) instead of translating them first, O(N·D'·D); the scores equal up to float rounding.
    LinearClassifier afterAffine(const Eigen::MatrixXf& map, const Eigen::RowVectorXf& offset) const;
};

// Checks that `labels` has N entries in [0, C) with C >= 2 classes present in the data, for the heads' fit().
// Returns C = max(label) + 1 (or numClassesHint when larger). Errors: InvalidArgument.
Result<int> checkTrainingLabels(Index n, const std::vector<int32_t>& labels, int numClassesHint = 0);

}  // namespace lb
