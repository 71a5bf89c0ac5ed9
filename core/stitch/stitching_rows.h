// The rows a stitching evaluation reads of its spaces, block by block (core/space/row_blocks.h): gathered
// copies only where they are small (anchors, labels), features and predictions of chosen rows without a copy
// of the rows. Shared by the target side (stitching.cpp) and the source side (stitching_source.cpp).
#pragma once

#include "core/jobs/job_context.h"
#include "core/stitch/linear_classifier.h"
#include "core/stitch/ridge_normal_equations.h"

#include <vector>

namespace lb::detail {

// Rows `rows` of X, gathered (rows.size() × D): for the K anchors.
RowMatrixXf gather(const ConstRowMatrixRef& X, const std::vector<Index>& rows);
std::vector<int32_t> gatherLabels(const std::vector<int32_t>& labels, const std::vector<Index>& rows);

// Rows `rows` of X, or their features (e.g. relative representations) when `features` is set: one matrix of
// rows.size() rows, filled block by block (no copy of the rows themselves when they are turned into features).
// Advances ctx by rows. Errors: those of `features`, Cancelled.
Result<RowMatrixXf> featureRows(const ConstRowMatrixRef& X, const std::vector<Index>& rows, const RowFeatures& features,
                                JobContext& ctx);

// The classes `head` predicts for rows `rows` of X, or for their features when `features` is set, read block by
// block (no copy of the rows or of their features). Errors: those of `features`, Cancelled.
Result<std::vector<int32_t>> predictRows(const LinearClassifier& head, const ConstRowMatrixRef& X,
                                         const std::vector<Index>& rows, JobContext& ctx,
                                         const RowFeatures& features = {});

}  // namespace lb::detail
