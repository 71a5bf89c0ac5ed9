// Who a sample's nearest neighbours are in every space of a session, and how many of them the reference agrees
// on: what the app's hover tooltip lists (a quick look at whether two models agree about one sample).
#pragma once

#include "core/session/session.h"

#include <vector>

namespace lb {

// The k rows of X (N x D) with the highest cosine to row q, q itself excluded, ties to the lower row; invNorms:
// 1/‖x‖ of every row (N). Empty when q is out of range or invNorms does not fit. O(N·D), one thread.
std::vector<Index> cosineNeighboursOfRow(const ConstRowMatrixRef& X, const Eigen::VectorXf& invNorms, Index q, int k);

struct SampleNeighbours {
    std::vector<std::vector<Index>> rows;  // per space: its k nearest rows to the sample (empty: not in that space)
    std::vector<int> sharedWithReference;  // per space: how many of them are the reference's too (-1: none)
};
// For reference row `refRow` of `session`; invNorms[i]: 1/‖x‖ of space i's rows (a space without them is skipped).
SampleNeighbours sampleNeighbours(const Session& session, Index refRow,
                                  const std::vector<const Eigen::VectorXf*>& invNorms, int k);

}  // namespace lb
