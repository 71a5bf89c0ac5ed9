// Accuracy versus the number of anchors for one source -> target pair (docs/methods.md §5): one seeded test set,
// nested seeded anchor sets (core/stitch/stitching.h's stitchingCurve), every method; the app's Stitching curves
// panel and `latentbridge-cli stitch --curve` compute it here.
#pragma once

#include "core/analysis/analysis_settings.h"
#include "core/jobs/job_context.h"
#include "core/session/session.h"
#include "core/stitch/stitching.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace lb {

struct AnchorCurveInput {
    std::shared_ptr<const LatentSpace> source, target;
    CurveSettings curve;
    StitchSettings settings;
    StitchingOptions options;  // stitchingOptions(settings, relative, translation)
    std::string headFile;      // HeadKind::Fixed: the target's head file ("" = none found)
};
// The input for spaces `source` and `target` of a session, with its settings.
AnchorCurveInput anchorCurveInput(const Session& session, size_t source, size_t target);

struct AnchorCurve {
    std::string source, target;
    std::vector<StitchingCurvePoint> points;  // ascending K
    double native = 0;
    double chance = 0;           // majority-class rate on the curve's test set
    std::vector<Index> skipped;  // requested K larger than the training rows
    StitchSettings settings;
    RelativeOptions relative;
    TranslationOptions translation;
};
// Errors: those of prepareStitchingData (no shared rows, labels), a head file that cannot be read, every K too
// large, Cancelled.
Result<AnchorCurve> computeAnchorCurve(const AnchorCurveInput& in, JobContext& ctx = silentJob());

// {"source", "target", "k": [...], "absolute": [...], "relative": [...], "procrustes": [...], "linear": [...],
//  "affine": [...], "native", "chance", "skipped": [...], "settings": {...}}; null where a method does not apply.
nlohmann::json toJson(const AnchorCurve& c);

// Parses "10,30,100" (integers >= 2, sorted, deduplicated). False (and an empty list) on anything else.
bool parseAnchorCounts(const std::string& text, std::vector<Index>& out);

}  // namespace lb
