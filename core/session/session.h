// The document the GUI and the CLI both drive: loaded spaces, the reference space, the anchors, settings.
//
// [SECTION] settings   [SECTION] spaces and row maps   [SECTION] anchors (+ undo/redo)
//
// Anchors are shared sample ids: they are stored as row indices of the *reference* space and mapped into
// every other space through matchRows (by key when both spaces have keys, else by row index). Changing the
// reference re-expresses the anchors in the new reference's rows. Not thread-safe: the GUI mutates it on the
// main thread only; workers get copies of what they need (shared_ptr<const LatentSpace>, row vectors).
// Reading and writing session files: session_file.h.
#pragma once

#include "core/relative/anchor_selection.h"
#include "core/relative/relative_projection.h"
#include "core/session/anchor_history.h"
#include "core/space/latent_space.h"
#include "core/status.h"
#include "core/translate/translator.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lb {

// ------------------------------------------------------------------------------------------- settings
// Classifier head used by zero-shot stitching (docs/methods.md §5); read by the stitching panel and CLI.
struct HeadSettings {
    std::string kind = "ridge";   // "ridge" | "logistic" | "file" (default ridge: closed form, refits live)
    double lambda = 1e-2;         // ridge / L2 strength (default 1e-2)
    std::string path;             // linear head file when kind == "file"
    double testFraction = 0.2;    // held-out fraction, never containing anchors (default 0.2)
    uint64_t splitSeed = 0;       // train/test split seed (default 0)
};

struct SessionSettings {
    RelativeOptions relative;             // default cosine, no transform, concat, no post-normalization
    TranslationOptions translation;       // default procrustes + standard scaling
    HeadSettings head;
    int metricsK = 10;                    // k for kNN Jaccard / retrieval (default 10)
    AnchorSelectionOptions selection{AnchorStrategy::Random, 300, 0, 30};  // last strategy used (default random 300)
    bool sharedBasis = false;             // GUI: absolute views in the reference's PCA basis (default off)
};

// --------------------------------------------------------------------------------- spaces and row maps
struct SessionSpace {
    std::string path;                           // file it came from (as opened)
    std::shared_ptr<const LatentSpace> space;   // immutable once loaded; shared with worker jobs
    // Row maps against the reference space (empty when unmatched): toRef[row] = reference row or -1,
    // fromRef[refRow] = row or -1. The reference maps onto itself.
    std::vector<Index> toRef;
    std::vector<Index> fromRef;
    bool matchedByKey = false;
    size_t matchedRows = 0;      // samples shared with the reference
    std::string matchError;      // non-empty when this space shares no rows with the reference
};

class Session {
public:
    // ---- spaces
    size_t spaceCount() const { return m_spaces.size(); }
    bool empty() const { return m_spaces.empty(); }
    const SessionSpace& entry(size_t i) const { return m_spaces.at(i); }
    const LatentSpace& space(size_t i) const { return *m_spaces.at(i).space; }
    // Appends a loaded space and matches its rows to the reference (the first space becomes the reference).
    // A space that shares no rows with the reference is kept but gets matchError (shown inline by the GUI).
    // O(N) hashing of keys. Returns the new index.
    size_t addSpace(std::string path, std::shared_ptr<const LatentSpace> space);
    // Removes space i. Removing the reference makes space 0 the new reference (anchors are remapped).
    void removeSpace(size_t i);
    size_t reference() const { return m_reference; }
    // Makes space i the reference; anchors are re-expressed in its rows (anchors it lacks are dropped and
    // counted in the return value). Clears undo history (old rows mean nothing in the new reference).
    size_t setReference(size_t i);
    // Row of reference sample `refRow` in space i, or -1. Row of space i's `row` in the reference, or -1.
    Index rowInSpace(size_t i, Index refRow) const;
    Index refRowOf(size_t i, Index row) const;

    // ---- anchors (reference rows, in the order they were added: that is the column order of relative reps)
    const std::vector<Index>& anchors() const { return m_anchors; }
    bool isAnchor(Index refRow) const;
    // Anchors mapped into space i (same order; -1 where space i lacks the sample).
    std::vector<Index> anchorRowsIn(size_t i) const;
    // Anchors present in every matched space (the columns all relative views share), as reference rows.
    std::vector<Index> commonAnchors() const;
    // Edits; each one is recorded for undo and bumps anchorsVersion(). Out-of-range or duplicate rows are
    // ignored. Return true when the anchor list changed.
    bool toggleAnchor(Index refRow);
    bool addAnchors(const std::vector<Index>& refRows, const std::string& label = {});
    bool removeAnchors(const std::vector<Index>& refRows, const std::string& label = {});
    bool setAnchors(const std::vector<Index>& refRows, const std::string& label = {});
    bool undo();
    bool redo();
    const AnchorHistory& history() const { return m_history; }
    void clearHistory() { m_history.clear(); }
    // Bumps on every change of spaces, reference or anchors: views compare it to know when to recompute.
    uint64_t anchorsVersion() const { return m_anchorsVersion; }
    uint64_t spacesVersion() const { return m_spacesVersion; }

    SessionSettings settings;

private:
    void rematch(size_t i);
    bool applyAnchors(std::vector<Index> rows, const std::string& label);

    std::vector<SessionSpace> m_spaces;
    size_t m_reference = 0;
    std::vector<Index> m_anchors;
    AnchorHistory m_history;
    uint64_t m_anchorsVersion = 0;
    uint64_t m_spacesVersion = 0;
};

}  // namespace lb
