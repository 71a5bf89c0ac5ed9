#include "core/space/row_matching.h"

#include <algorithm>
#include <unordered_map>

namespace lb {

Result<RowMatch> matchRows(const LatentSpace& a, const LatentSpace& b) {
    RowMatch m;
    if (a.hasKeys() && b.hasKeys()) {
        m.byKey = true;
        std::unordered_map<std::string, Index> rowOfKeyB;
        rowOfKeyB.reserve(b.keys.size());
        for (size_t j = 0; j < b.keys.size(); ++j) rowOfKeyB.emplace(b.keys[j], static_cast<Index>(j));
        for (size_t i = 0; i < a.keys.size(); ++i) {
            const auto it = rowOfKeyB.find(a.keys[i]);
            if (it == rowOfKeyB.end()) continue;
            m.rowsA.push_back(static_cast<Index>(i));
            m.rowsB.push_back(it->second);
        }
    } else {
        const Index n = std::min(a.n(), b.n());
        m.rowsA.resize(static_cast<size_t>(n));
        for (Index i = 0; i < n; ++i) m.rowsA[static_cast<size_t>(i)] = i;
        m.rowsB = m.rowsA;
    }
    if (m.size() == 0) {
        Error e{ErrorCode::NoOverlap, "shares no rows with " + b.path, a.path,
                m.byKey ? "no key of one file occurs in the other" : "one of the spaces is empty"};
        return e;
    }
    return m;
}

RowMatrixXf gatherRows(const ConstRowMatrixMap& X, const std::vector<Index>& rows) {
    RowMatrixXf out(static_cast<Index>(rows.size()), X.cols());
    for (size_t r = 0; r < rows.size(); ++r) out.row(static_cast<Index>(r)) = X.row(rows[r]);
    return out;
}

}  // namespace lb
