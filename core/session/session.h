// The document the GUI and the CLI both drive: loaded spaces, the reference space, the anchors, settings.
//
// [SECTION] settings   [SECTION] spaces and row maps   [SECTION] anchors (+ undo/redo)
//
// Anchors are shared sample ids: they are stored as row indices of the *reference* space and mapped into
// every other space through matchRows (by key when both spaces have keys, else by row index), unless the anchor
// carries an explicit partner row for that space (AnchorPartner: a pair discovered by bootstrapping, which need
// not be the same sample). Every analysis reads an anchor's rows through anchorRowIn / anchorRowsIn, so relative
// views, translation, stitching and similarity all use the partner. Changing the reference re-expresses the
// anchors (and their partners) in the new reference's rows. Not thread-safe: the GUI mutates it on the
// main thread only; workers get copies of what they need (shared_ptr<const LatentSpace>, row vectors).
// Reading and writing session files: session_file.h.
#pragma once

#include "core/analysis/analysis_settings.h"
#include "core/io/mapped_file.h"
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
// Every setting of the document (defaults in core/analysis/analysis_settings.h and the option structs).
struct SessionSettings {
    RelativeOptions relative;        // the relative representation of every view and analysis (default cosine)
    TranslationOptions translation;  // the translation of every view and analysis (default procrustes, standard)
    SimilaritySettings similarity;   // the similarity table (app panel, `compare`)
    StitchSettings stitching;        // the stitching matrix and curves (app panels, `stitch`)
    CurveSettings curves;            // accuracy vs anchors
    ViewSettings view;               // the view grid
    AnchorSelectionOptions selection{AnchorStrategy::Random, 300, 0, 30};  // last strategy used (default random 300)
};

// What the app shows of the document: which analysis windows are open and what they show. Saved with the
// session so it reopens as it was; the CLI reads the similarity pair (`compare --session` without --a/--b).
struct SessionLayout {
    bool panelsRecorded = false;             // false: the app's defaults decide which windows are open
    std::vector<std::string> openPanels;     // "similarity", "stitching", "curves", "export"
    int similarityA = -1, similarityB = -1;  // space indices; -1 = the default pair (resolvePair)
    int curveSource = -1, curveTarget = -1;
    StitchMethod stitchShown = StitchMethod::Relative;  // the stitching heatmap's method (default relative)
    bool stitchLive = true;                             // recompute on every edit (default on)
    std::vector<int> hiddenClasses;                     // legend toggles: class ids hidden in every view
};

// --------------------------------------------------------------------------------- spaces and row maps
struct SessionSpace {
    std::string path;                          // file it came from (as opened)
    std::shared_ptr<const LatentSpace> space;  // immutable once loaded; shared with worker jobs
    // Row maps against the reference space (empty when unmatched): toRef[row] = reference row or -1,
    // fromRef[refRow] = row or -1. The reference maps onto itself.
    std::vector<Index> toRef;
    std::vector<Index> fromRef;
    bool matchedByKey = false;
    size_t matchedRows = 0;   // samples shared with the reference
    std::string matchError;   // non-empty when this space shares no rows with the reference
    FileIdentity loadedFrom;  // the file as it was when loaded (to notice it changing on disk)
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
    // Renumbers `space`'s labels onto the class-name order of the first loaded space with label names, so one
    // class name has one id (and one colour) in every view; call before addSpace/replaceSpace. O(N + C log C).
    void alignLabelNames(LatentSpace& space) const;
    // Gives `space` a display name no loaded space has ("mlp" -> "mlp (2)"); call before addSpace.
    void makeNameUnique(LatentSpace& space) const;
    // Puts a reloaded `space` in place of space i (same position, path and display order): rows are matched again.
    // When i is the reference, anchors are kept by key when both versions have keys, else by row where it still
    // exists; the others are dropped (their count is returned) and the undo history is cleared. Partners keep their
    // rows; those a shorter reloaded space no longer has are dropped.
    size_t replaceSpace(size_t i, std::shared_ptr<const LatentSpace> space);
    // Removes space i. Removing the reference makes space 0 the new reference (anchors are remapped). Partners in
    // space i are dropped, in the anchors and in the undo history.
    void removeSpace(size_t i);
    size_t reference() const { return m_reference; }
    // Makes space i the reference; anchors are re-expressed in its rows (anchors it lacks are dropped and
    // counted in the return value). An anchor with a partner in space i becomes that row, and keeps its rows in
    // the other spaces (the old reference's as a partner where it is not the key match). Clears undo history (old rows
    // mean nothing in the new reference).
    size_t setReference(size_t i);
    // Row of reference sample `refRow` in space i, or -1. Row of space i's `row` in the reference, or -1.
    Index rowInSpace(size_t i, Index refRow) const;
    Index refRowOf(size_t i, Index row) const;

    // ---- anchors (reference rows, in the order they were added: that is the column order of relative reps)
    const std::vector<Index>& anchors() const { return m_anchors; }
    bool isAnchor(Index refRow) const;
    // The anchors' explicit partners, ordered by (anchor, space); each names an anchor and a non-reference space.
    const std::vector<AnchorPartner>& partners() const { return m_partners; }
    // The explicit partner of anchor `refRow` in space i, or -1 when it has none (its row is then the key match).
    Index partnerOf(Index refRow, size_t i) const;
    bool hasPartner(Index refRow) const;  // any space
    // Row of anchor `refRow` in space i: its partner there, else rowInSpace(i, refRow); -1 where space i lacks it.
    Index anchorRowIn(size_t i, Index refRow) const;
    // The anchor whose row in space i is `row` (through anchorRowIn), or -1: what a click on an anchor's marker
    // means, a discovered partner's included. O(K log P).
    Index anchorAtRow(size_t i, Index row) const;
    // Anchors mapped into space i (same order; -1 where space i lacks the sample). O(K log P).
    std::vector<Index> anchorRowsIn(size_t i) const;
    // Space i's row map from the reference (SessionSpace::fromRef) with each anchor's partner in place of its key
    // match: what layouts indexed by reference row read the anchors' rows from. Empty when space i is unmatched.
    std::vector<Index> anchorRowMapIn(size_t i) const;
    // Changes whenever any anchor's partner does (0 without partners): caches of per-anchor columns keyed by
    // reference rows compare it.
    uint64_t partnersFingerprint() const;
    // Anchors present in every matched space (the columns all relative views share), as reference rows.
    std::vector<Index> commonAnchors() const;
    // Edits; each one is recorded for undo and bumps anchorsVersion(). Out-of-range or duplicate rows are
    // ignored. Return true when the anchor list changed.
    bool toggleAnchor(Index refRow);
    bool addAnchors(const std::vector<Index>& refRows, const std::string& label = {});
    bool removeAnchors(const std::vector<Index>& refRows, const std::string& label = {});
    bool setAnchors(const std::vector<Index>& refRows, const std::string& label = {});
    // Adds discovered pairs in one edit: reference row refRows[k] becomes an anchor whose partner in `space` is
    // rows[k] (same length). Pairs whose reference row is already an anchor, out-of-range rows, the reference as
    // `space` are skipped. Returns true when the anchors changed.
    bool addAnchorPairs(const std::vector<Index>& refRows, size_t space, const std::vector<Index>& rows,
                        const std::string& label = {});
    // Replaces anchors and partners in one edit (a session file's, a list held aside and put back). Partners of
    // rows that are not anchors, of the reference, or out of range are dropped.
    bool setAnchorsWithPartners(const std::vector<Index>& refRows, std::vector<AnchorPartner> partners,
                                const std::string& label = {});
    bool undo();
    bool redo();
    const AnchorHistory& history() const { return m_history; }
    void clearHistory() { m_history.clear(); }
    // Replaces the history (a session file's): its last undo edit must end at the current anchors and partners and
    // the last redo edit start there (else nothing changes and false is returned).
    bool restoreHistory(AnchorHistory history);
    // Bumps on every change of spaces, reference or anchors: views compare it to know when to recompute.
    uint64_t anchorsVersion() const { return m_anchorsVersion; }
    uint64_t spacesVersion() const { return m_spacesVersion; }

    SessionSettings settings;
    SessionLayout layout;

   private:
    void rematch(size_t i);
    bool applyAnchors(std::vector<Index> rows, std::vector<AnchorPartner> partners, const std::string& label);
    // The valid partners among `partners` for the anchors `rows`, sorted by (anchor, space), one per pair.
    std::vector<AnchorPartner> keptPartners(const std::vector<Index>& rows, std::vector<AnchorPartner> partners) const;
    // rows[k][j] = anchor k's row in space j (anchorRowIn): taken before the reference or its rows change.
    std::vector<std::vector<Index>> anchorRowTable() const;
    // After the reference or its rows changed (ids[k] = the new reference row of anchor k, -1 = gone; rows from
    // anchorRowTable before the change): the anchors become ids, with partners wherever a row is not the new key
    // match, so every anchor keeps its rows in every space. Returns the anchors dropped (gone or duplicated).
    size_t reexpressAnchors(const std::vector<Index>& ids, const std::vector<std::vector<Index>>& rows);

    std::vector<SessionSpace> m_spaces;
    size_t m_reference = 0;
    std::vector<Index> m_anchors;
    std::vector<AnchorPartner> m_partners;  // sorted by (anchor, space)
    AnchorHistory m_history;
    uint64_t m_anchorsVersion = 0;
    uint64_t m_spacesVersion = 0;
};

}  // namespace lb
