#include "core/analysis/pair_rows.h"

#include <algorithm>
#include <numeric>

namespace lb {

PairRows pairRows(const Session& s, size_t a, size_t b) {
    PairRows out;
    if (a >= s.spaceCount() || b >= s.spaceCount()) return out;
    const Index nRef = s.space(s.reference()).n();
    std::vector<Index> position(static_cast<size_t>(nRef), -1);
    for (Index r = 0; r < nRef; ++r) {
        const Index ra = s.rowInSpace(a, r), rb = s.rowInSpace(b, r);
        if (ra < 0 || rb < 0) continue;
        position[static_cast<size_t>(r)] = static_cast<Index>(out.rowsA.size());
        out.rowsA.push_back(ra);
        out.rowsB.push_back(rb);
    }
    std::vector<Index> pairedA, pairedB;  // rows of discovered pairs that are not one shared sample
    for (Index ref : s.anchors()) {
        const Index ra = s.anchorRowIn(a, ref), rb = s.anchorRowIn(b, ref);
        if (ra < 0 || rb < 0) continue;
        out.anchorRowsA.push_back(ra);
        out.anchorRowsB.push_back(rb);
        const Index p = ref < nRef ? position[static_cast<size_t>(ref)] : -1;
        if (p >= 0 && out.rowsA[static_cast<size_t>(p)] == ra && out.rowsB[static_cast<size_t>(p)] == rb) {
            out.anchors.push_back(p);
        } else {
            pairedA.push_back(ra);
            pairedB.push_back(rb);
        }
    }
    if (pairedA.empty()) return out;
    // A discovered pair (ra, rb) puts both rows into the fits: the shared samples holding ra in a or rb in b are
    // left out of evaluations as anchors are.
    std::vector<char> taken(out.rowsA.size(), 0);
    for (Index p : out.anchors) taken[static_cast<size_t>(p)] = 1;
    std::sort(pairedA.begin(), pairedA.end());
    std::sort(pairedB.begin(), pairedB.end());
    for (size_t p = 0; p < out.rowsA.size(); ++p)
        if (!taken[p] && (std::binary_search(pairedA.begin(), pairedA.end(), out.rowsA[p]) ||
                          std::binary_search(pairedB.begin(), pairedB.end(), out.rowsB[p])))
            out.anchors.push_back(static_cast<Index>(p));
    return out;
}

bool resolvePair(const Session& s, int& a, int& b) {
    const int n = static_cast<int>(s.spaceCount());
    if (n < 2) return false;
    const int ref = static_cast<int>(s.reference());
    if (b < 0 || b >= n) b = ref;
    if (a < 0 || a >= n || a == b) {
        a = -1;
        for (int i = 0; i < n && a < 0; ++i)
            if (i != b) a = i;
    }
    return true;
}

std::vector<Index> rowsAt(const std::vector<Index>& rows, const std::vector<Index>& positions) {
    std::vector<Index> out;
    out.reserve(positions.size());
    for (Index p : positions) out.push_back(rows[static_cast<size_t>(p)]);
    return out;
}

std::vector<Index> positionsExcept(Index m, const std::vector<Index>& exclude) {
    std::vector<char> skip(static_cast<size_t>(std::max<Index>(m, 0)), 0);
    for (Index e : exclude)
        if (e >= 0 && e < m) skip[static_cast<size_t>(e)] = 1;
    std::vector<Index> out;
    out.reserve(skip.size());
    for (Index i = 0; i < m; ++i)
        if (!skip[static_cast<size_t>(i)]) out.push_back(i);
    return out;
}

std::vector<Index> evaluatedPositions(const PairRows& rows, EvaluationProtocol protocol) {
    const auto m = static_cast<Index>(rows.rowsA.size());
    if (protocol == EvaluationProtocol::Paper) {
        std::vector<Index> all(static_cast<size_t>(m));
        std::iota(all.begin(), all.end(), Index{0});
        return all;
    }
    return positionsExcept(m, rows.anchors);
}

}  // namespace lb
