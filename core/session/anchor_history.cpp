#include "core/session/anchor_history.h"

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

}  // namespace lb
