#include "core/space/label_alignment.h"

#include <unordered_map>

namespace lb {

namespace {
bool bothNamed(const LatentSpace& a, const LatentSpace& b) {
    return a.hasLabels() && b.hasLabels() && !a.labelNames.empty() && !b.labelNames.empty();
}
}  // namespace

std::vector<int32_t> labelIdMapByName(const LatentSpace& from, const LatentSpace& onto) {
    std::unordered_map<std::string, int32_t> ids;
    for (size_t c = 0; c < onto.labelNames.size(); ++c) ids.emplace(onto.labelNames[c], static_cast<int32_t>(c));
    std::vector<int32_t> map(from.labelNames.size(), -1);
    for (size_t c = 0; c < from.labelNames.size(); ++c) {
        const auto it = ids.find(from.labelNames[c]);
        if (it != ids.end()) map[c] = it->second;
    }
    return map;
}

void alignLabelsByName(LatentSpace& space, const std::vector<std::string>& referenceNames) {
    if (space.labelNames.empty() || referenceNames.empty() || space.labelNames == referenceNames) return;
    std::unordered_map<std::string, int32_t> ids;
    std::vector<std::string> names = referenceNames;
    for (size_t c = 0; c < names.size(); ++c) ids.emplace(names[c], static_cast<int32_t>(c));
    std::vector<int32_t> map(space.labelNames.size());
    for (size_t c = 0; c < space.labelNames.size(); ++c) {
        const auto it = ids.find(space.labelNames[c]);
        if (it != ids.end()) {
            map[c] = it->second;
        } else {
            map[c] = static_cast<int32_t>(names.size());
            ids.emplace(space.labelNames[c], map[c]);
            names.push_back(space.labelNames[c]);
        }
    }
    for (int32_t& l : space.labels)
        if (l >= 0 && static_cast<size_t>(l) < map.size()) l = map[static_cast<size_t>(l)];
    space.labelNames = std::move(names);
}

Result<std::vector<int32_t>> sourceLabelsInTargetIds(const LatentSpace& source, const LatentSpace& target) {
    if (!bothNamed(source, target)) return source.labels;
    const std::vector<int32_t> map = labelIdMapByName(source, target);
    std::vector<int32_t> out(source.labels.size());
    for (size_t i = 0; i < source.labels.size(); ++i) {
        const int32_t l = source.labels[i];
        const int32_t m = (l >= 0 && static_cast<size_t>(l) < map.size()) ? map[static_cast<size_t>(l)] : -1;
        if (m < 0) {
            const std::string name = (l >= 0 && static_cast<size_t>(l) < source.labelNames.size())
                                         ? source.labelNames[static_cast<size_t>(l)]
                                         : std::to_string(l);
            return badInput(source.path,
                            "class name \"" + name + "\" (row " + std::to_string(i) + " of " + source.path +
                                ") is not among the label names of " + target.path,
                            "use the same class names in both files (label_names of the .npz, the label column of "
                            "metadata.tsv)");
        }
        out[i] = m;
    }
    return out;
}

}  // namespace lb
