// Who a sample's nearest neighbours are in every space of a session, and how many of them the reference agrees
// on: what the app's hover tooltip lists (a quick look at whether two models agree about one sample).
#pragma once

#include "core/jobs/job_context.h"
#include "core/session/session.h"

#include <memory>

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
// Synchronous: O(N·D) per space. The app runs the searches on a worker (findNeighbourRows) and only the overlap
// (sharedWithReference) on the main thread.
SampleNeighbours sampleNeighbours(const Session& session, Index refRow,
                                  const std::vector<const Eigen::VectorXf*>& invNorms, int k);

// One space's part of a neighbour lookup, self-contained so it can run on a worker while the session changes.
struct NeighbourSearch {
    std::shared_ptr<const LatentSpace> space;
    std::shared_ptr<const Eigen::VectorXf> invNorms;  // N: 1/‖x‖ of the space's rows
    Index row = -1;                                   // the sample in this space (-1: not in it, skipped)
};
// Per search: the k nearest rows of its space to its row (empty when skipped). Checks ctx between spaces.
std::vector<std::vector<Index>> findNeighbourRows(const std::vector<NeighbourSearch>& searches, int k, JobContext& ctx);
// Per space: how many of rows[i] (space i's local rows) are also in rows[reference], compared as reference rows
// (-1 where rows[i] is empty).
std::vector<int> sharedWithReference(const Session& session, const std::vector<std::vector<Index>>& rows);

}  // namespace lb
