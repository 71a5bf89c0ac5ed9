#include "core/session/sample_search.h"

#include <algorithm>
#include <cctype>

namespace lb {

namespace {

std::string lowered(const std::string& s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

bool containsLowered(const std::string& haystack, const std::string& needleLowered) {
    return lowered(haystack).find(needleLowered) != std::string::npos;
}

std::string trimmed(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t\r\n");
    if (a == std::string::npos) return {};
    return s.substr(a, s.find_last_not_of(" \t\r\n") - a + 1);
}

}  // namespace

std::vector<Index> findRows(const LatentSpace& space, const std::string& query) {
    const std::string needle = lowered(trimmed(query));
    if (needle.empty()) return {};
    // Class ids whose name matches: one test per class instead of one per row.
    std::vector<char> classMatches(space.labelNames.size(), 0);
    for (size_t c = 0; c < space.labelNames.size(); ++c) classMatches[c] = containsLowered(space.labelNames[c], needle);
    std::vector<Index> rows;
    const Index n = space.n();
    for (Index i = 0; i < n; ++i) {
        const size_t r = static_cast<size_t>(i);
        bool hit = space.hasKeys() ? containsLowered(space.keys[r], needle)
                                   : std::to_string(i).find(needle) != std::string::npos;
        if (!hit && space.hasLabels()) {
            const int32_t label = space.labels[r];
            hit = label >= 0 && static_cast<size_t>(label) < classMatches.size() &&
                  classMatches[static_cast<size_t>(label)];
        }
        if (!hit && !space.texts.empty()) hit = containsLowered(space.texts[r], needle);
        if (hit) rows.push_back(i);
    }
    return rows;
}

std::vector<Index> findSamples(const Session& session, const std::string& query) {
    std::vector<Index> refRows;
    for (size_t s = 0; s < session.spaceCount(); ++s)
        for (Index row : findRows(session.space(s), query)) {
            const Index ref = session.refRowOf(s, row);
            if (ref >= 0) refRows.push_back(ref);
        }
    std::sort(refRows.begin(), refRows.end());
    refRows.erase(std::unique(refRows.begin(), refRows.end()), refRows.end());
    return refRows;
}

}  // namespace lb
