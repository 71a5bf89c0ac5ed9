// The rows two spaces of a session share, where the session's anchors are among them, and which of them an
// analysis evaluates: the common input of the similarity table (app and CLI alike).
#pragma once

#include "core/analysis/analysis_settings.h"
#include "core/session/session.h"

#include <vector>

namespace lb {

// Samples shared by spaces a and b (through the reference's rows): M row pairs in reference order; the session's
// anchors present in both as their rows in a and b (Session::anchorRowIn: a discovered partner where the anchor
// has one), which is what fits and relative representations use; and the positions in [0, M) those anchors take,
// which evaluations leave out. An anchor whose rows are one shared sample takes that sample's position (anchor
// order: without partners, anchorRowsA = rowsA at `anchors`); a discovered pair that is not one shared sample
// takes the positions of the shared samples either of its rows belongs to (after the others). O(N_ref + K).
struct PairRows {
    std::vector<Index> rowsA, rowsB;              // M
    std::vector<Index> anchors;                   // positions into rowsA / rowsB taken by the anchors
    std::vector<Index> anchorRowsA, anchorRowsB;  // K: the anchors' rows in a and in b, anchor order
};
PairRows pairRows(const Session& s, size_t a, size_t b);

// Default pair when none is chosen (or the choice is out of range after a space was removed): A = the first space
// that is not the reference, B = the reference. Returns false when the session has fewer than 2 spaces.
bool resolvePair(const Session& s, int& a, int& b);

// rows[p] for each p of `positions`, in that order (e.g. the space rows of a pair's evaluated positions).
std::vector<Index> rowsAt(const std::vector<Index>& rows, const std::vector<Index>& positions);

// The positions 0..m-1 that are not in `exclude`, ascending. O(m + |exclude|).
std::vector<Index> positionsExcept(Index m, const std::vector<Index>& exclude);

// The positions of `rows` an analysis evaluates under `protocol` (analysis_settings.h): Standard leaves the
// anchors out, Paper keeps every row. Ascending.
std::vector<Index> evaluatedPositions(const PairRows& rows, EvaluationProtocol protocol);

}  // namespace lb
