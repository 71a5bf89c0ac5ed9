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
    const std::vector<std::vector<Index>> rows = anchorRowTable();
    m_spaces[i].space = std::move(space);
    m_spaces[i].loadedFrom = fileIdentity(m_spaces[i].path);
    size_t dropped = 0;
    if (i == m_reference) {
        // The anchors are rows of the old version: carried over by key, else by row.
        const LatentSpace& now = *m_spaces[i].space;
        std::unordered_map<std::string, Index> rowOfKey;
        if (old->hasKeys() && now.hasKeys())
            for (size_t r = 0; r < now.keys.size(); ++r) rowOfKey.emplace(now.keys[r], static_cast<Index>(r));
        std::vector<Index> ids;
        for (Index a : m_anchors) {
            Index r = -1;
            if (!rowOfKey.empty()) {
                const auto it = rowOfKey.find(old->keys[static_cast<size_t>(a)]);
                if (it != rowOfKey.end()) r = it->second;
            } else if (a < now.n()) {
                r = a;
            }
            ids.push_back(r);
        }
        m_history.clear();
        for (size_t j = 0; j < m_spaces.size(); ++j) rematch(j);
        dropped = reexpressAnchors(ids, rows);
    } else {
        rematch(i);
        m_partners = keptPartners(m_anchors, m_partners);  // rows beyond the new version's end go
    }
    ++m_spacesVersion;
    ++m_anchorsVersion;
    return dropped;
}

// Partners of space i are dropped; those of later spaces follow their space's new index.
static void dropPartnersOfSpace(std::vector<AnchorPartner>& partners, size_t i) {
    std::vector<AnchorPartner> kept;
    for (AnchorPartner p : partners) {
        if (p.space == i) continue;
        if (p.space > i) --p.space;
        kept.push_back(p);
    }
    partners = std::move(kept);
}

void Session::removeSpace(size_t i) {
    if (i >= m_spaces.size()) return;
    if (i == m_reference && m_spaces.size() > 1) {
        setReference(i == 0 ? 1 : 0);
    }
    m_spaces.erase(m_spaces.begin() + static_cast<std::ptrdiff_t>(i));
    if (m_reference > i) --m_reference;
    dropPartnersOfSpace(m_partners, i);
    std::vector<AnchorEdit> stacks[2] = {m_history.undoStack(), m_history.redoStack()};
    for (std::vector<AnchorEdit>& stack : stacks)
        for (AnchorEdit& e : stack) {
            dropPartnersOfSpace(e.partnersBefore, i);
            dropPartnersOfSpace(e.partnersAfter, i);
        }
    m_history.restore(std::move(stacks[0]), std::move(stacks[1]));
    if (m_spaces.empty()) {
        m_reference = 0;
        m_anchors.clear();
        m_partners.clear();
        m_history.clear();
    }
    ++m_spacesVersion;
    ++m_anchorsVersion;
}

size_t Session::setReference(size_t i) {
    if (i >= m_spaces.size() || i == m_reference) return 0;
    // Each anchor keeps its row in every space: its new reference row is its row in space i (a partner there,
    // else the key match through the old reference); anchors space i lacks are dropped.
    const std::vector<std::vector<Index>> rows = anchorRowTable();
    std::vector<Index> ids;
    for (const std::vector<Index>& r : rows) ids.push_back(r[i]);
    m_reference = i;
    for (size_t j = 0; j < m_spaces.size(); ++j) rematch(j);
    const size_t dropped = reexpressAnchors(ids, rows);
    m_history.clear();
    ++m_spacesVersion;
    ++m_anchorsVersion;
    return dropped;
}

std::vector<std::vector<Index>> Session::anchorRowTable() const {
    std::vector<std::vector<Index>> rows(m_anchors.size(), std::vector<Index>(m_spaces.size(), -1));
    for (size_t j = 0; j < m_spaces.size(); ++j) {
        const std::vector<Index> in = anchorRowsIn(j);
        for (size_t k = 0; k < in.size(); ++k) rows[k][j] = in[k];
    }
    return rows;
}

size_t Session::reexpressAnchors(const std::vector<Index>& ids, const std::vector<std::vector<Index>>& rows) {
    std::vector<Index> anchors;
    std::vector<AnchorPartner> partners;
    std::unordered_set<Index> seen;
    size_t dropped = 0;
    for (size_t k = 0; k < ids.size(); ++k) {
        const Index id = ids[k];
        if (id < 0 || !seen.insert(id).second) {  // gone, or two anchors became one sample of the new reference
            ++dropped;
            continue;
        }
        anchors.push_back(id);
        for (size_t j = 0; j < m_spaces.size() && j < rows[k].size(); ++j)
            if (j != m_reference && rows[k][j] >= 0 && rows[k][j] != rowInSpace(j, id))
                partners.push_back({id, j, rows[k][j]});
    }
    m_anchors = std::move(anchors);
    m_partners = keptPartners(m_anchors, std::move(partners));
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

static bool partnerBefore(const AnchorPartner& p, Index anchor, size_t space) {
    return p.anchor < anchor || (p.anchor == anchor && p.space < space);
}

Index Session::partnerOf(Index refRow, size_t i) const {
    const auto it = std::lower_bound(m_partners.begin(), m_partners.end(), std::make_pair(refRow, i),
                                     [](const AnchorPartner& p, const std::pair<Index, size_t>& key) {
                                         return partnerBefore(p, key.first, key.second);
                                     });
    return it != m_partners.end() && it->anchor == refRow && it->space == i ? it->row : -1;
}

bool Session::hasPartner(Index refRow) const {
    const auto it = std::lower_bound(m_partners.begin(), m_partners.end(), refRow,
                                     [](const AnchorPartner& p, Index anchor) { return partnerBefore(p, anchor, 0); });
    return it != m_partners.end() && it->anchor == refRow;
}

Index Session::anchorRowIn(size_t i, Index refRow) const {
    const Index p = i == m_reference ? -1 : partnerOf(refRow, i);
    // A partner restored by undo may lie beyond a space reloaded shorter since: the space then lacks the anchor.
    if (p >= 0) return p < m_spaces.at(i).space->n() ? p : -1;
    return rowInSpace(i, refRow);
}

Index Session::anchorAtRow(size_t i, Index row) const {
    if (row < 0) return -1;
    for (Index a : m_anchors)
        if (anchorRowIn(i, a) == row) return a;
    return -1;
}

std::vector<Index> Session::anchorRowsIn(size_t i) const {
    std::vector<Index> out;
    out.reserve(m_anchors.size());
    for (Index a : m_anchors) out.push_back(anchorRowIn(i, a));
    return out;
}

std::vector<Index> Session::anchorRowMapIn(size_t i) const {
    std::vector<Index> map = m_spaces.at(i).fromRef;
    if (map.empty() || i == m_reference) return map;
    for (const AnchorPartner& p : m_partners)
        if (p.space == i && p.anchor >= 0 && static_cast<size_t>(p.anchor) < map.size())
            map[static_cast<size_t>(p.anchor)] = anchorRowIn(i, p.anchor);
    return map;
}

uint64_t Session::partnersFingerprint() const {
    uint64_t h = 0;
    for (const AnchorPartner& p : m_partners)
        for (uint64_t v :
             {static_cast<uint64_t>(p.anchor), static_cast<uint64_t>(p.space), static_cast<uint64_t>(p.row)})
            h = (h ^ v ^ 0x9e3779b97f4a7c15ull) * 1099511628211ull;
    return h;
}

std::vector<Index> Session::commonAnchors() const {
    std::vector<Index> out;
    for (Index a : m_anchors) {
        bool everywhere = true;
        for (size_t i = 0; i < m_spaces.size() && everywhere; ++i)
            if (m_spaces[i].matchError.empty() && anchorRowIn(i, a) < 0) everywhere = false;
        if (everywhere) out.push_back(a);
    }
    return out;
}

std::vector<AnchorPartner> Session::keptPartners(const std::vector<Index>& rows,
                                                 std::vector<AnchorPartner> partners) const {
    const std::unordered_set<Index> anchors(rows.begin(), rows.end());
    std::vector<AnchorPartner> out;
    for (const AnchorPartner& p : partners)
        if (anchors.count(p.anchor) && p.space < m_spaces.size() && p.space != m_reference && p.row >= 0 &&
            p.row < m_spaces[p.space].space->n())
            out.push_back(p);
    std::stable_sort(out.begin(), out.end(), [](const AnchorPartner& a, const AnchorPartner& b) {
        return partnerBefore(a, b.anchor, b.space);
    });
    out.erase(std::unique(out.begin(), out.end(),
                          [](const AnchorPartner& a, const AnchorPartner& b) {
                              return a.anchor == b.anchor && a.space == b.space;
                          }),
              out.end());
    return out;
}

bool Session::applyAnchors(std::vector<Index> rows, std::vector<AnchorPartner> partners, const std::string& label) {
    partners = keptPartners(rows, std::move(partners));
    if (rows == m_anchors && partners == m_partners) return false;
    m_history.record(AnchorEdit{label, m_anchors, rows, m_partners, partners});
    m_anchors = std::move(rows);
    m_partners = std::move(partners);
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
    return applyAnchors(std::move(rows), m_partners, label.empty() ? "add " + plural(added, "anchor") : label);
}

bool Session::removeAnchors(const std::vector<Index>& refRows, const std::string& label) {
    const std::unordered_set<Index> drop(refRows.begin(), refRows.end());
    std::vector<Index> rows;
    for (Index a : m_anchors)
        if (!drop.count(a)) rows.push_back(a);
    const size_t removed = m_anchors.size() - rows.size();
    return applyAnchors(std::move(rows), m_partners, label.empty() ? "remove " + plural(removed, "anchor") : label);
}

bool Session::setAnchors(const std::vector<Index>& refRows, const std::string& label) {
    return setAnchorsWithPartners(refRows, {}, label);
}

bool Session::addAnchorPairs(const std::vector<Index>& refRows, size_t space, const std::vector<Index>& rows,
                             const std::string& label) {
    if (m_spaces.empty() || space >= m_spaces.size() || space == m_reference) return false;
    const Index nRef = this->space(m_reference).n(), nSpace = this->space(space).n();
    std::vector<Index> anchors = m_anchors;
    std::vector<AnchorPartner> partners = m_partners;
    std::unordered_set<Index> present(anchors.begin(), anchors.end());
    for (size_t k = 0; k < refRows.size() && k < rows.size(); ++k) {
        const Index a = refRows[k], b = rows[k];
        if (a < 0 || a >= nRef || b < 0 || b >= nSpace || !present.insert(a).second) continue;
        anchors.push_back(a);
        partners.push_back({a, space, b});
    }
    const size_t added = anchors.size() - m_anchors.size();
    return applyAnchors(std::move(anchors), std::move(partners),
                        label.empty() ? "add " + plural(added, "anchor pair") : label);
}

bool Session::setAnchorsWithPartners(const std::vector<Index>& refRows, std::vector<AnchorPartner> partners,
                                     const std::string& label) {
    if (m_spaces.empty()) return false;
    const Index n = space(m_reference).n();
    std::vector<Index> rows;
    std::unordered_set<Index> present;
    for (Index r : refRows)
        if (r >= 0 && r < n && present.insert(r).second) rows.push_back(r);
    const size_t k = rows.size();
    return applyAnchors(std::move(rows), std::move(partners), label.empty() ? "set " + plural(k, "anchor") : label);
}

bool Session::restoreHistory(AnchorHistory history) {
    if (history.canUndo() &&
        (history.undoStack().back().after != m_anchors || history.undoStack().back().partnersAfter != m_partners))
        return false;
    if (history.canRedo() &&
        (history.redoStack().back().before != m_anchors || history.redoStack().back().partnersBefore != m_partners))
        return false;
    m_history = std::move(history);
    return true;
}

bool Session::undo() {
    if (!m_history.canUndo()) return false;
    const AnchorEdit& e = m_history.undo();
    m_anchors = e.before;
    m_partners = e.partnersBefore;
    ++m_anchorsVersion;
    return true;
}

bool Session::redo() {
    if (!m_history.canRedo()) return false;
    const AnchorEdit& e = m_history.redo();
    m_anchors = e.after;
    m_partners = e.partnersAfter;
    ++m_anchorsVersion;
    return true;
}

}  // namespace lb
