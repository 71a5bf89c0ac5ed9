// prepareStitchingData and matchedRows (stitching.h): which rows of two spaces a stitching evaluation reads.
#include "core/stitch/stitching.h"

#include "core/space/label_alignment.h"
#include "core/space/row_matching.h"

namespace lb {

ConstRowMatrixRef matchedRows(const LatentSpace& space, const std::vector<Index>& rows, RowMatrixXf& storage) {
    const ConstRowMatrixMap all = space.embeddings.view();
    bool identity = static_cast<Index>(rows.size()) == all.rows();
    for (size_t i = 0; identity && i < rows.size(); ++i) identity = rows[i] == static_cast<Index>(i);
    if (identity) return ConstRowMatrixRef(all);
    storage = gatherRows(all, rows);
    return ConstRowMatrixRef(storage);
}

Result<StitchingData> prepareStitchingData(const LatentSpace& source, const LatentSpace& target, StitchingRows rows) {
    if (!source.hasLabels() && !target.hasLabels())
        return badInput(target.path, "stitching needs class labels (in the target or the source space)");
    Result<RowMatch> match = matchRows(source, target);
    if (!match) return match.error();
    StitchingData d;
    d.sourceRows = match->rowsA;
    d.targetRows = match->rowsB;
    d.byKey = match->byKey;
    if (rows == StitchingRows::Gather) {
        d.source = gatherRows(source.embeddings.view(), d.sourceRows);
        d.target = gatherRows(target.embeddings.view(), d.targetRows);
    }
    // Classes are identified by name when both spaces carry names: source ids are renumbered into the target's.
    Result<std::vector<int32_t>> sourceLabels = sourceLabelsInTargetIds(source, target);
    if (!sourceLabels) return sourceLabels.error();
    const auto className = [](const LatentSpace& s, int32_t l) {
        const bool named = l >= 0 && static_cast<size_t>(l) < s.labelNames.size();
        return named ? "\"" + s.labelNames[static_cast<size_t>(l)] + "\"" : std::to_string(l);
    };
    d.labels.resize(match->size());
    for (size_t i = 0; i < match->size(); ++i) {
        const Index rs = d.sourceRows[i], rt = d.targetRows[i];
        const int32_t ls = source.hasLabels() ? (*sourceLabels)[static_cast<size_t>(rs)] : -1;
        if (target.hasLabels() && source.hasLabels() && target.labels[static_cast<size_t>(rt)] != ls)
            return badInput(source.path, "labels disagree between " + source.path + " and " + target.path,
                            "source row " + std::to_string(rs) + " has label " +
                                className(source, source.labels[static_cast<size_t>(rs)]) + ", target row " +
                                std::to_string(rt) + " has " +
                                className(target, target.labels[static_cast<size_t>(rt)]) +
                                "; the same sample must have the same class in both files (fix the labels, or "
                                "give both files label names so classes are matched by name)");
        d.labels[i] = target.hasLabels() ? target.labels[static_cast<size_t>(rt)] : ls;
    }
    return d;
}

}  // namespace lb
