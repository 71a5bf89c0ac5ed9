// The stitching gallery: for a seeded handful of one pair's test samples, the class the TARGET's head predicts
// through each stitching method (absolute, relative, translated) and natively, next to the true class, so that a
// user sees stitching work sample by sample. The heads, rows and split are those of the stitching matrix
// (stitching_matrix.h, the Stitching panel and `latentbridge-cli stitch`), and its accuracies are computed from
// the same predictions (stitching.h predictSource): the gallery and the panel cannot disagree.
//
// [SECTION] settings and result   [SECTION] computing it
#pragma once

#include "core/analysis/stitching_matrix.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace lb {

// ---------------------------------------------------------------------------------- settings and result
struct StitchingGallerySettings {
    size_t source = 0;   // space feeding the target's head (index into StitchingMatrixInput::spaces)
    size_t target = 1;   // space whose head classifies (default: the second space)
    Index samples = 36;  // test samples shown (default 36; fewer when the test set is smaller)
    uint64_t seed = 0;   // which test samples (default 0; the app's Shuffle draws a new one)
};

// One shown sample: where it is, its class and each method's predicted class (-1 = the method does not apply).
struct GallerySample {
    Index sourceRow = 0, targetRow = 0;  // rows of the source and target spaces
    int32_t label = 0;                   // true class (target ids)
    int32_t native = -1;                 // target encoder -> target head
    int32_t absolute = -1;               // source vectors -> target head
    int32_t relative = -1;               // source relative reps -> head on the target's relative reps
    std::vector<int32_t> translated;     // per StitchingGallery::methods: source translated -> target head
};

struct StitchingGallery {
    StitchingGallerySettings settings;
    std::string sourceName, targetName, headName;
    std::vector<std::string> classNames;     // the target's label names (may be empty)
    std::vector<TranslationMethod> methods;  // the translated columns
    std::vector<GallerySample> samples;      // settings.samples test rows, class by class in turn
    StitchingScores scores;                  // accuracies on every test row: the stitching matrix's cell
    double chance = 0;
    Index nTest = 0, k = 0;
    int numClasses = 0;
    std::vector<std::string> warnings;
    StitchSettings stitch;  // the head, split and rows settings computed with
    RelativeOptions relative;
    TranslationOptions translation;
    // Shown samples a method gets right, out of samples.size() (method: "native", "absolute", "relative" or a
    // translation method's name); nullopt when the method does not apply.
    std::optional<Index> rightCount(const std::string& method) const;
    std::string className(int32_t label) const;  // its name, else the number
};

// ---------------------------------------------------------------------------------------- computing it
// The samples: seededPermutation of the test rows, dealt class by class in ascending class order (stratified:
// every class appears once before any appears twice), the first settings.samples kept in that order.
// Cost: one pair of the stitching matrix (head fits, relative reps, translators) plus prediction of the test
// rows; any thread. Errors: InvalidArgument (source == target, index out of range, fewer than 2 shared anchors),
// the pair's errors (no labels, no shared rows, head file), Cancelled.
Result<StitchingGallery> computeStitchingGallery(const StitchingMatrixInput& in, const StitchingGallerySettings& g,
                                                 JobContext& ctx = silentJob());

// {"source", "target", "head", "seed", "samples_asked", "k", "n_test", "chance", "num_classes", "class_names",
//  "methods": [...], "accuracy": {method: value|null} (every test row), "right": {method: count|null} (shown
//  samples), "samples": [{"source_row", "target_row", "key"?, "text"?, "label", "label_name"?, "native",
//  "absolute", "relative", method...: predicted class|null}], "settings", "warnings"}.
// `source` (optional) adds each sample's key and text from that space.
nlohmann::json toJson(const StitchingGallery& g, const LatentSpace* source = nullptr);

}  // namespace lb
