// The representational similarity measures (core/metrics/measures.h) of two spaces of a session, in one of the
// similarity table's three places: absolute, relative (both on the shared anchors) or translated (A into B on the
// anchors, against B). The same rows as the table: SimilaritySettings::protocol's evaluated rows (anchors left out
// under the standard protocol). What `compare --measures` and the app's Similarity panel both compute.
#pragma once

#include "core/analysis/similarity_table.h"
#include "core/metrics/measures.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace lb {

struct PairMeasures {
    SimilarityColumn space = SimilarityColumn::Absolute;
    Index evaluated = 0;           // E: paired rows given to the measures (before their own N × N subsample)
    Index widthA = 0, widthB = 0;  // widths of the two representations compared (K for relative, Db translated)
    MeasureSettings settings;
    std::vector<MeasureResult> results;
};

// in: similarityInput(session, a, b) (its columns and maxRows are ignored: the measures subsample themselves).
// Builds the E × Da, E × Db representations of `space` (E × K each for relative; translated: E × Db and E × Db),
// then computeMeasures. Errors: BadInput (relative or translated without anchors, fewer than 2 evaluated rows),
// those of relativeProjection / Translator::fit / computeMeasures, Cancelled.
Result<PairMeasures> computePairMeasures(const SimilarityInput& in, SimilarityColumn space,
                                         const std::vector<std::string>& names, const MeasureSettings& settings,
                                         JobContext& ctx = silentJob());

// {"space", "evaluated", "width_a", "width_b", "settings": toJson(MeasureSettings), "values": toJson(results)}.
nlohmann::json toJson(const PairMeasures& m);

}  // namespace lb
