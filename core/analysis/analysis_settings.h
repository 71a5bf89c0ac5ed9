// The settings of every analysis, with their one set of defaults (docs/methods.md §8 lists them). The app's
// widgets and the CLI's flags both edit these structs; a session file stores them (settings_json.h). A default
// changed here changes it everywhere.
//
// [SECTION] similarity table   [SECTION] stitching   [SECTION] curves   [SECTION] views
#pragma once

#include "core/stitch/stitching.h"
#include "core/types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lb {

// ------------------------------------------------------------------------------------------ similarity table
// Which rows the similarity metrics are evaluated on.
//  Standard: the shared rows that are not anchors. Anchors are aligned by construction (a relative
//            representation has its largest coordinate at the anchor itself; a translator is fitted on them),
//            so counting them inflates every agreement. Every metric, every column.
//  Paper:    the relative-representations paper's word study: every shared row is a query, anchors included,
//            and Jaccard and MRR are both taken at k = 5 (kJaccard, kMrr and maxQueries are then ignored).
enum class EvaluationProtocol { Standard, Paper };
const char* protocolName(EvaluationProtocol p);  // "standard", "paper"
bool parseProtocol(const std::string& name, EvaluationProtocol& out);

// Cheaper settings for the app's first answer after an edit, refined to SimilaritySettings afterwards (the
// panel shows "preview" until then). The CLI always computes the refined answer.
// The fewest rows, queries or kernel rows a scaled-down preview evaluates: below that its standard errors (±5 %
// at 100 rows) say little.
constexpr Index kPreviewFloor = 100;

struct SimilarityPreview {
    bool enabled = true;      // default on
    Index rows = 5000;        // evaluated rows of the preview: a seeded subsample (its cost no longer grows with N)
    Index queries = 250;      // kNN queries of the preview (default 250)
    Index rbfRows = 500;      // RBF CKA rows of the preview (default 500)
    Index linearRows = 1000;  // linear CKA rows of the preview when the two widths add up to more than 256
};

struct SimilaritySettings {
    EvaluationProtocol protocol = EvaluationProtocol::Standard;  // default standard (anchors excluded)
    Index kJaccard = 10;                                         // Jaccard@k (default 10)
    Index kMrr = 5;                                              // MRR@k (default 5)
    Index maxQueries = 2000;  // kNN / retrieval queries: a seeded sample of the evaluated rows (0 = all; methods.md §4)
    Index rbfRows = 1000;     // RBF CKA on a seeded subsample of at most this many rows (n x n kernels)
    Index linearRows = 0;     // linear CKA on a seeded subsample of this many rows (0 = every row; default)
    Index maxRows = 0;        // every metric on a seeded subsample of this many evaluated rows (0 = all; default)
    uint64_t seed = 0;        // every subsample's seed (default 0)
    SimilarityPreview preview;
};

// The settings a computation really uses: the protocol's fixed values applied (Paper: k = 5 for both, every
// row a query), and, with `preview`, the preview's cheaper sizes, scaled by `previewFraction` (in (0, 1]: an app
// sizing its first answer to a time budget) but never below kPreviewFloor.
SimilaritySettings effectiveSimilaritySettings(const SimilaritySettings& s, bool preview = false,
                                               double previewFraction = 1.0);

// ----------------------------------------------------------------------------------------------- stitching
// What a stitching result is shown for, off the diagonal. Absolute and relative are routes of their own; the
// others are translation estimators (docs/methods.md §2).
enum class StitchMethod { Absolute = 0, Relative, Procrustes, Linear, Affine };
constexpr int kStitchMethods = 5;
const char* stitchMethodName(StitchMethod m);  // "absolute", "relative", "procrustes", "linear", "affine"
bool parseStitchMethod(const std::string& name, StitchMethod& out);

// The relative route uses the document's relative settings (RelativeOptions) and the translated routes its
// translation settings (scaling, l2, ridge): one definition of "relative" and "translated" for the views, the
// similarity table and stitching.
struct StitchSettings {
    HeadKind head = HeadKind::Ridge;  // default ridge (closed form, refits live); Fixed = the X_head file beside
                                      // each space X (headFileFor)
    double ridgeAlpha = 0.1;          // ridge strength relative to the data scale (default 0.1)
    double logisticLambda = 1e-4;     // L2 penalty of the logistic head (default 1e-4)
    double testFraction = 0.2;        // held-out share of the shared rows, never anchors (default 0.2)
    uint64_t seed = 0;                // split seed (default 0)
    // Train and test on the anchors and a seeded subsample of this many other shared rows (0 = all; default).
    Index maxRows = 0;
    // The app's first answer after an edit, on a subsample of this many rows (0 = none; default 5000), refined to
    // all rows afterwards (the panel shows "preview" until then). The CLI always computes the refined answer.
    Index previewRows = 5000;
};

// The settings a computation really uses: with `preview`, the subsample of the preview, its size scaled by
// `previewFraction` as effectiveSimilaritySettings does.
StitchSettings effectiveStitchSettings(const StitchSettings& s, bool preview, double previewFraction = 1.0);

// ------------------------------------------------------------------------------------------------- curves
struct CurveSettings {
    std::vector<Index> anchorCounts{10, 30, 100, 300, 1000};  // K values, ascending (default 10 ... 1000)
};

// -------------------------------------------------------------------------------------------------- views
struct ViewSettings {
    bool sharedBasis = false;  // absolute views in the reference's PCA basis (default off)
};

}  // namespace lb
