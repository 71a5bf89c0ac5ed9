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

// Several heads of one width D applied to the same rows with one product (thin_product.h): their weights
// stacked (D × (C₁ + … + C_H)), so each block of rows is read once instead of once per head (a product C wide is
// bound by reading the rows). Not thread-safe.
class StackedHeads {
   public:
    // Adds a head (its width must be the others'); returns its slot.
    size_t add(const LinearClassifier& head);
    size_t size() const { return m_offsets.size(); }
    Index dims() const { return m_Wt.rows(); }
    // X: N x D. Appends to out[h] (resized to size() slots) the N classes head h predicts, as its predict() would
    // (the same products up to float rounding, lowest class on ties).
    void predict(const ConstRowMatrixRef& X, std::vector<std::vector<int32_t>>& out);

   private:
    Eigen::MatrixXf m_Wt;          // D x (Σ C): every head's Wᵀ side by side
    Eigen::RowVectorXf m_b;        // Σ C
    std::vector<Index> m_offsets;  // first column of each head in m_Wt
    std::vector<Index> m_classes;  // C of each head
};

// Checks that `labels` has N entries in [0, C) with C >= 2 classes present in the data, for the heads' fit().
// Returns C = max(label) + 1 (or numClassesHint when larger). Errors: InvalidArgument.
Result<int> checkTrainingLabels(Index n, const std::vector<int32_t>& labels, int numClassesHint = 0);

}  // namespace lb
