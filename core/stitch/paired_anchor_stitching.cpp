#include "core/stitch/paired_anchor_stitching.h"

#include "core/space/row_matching.h"

#include <unordered_map>

namespace lb {

Result<StitchingResult> stitchWithAnchorPairs(const LatentSpace& source, const LatentSpace& target,
                                              const StitchingData& data,
                                              const std::vector<std::pair<Index, Index>>& pairs,
                                              const StitchingOptions& options, JobContext& ctx) {
    std::unordered_map<Index, int32_t> labelOfTarget;  // target row -> label, over the matched rows
    for (size_t i = 0; i < data.targetRows.size(); ++i) labelOfTarget[data.targetRows[i]] = data.labels[i];
    std::vector<char> inPairS(static_cast<size_t>(source.n()), 0), inPairT(static_cast<size_t>(target.n()), 0);
    for (const auto& [s, t] : pairs) {
        if (s < 0 || s >= source.n() || t < 0 || t >= target.n())
            return invalidArgument("anchor pair (" + std::to_string(s) + ", " + std::to_string(t) +
                                   ") is out of range");
        if (labelOfTarget.find(t) == labelOfTarget.end())
            return invalidArgument("anchor pair (" + std::to_string(s) + ", " + std::to_string(t) +
                                   "): the target row is not among the matched, labelled rows");
        inPairS[static_cast<size_t>(s)] = inPairT[static_cast<size_t>(t)] = 1;
    }
    std::vector<Index> rowsS, rowsT;
    std::vector<int32_t> labels;
    for (size_t i = 0; i < data.sourceRows.size(); ++i)
        if (!inPairS[static_cast<size_t>(data.sourceRows[i])] && !inPairT[static_cast<size_t>(data.targetRows[i])]) {
            rowsS.push_back(data.sourceRows[i]);
            rowsT.push_back(data.targetRows[i]);
            labels.push_back(data.labels[i]);
        }
    std::vector<Index> anchors;
    for (const auto& [s, t] : pairs) {
        anchors.push_back(static_cast<Index>(rowsS.size()));
        rowsS.push_back(s);
        rowsT.push_back(t);
        labels.push_back(labelOfTarget[t]);
    }
    const RowMatrixXf S = gatherRows(source.embeddings.view(), rowsS);  // (M' + K) × Ds
    const RowMatrixXf T = gatherRows(target.embeddings.view(), rowsT);  // (M' + K) × Dt
    return evaluateStitching(S, T, labels, anchors, options, ctx);
}

}  // namespace lb
