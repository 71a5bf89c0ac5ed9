// Zero-shot stitching (stitching.h) with anchors given as pairs of rows that need not encode the same sample, as
// bootstrapped anchors (anchor_bootstrap.h) are: the source's relative representations use the pairs' source
// rows, the target's their target rows.
#pragma once

#include "core/stitch/stitching.h"

#include <utility>
#include <vector>

namespace lb {

// The rows such a stitching evaluates: data's matched rows that take no part in a pair on either side, then the
// pairs (source row, target row), labelled with the target row's label (data: StitchingRows::Only; the result has
// rows and labels only). `anchors` receives the pairs' positions among them. Errors: InvalidArgument for a pair
// row out of range (nSource, nTarget) or a target row with no label (unmatched).
Result<StitchingData> pairedStitchingRows(const StitchingData& data, const std::vector<std::pair<Index, Index>>& pairs,
                                          Index nSource, Index nTarget, std::vector<Index>& anchors);

// data: the two spaces' matched rows (prepareStitchingData, StitchingRows::Only: its sourceRows, targetRows and
// labels). pairs: K ≥ 2 (source row, target row). The evaluated samples are the matched ones that take no part
// in a pair on either side; to them the pairs are added as anchor rows (the source row on the source side, the
// target row on the target side, labelled with the target row's label), and evaluateStitching runs on the lot,
// so a wrong pair costs exactly what it costs a relative representation or a translator fit. Errors: those of
// evaluateStitching; InvalidArgument for a pair row out of range or a target row with no label (unmatched).
Result<StitchingResult> stitchWithAnchorPairs(const LatentSpace& source, const LatentSpace& target,
                                              const StitchingData& data,
                                              const std::vector<std::pair<Index, Index>>& pairs,
                                              const StitchingOptions& options, JobContext& ctx = silentJob());

}  // namespace lb
