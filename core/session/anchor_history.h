// Undo/redo of anchor edits. Each edit stores the anchor list before and after (K row indices, tiny next to
// the N x D data), so undo and redo are exact whatever the edit was (add, remove, replace by a strategy).
#pragma once

#include "core/types.h"

#include <cstddef>
#include <string>
#include <vector>

namespace lb {

// An anchor's row in one space given explicitly instead of the row its key matches: a discovered partner
// (bootstrapped parallel anchors, core/relative/anchor_bootstrap.h). Ordered by (anchor, space).
struct AnchorPartner {
    Index anchor = -1;  // the anchor, as a reference row
    size_t space = 0;   // index of the space (never the reference)
    Index row = -1;     // the anchor's row in that space
    bool operator==(const AnchorPartner& o) const { return anchor == o.anchor && space == o.space && row == o.row; }
    bool operator!=(const AnchorPartner& o) const { return !(*this == o); }
};

struct AnchorEdit {
    std::string label;                          // "add 1 anchor", "select 300 (random)", shown on the undo button
    std::vector<Index> before;                  // anchor rows (reference space) before the edit, in order
    std::vector<Index> after;                   // and after it
    std::vector<AnchorPartner> partnersBefore;  // the anchors' explicit partners before the edit (usually none)
    std::vector<AnchorPartner> partnersAfter;   // and after it
};

class AnchorHistory {
   public:
    explicit AnchorHistory(size_t capacity = 256) : m_capacity(capacity) {}

    // Records a new edit; clears the redo stack. Drops the oldest edit beyond the capacity.
    void record(AnchorEdit edit);
    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }
    // Moves the last edit to the redo stack and returns it (its `before` is the list to restore).
    // Precondition: canUndo().
    const AnchorEdit& undo();
    // Moves the last undone edit back and returns it (its `after` is the list to restore). Precondition: canRedo().
    const AnchorEdit& redo();
    const std::string& undoLabel() const;  // "" when nothing to undo
    const std::string& redoLabel() const;
    size_t undoDepth() const { return m_undo.size(); }
    // The stacks, oldest first: what a session file saves. restore() puts saved stacks back (the newest
    // `capacity` undo edits are kept).
    const std::vector<AnchorEdit>& undoStack() const { return m_undo; }
    const std::vector<AnchorEdit>& redoStack() const { return m_redo; }
    void restore(std::vector<AnchorEdit> undo, std::vector<AnchorEdit> redo);
    size_t capacity() const { return m_capacity; }
    void clear();

   private:
    size_t m_capacity;
    std::vector<AnchorEdit> m_undo;
    std::vector<AnchorEdit> m_redo;
};

// The anchors (rows) the last change of the anchor list added, in their order: an edit's (or a redo's) new rows, or
// the rows an undo brought back (`undone`: the last change was an undo, whose edit is now the redo stack's top).
// Empty when the history does not end at `current` (a session opened, the history cleared). O(K log K).
std::vector<Index> anchorsAddedByLastChange(const AnchorHistory& history, const std::vector<Index>& current,
                                            bool undone);

}  // namespace lb
