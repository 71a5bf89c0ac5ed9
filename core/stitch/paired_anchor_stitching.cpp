#include "core/stitch/paired_anchor_stitching.h"

#include "core/space/row_matching.h"

#include <unordered_map>

namespace lb {

Result<StitchingData> pairedStitchingRows(const StitchingData& data, const std::vector<std::pair<Index, Index>>& pairs,
                                          Index nSource, Index nTarget, std::vector<Index>& anchors) {
    std::unordered_map<Index, int32_t> labelOfTarget;  // target row -> label, over the matched rows
    for (size_t i = 0; i < data.targetRows.size(); ++i) labelOfTarget[data.targetRows[i]] = data.labels[i];
    std::vector<char> inPairS(static_cast<size_t>(nSource), 0), inPairT(static_cast<size_t>(nTarget), 0);
    for (const auto& [s, t] : pairs) {
        if (s < 0 || s >= nSource || t < 0 || t >= nTarget)
            return invalidArgument("anchor pair (" + std::to_string(s) + ", " + std::to_string(t) +
                                   ") is out of range");
        if (labelOfTarget.find(t) == labelOfTarget.end())
            return invalidArgument("anchor pair (" + std::to_string(s) + ", " + std::to_string(t) +
                                   "): the target row is not among the matched, labelled rows");
        inPairS[static_cast<size_t>(s)] = inPairT[static_cast<size_t>(t)] = 1;
    }
    StitchingData out;
    out.byKey = data.byKey;
    for (size_t i = 0; i < data.sourceRows.size(); ++i)
        if (!inPairS[static_cast<size_t>(data.sourceRows[i])] && !inPairT[static_cast<size_t>(data.targetRows[i])]) {
            out.sourceRows.push_back(data.sourceRows[i]);
            out.targetRows.push_back(data.targetRows[i]);
            out.labels.push_back(data.labels[i]);
        }
    anchors.clear();
    for (const auto& [s, t] : pairs) {
        anchors.push_back(static_cast<Index>(out.sourceRows.size()));
        out.sourceRows.push_back(s);
        out.targetRows.push_back(t);
        out.labels.push_back(labelOfTarget[t]);
    }
    return out;
}

Result<StitchingResult> stitchWithAnchorPairs(const LatentSpace& source, const LatentSpace& target,
                                              const StitchingData& data,
                                              const std::vector<std::pair<Index, Index>>& pairs,
                                              const StitchingOptions& options, JobContext& ctx) {
    std::vector<Index> anchors;
    Result<StitchingData> rows = pairedStitchingRows(data, pairs, source.n(), target.n(), anchors);
    if (!rows) return rows.error();
    const RowMatrixXf S = gatherRows(source.embeddings.view(), rows->sourceRows);  // (M' + K) × Ds
    const RowMatrixXf T = gatherRows(target.embeddings.view(), rows->targetRows);  // (M' + K) × Dt
    return evaluateStitching(S, T, rows->labels, anchors, options, ctx);
}

}  // namespace lb
