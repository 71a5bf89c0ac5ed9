#include "core/session/anchor_history.h"

#include <algorithm>
#include <cassert>

namespace lb {

void AnchorHistory::record(AnchorEdit edit) {
    m_redo.clear();
    m_undo.push_back(std::move(edit));
    if (m_undo.size() > m_capacity) m_undo.erase(m_undo.begin());
}

const AnchorEdit& AnchorHistory::undo() {
    assert(canUndo() && "undo() with an empty history");
    m_redo.push_back(std::move(m_undo.back()));
    m_undo.pop_back();
    return m_redo.back();
}

const AnchorEdit& AnchorHistory::redo() {
    assert(canRedo() && "redo() with nothing undone");
    m_undo.push_back(std::move(m_redo.back()));
    m_redo.pop_back();
    return m_undo.back();
}

static const std::string kEmpty;

const std::string& AnchorHistory::undoLabel() const {
    return m_undo.empty() ? kEmpty : m_undo.back().label;
}
const std::string& AnchorHistory::redoLabel() const {
    return m_redo.empty() ? kEmpty : m_redo.back().label;
}

void AnchorHistory::restore(std::vector<AnchorEdit> undo, std::vector<AnchorEdit> redo) {
    if (undo.size() > m_capacity) undo.erase(undo.begin(), undo.end() - static_cast<std::ptrdiff_t>(m_capacity));
    m_undo = std::move(undo);
    m_redo = std::move(redo);
}

void AnchorHistory::clear() {
    m_undo.clear();
    m_redo.clear();
}

std::vector<Index> anchorsAddedByLastChange(const AnchorHistory& history, const std::vector<Index>& current,
                                            bool undone) {
    const AnchorEdit* edit = nullptr;
    if (undone && history.canRedo() && history.redoStack().back().before == current) edit = &history.redoStack().back();
    if (!undone && history.canUndo() && history.undoStack().back().after == current) edit = &history.undoStack().back();
    if (!edit) return {};
    // Undone: the edit's `before` is now the list, so what it had removed came back.
    const std::vector<Index>& now = undone ? edit->before : edit->after;
    std::vector<Index> was = undone ? edit->after : edit->before;
    std::sort(was.begin(), was.end());
    std::vector<Index> added;
    for (Index r : now)
        if (!std::binary_search(was.begin(), was.end(), r)) added.push_back(r);
    return added;
}

}  // namespace lb
