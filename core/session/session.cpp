#include "core/session/session.h"

#include "core/space/display_name.h"
#include "core/space/label_alignment.h"
#include "core/space/row_matching.h"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace lb {

// ------------------------------------------------------------------------------------------- spaces
size_t Session::addSpace(std::string path, std::shared_ptr<const LatentSpace> space) {
    SessionSpace s;
    s.path = std::move(path);
    s.space = std::move(space);
    s.loadedFrom = fileIdentity(s.path);
    m_spaces.push_back(std::move(s));
    const size_t i = m_spaces.size() - 1;
    if (i == 0) m_reference = 0;
    rematch(i);
    ++m_spacesVersion;
    ++m_anchorsVersion;
    return i;
}

void Session::alignLabelNames(LatentSpace& space) const {
    for (const SessionSpace& s : m_spaces)
        if (!s.space->labelNames.empty()) {
            alignLabelsByName(space, s.space->labelNames);
            return;
        }
}

void Session::makeNameUnique(LatentSpace& space) const {
    std::vector<std::string> taken;
    for (const SessionSpace& s : m_spaces) taken.push_back(s.space->name);
    space.name = uniqueDisplayName(space.name, taken);
}

void Session::rematch(size_t i) {
    SessionSpace& s = m_spaces[i];
    const LatentSpace& ref = *m_spaces[m_reference].space;
    s.toRef.assign(static_cast<size_t>(s.space->n()), -1);
    s.fromRef.assign(static_cast<size_t>(ref.n()), -1);
    s.matchError.clear();
    s.matchedRows = 0;
    if (i == m_reference) {
        for (Index r = 0; r < ref.n(); ++r) s.toRef[static_cast<size_t>(r)] = s.fromRef[static_cast<size_t>(r)] = r;
        s.matchedRows = static_cast<size_t>(ref.n());
        s.matchedByKey = ref.hasKeys();
        return;
    }
    const Result<RowMatch> m = matchRows(ref, *s.space);
    if (!m) {
        s.matchError = "no shared samples with the reference " + ref.name + ": " + m.error().message +
                       (m.error().detail.empty() ? "" : " (" + m.error().detail + ")");
        s.toRef.clear();
        s.fromRef.clear();
        return;
    }
    for (size_t k = 0; k < m->size(); ++k) {
        s.fromRef[static_cast<size_t>(m->rowsA[k])] = m->rowsB[k];
        s.toRef[static_cast<size_t>(m->rowsB[k])] = m->rowsA[k];
    }
    s.matchedRows = m->size();
    s.matchedByKey = m->byKey;
}

size_t Session::replaceSpace(size_t i, std::shared_ptr<const LatentSpace> space) {
    if (i >= m_spaces.size()) return 0;
    const std::shared_ptr<const LatentSpace> old = m_spaces[i].space;
    m_spaces[i].space = std::move(space);
    m_spaces[i].loadedFrom = fileIdentity(m_spaces[i].path);
    size_t dropped = 0;
    if (i == m_reference) {
        // The anchors are rows of the old version: carried over by key, else by row.
        const LatentSpace& now = *m_spaces[i].space;
        std::unordered_map<std::string, Index> rowOfKey;
        if (old->hasKeys() && now.hasKeys())
            for (size_t r = 0; r < now.keys.size(); ++r) rowOfKey.emplace(now.keys[r], static_cast<Index>(r));
        std::vector<Index> kept;
        for (Index a : m_anchors) {
            Index r = -1;
            if (!rowOfKey.empty()) {
                const auto it = rowOfKey.find(old->keys[static_cast<size_t>(a)]);
                if (it != rowOfKey.end()) r = it->second;
            } else if (a < now.n()) {
                r = a;
            }
            if (r >= 0)
                kept.push_back(r);
            else
                ++dropped;
        }
        m_anchors = std::move(kept);
        m_history.clear();
        for (size_t j = 0; j < m_spaces.size(); ++j) rematch(j);
    } else {
        rematch(i);
    }
    ++m_spacesVersion;
    ++m_anchorsVersion;
    return dropped;
}

void Session::removeSpace(size_t i) {
    if (i >= m_spaces.size()) return;
    if (i == m_reference && m_spaces.size() > 1) {
        setReference(i == 0 ? 1 : 0);
    }
    m_spaces.erase(m_spaces.begin() + static_cast<std::ptrdiff_t>(i));
    if (m_reference > i) --m_reference;
    if (m_spaces.empty()) {
        m_reference = 0;
        m_anchors.clear();
        m_history.clear();
    }
    ++m_spacesVersion;
    ++m_anchorsVersion;
}

size_t Session::setReference(size_t i) {
    if (i >= m_spaces.size() || i == m_reference) return 0;
    // Re-express anchors through the new reference's row map (computed against the old reference).
    const SessionSpace& next = m_spaces[i];
    std::vector<Index> remapped;
    size_t dropped = 0;
    for (Index a : m_anchors) {
        const Index r = next.fromRef.empty() ? -1 : next.fromRef[static_cast<size_t>(a)];
        if (r >= 0)
            remapped.push_back(r);
        else
            ++dropped;
    }
    m_reference = i;
    for (size_t j = 0; j < m_spaces.size(); ++j) rematch(j);
    m_anchors = std::move(remapped);
    m_history.clear();
    ++m_spacesVersion;
    ++m_anchorsVersion;
    return dropped;
}

Index Session::rowInSpace(size_t i, Index refRow) const {
    const SessionSpace& s = m_spaces.at(i);
    if (refRow < 0 || static_cast<size_t>(refRow) >= s.fromRef.size()) return -1;
    return s.fromRef[static_cast<size_t>(refRow)];
}

Index Session::refRowOf(size_t i, Index row) const {
    const SessionSpace& s = m_spaces.at(i);
    if (row < 0 || static_cast<size_t>(row) >= s.toRef.size()) return -1;
    return s.toRef[static_cast<size_t>(row)];
}

// ------------------------------------------------------------------------------------------- anchors
bool Session::isAnchor(Index refRow) const {
    return std::find(m_anchors.begin(), m_anchors.end(), refRow) != m_anchors.end();
}

std::vector<Index> Session::anchorRowsIn(size_t i) const {
    std::vector<Index> out;
    out.reserve(m_anchors.size());
    for (Index a : m_anchors) out.push_back(rowInSpace(i, a));
    return out;
}

std::vector<Index> Session::commonAnchors() const {
    std::vector<Index> out;
    for (Index a : m_anchors) {
        bool everywhere = true;
        for (size_t i = 0; i < m_spaces.size() && everywhere; ++i)
            if (m_spaces[i].matchError.empty() && rowInSpace(i, a) < 0) everywhere = false;
        if (everywhere) out.push_back(a);
    }
    return out;
}

bool Session::applyAnchors(std::vector<Index> rows, const std::string& label) {
    if (rows == m_anchors) return false;
    m_history.record(AnchorEdit{label, m_anchors, rows});
    m_anchors = std::move(rows);
    ++m_anchorsVersion;
    return true;
}

static std::string plural(size_t n, const char* what) {
    return std::to_string(n) + " " + what + (n == 1 ? "" : "s");
}

bool Session::toggleAnchor(Index refRow) {
    if (isAnchor(refRow)) return removeAnchors({refRow}, "remove anchor " + std::to_string(refRow));
    return addAnchors({refRow}, "add anchor " + std::to_string(refRow));
}

bool Session::addAnchors(const std::vector<Index>& refRows, const std::string& label) {
    if (m_spaces.empty()) return false;
    const Index n = space(m_reference).n();
    std::vector<Index> rows = m_anchors;
    std::unordered_set<Index> present(rows.begin(), rows.end());
    for (Index r : refRows)
        if (r >= 0 && r < n && present.insert(r).second) rows.push_back(r);
    const size_t added = rows.size() - m_anchors.size();
    return applyAnchors(std::move(rows), label.empty() ? "add " + plural(added, "anchor") : label);
}

bool Session::removeAnchors(const std::vector<Index>& refRows, const std::string& label) {
    const std::unordered_set<Index> drop(refRows.begin(), refRows.end());
    std::vector<Index> rows;
    for (Index a : m_anchors)
        if (!drop.count(a)) rows.push_back(a);
    const size_t removed = m_anchors.size() - rows.size();
    return applyAnchors(std::move(rows), label.empty() ? "remove " + plural(removed, "anchor") : label);
}

bool Session::setAnchors(const std::vector<Index>& refRows, const std::string& label) {
    if (m_spaces.empty()) return false;
    const Index n = space(m_reference).n();
    std::vector<Index> rows;
    std::unordered_set<Index> present;
    for (Index r : refRows)
        if (r >= 0 && r < n && present.insert(r).second) rows.push_back(r);
    const size_t k = rows.size();
    return applyAnchors(std::move(rows), label.empty() ? "set " + plural(k, "anchor") : label);
}

bool Session::restoreHistory(AnchorHistory history) {
    if (history.canUndo() && history.undoStack().back().after != m_anchors) return false;
    if (history.canRedo() && history.redoStack().back().before != m_anchors) return false;
    m_history = std::move(history);
    return true;
}

bool Session::undo() {
    if (!m_history.canUndo()) return false;
    m_anchors = m_history.undo().before;
    ++m_anchorsVersion;
    return true;
}

bool Session::redo() {
    if (!m_history.canRedo()) return false;
    m_anchors = m_history.redo().after;
    ++m_anchorsVersion;
    return true;
}

}  // namespace lb
