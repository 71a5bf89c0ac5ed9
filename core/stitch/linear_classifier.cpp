#include "core/stitch/linear_classifier.h"

#include "core/linalg/thin_product.h"

#include <algorithm>
#include <cassert>
#include <set>

namespace lb {

RowMatrixXf LinearClassifier::scores(const ConstRowMatrixRef& X) const {
    assert(X.cols() == W.cols() && "LinearClassifier: input width differs from the head's");
    RowMatrixXf s = thinProduct(X, Eigen::MatrixXf(W.transpose()));  // N x C
    s.rowwise() += b.transpose();
    return s;
}

namespace {

// Appends the argmax of columns [c0, c0 + c) of every row of `s` to `out` (first maximum: lowest class on ties).
void appendArgmax(const RowMatrixXf& s, Index c0, Index c, std::vector<int32_t>& out) {
    out.reserve(out.size() + static_cast<size_t>(s.rows()));
    for (Index i = 0; i < s.rows(); ++i) {
        Index arg = 0;
        s.row(i).segment(c0, c).maxCoeff(&arg);
        out.push_back(static_cast<int32_t>(arg));
    }
}

}  // namespace

std::vector<int32_t> LinearClassifier::predict(const ConstRowMatrixRef& X) const {
    std::vector<int32_t> out;
    appendArgmax(scores(X), 0, W.rows(), out);
    return out;
}

size_t StackedHeads::add(const LinearClassifier& head) {
    assert((m_offsets.empty() || head.dims() == m_Wt.rows()) && "StackedHeads: every head must have the same width");
    const Index c0 = m_Wt.cols(), c = head.numClasses();
    m_Wt.conservativeResize(head.dims(), c0 + c);
    m_Wt.middleCols(c0, c) = head.W.transpose();
    m_b.conservativeResize(c0 + c);
    m_b.segment(c0, c) = head.b.transpose();
    m_offsets.push_back(c0);
    m_classes.push_back(c);
    return m_offsets.size() - 1;
}

void StackedHeads::predict(const ConstRowMatrixRef& X, std::vector<std::vector<int32_t>>& out) {
    out.resize(m_offsets.size());
    if (m_offsets.empty()) return;
    assert(X.cols() == m_Wt.rows() && "StackedHeads: input width differs from the heads'");
    RowMatrixXf scores = thinProduct(X, m_Wt);  // N x Σ C: a few heads read each row once, more go to the GEMM
    scores.rowwise() += m_b;
    for (size_t h = 0; h < m_offsets.size(); ++h) appendArgmax(scores, m_offsets[h], m_classes[h], out[h]);
}

LinearClassifier LinearClassifier::afterAffine(const Eigen::MatrixXf& map, const Eigen::RowVectorXf& offset) const {
    assert(map.cols() == W.cols() && offset.cols() == W.cols() && "afterAffine: the map must end in the head's width");
    const Eigen::MatrixXd w = W.cast<double>();  // C x D
    LinearClassifier out;
    out.W = (w * map.cast<double>().transpose()).cast<float>();  // C x D'
    out.b = (b.cast<double>() + w * offset.cast<double>().transpose()).cast<float>();
    return out;
}

Result<int> checkTrainingLabels(Index n, const std::vector<int32_t>& labels, int numClassesHint) {
    if (static_cast<Index>(labels.size()) != n)
        return invalidArgument("head training: " + std::to_string(labels.size()) + " labels for " + std::to_string(n) +
                               " rows");
    if (n == 0) return invalidArgument("head training: no training rows");
    int maxLabel = -1;
    std::set<int32_t> present;
    for (int32_t l : labels) {
        if (l < 0) return invalidArgument("head training: negative label " + std::to_string(l));
        maxLabel = std::max(maxLabel, static_cast<int>(l));
        if (present.size() < 2) present.insert(l);
    }
    if (present.size() < 2) return invalidArgument("head training: the training rows hold fewer than 2 classes");
    return std::max(maxLabel + 1, numClassesHint);
}

}  // namespace lb
