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

std::vector<int32_t> LinearClassifier::predict(const ConstRowMatrixRef& X) const {
    const RowMatrixXf s = scores(X);
    std::vector<int32_t> out(static_cast<size_t>(X.rows()));
    for (Index i = 0; i < s.rows(); ++i) {
        Index arg = 0;
        s.row(i).maxCoeff(&arg);  // first maximum: lowest class id on ties
        out[static_cast<size_t>(i)] = static_cast<int32_t>(arg);
    }
    return out;
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
