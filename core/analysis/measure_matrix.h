// One representational similarity measure (core/metrics/measures.h) over every pair of a session's spaces: the
// spaces × spaces matrix of the Similarity panel and of `compare --session S --measure-matrix NAME`. Entry (i, j)
// is computePairMeasures of the pair (A = space i, B = space j) alone, on the same evaluated rows and seeded N × N
// subsample; the diagonal compares a space with itself (the measure's identity value: CKA-like 1, distances 0). A
// symmetric measure is computed once per unordered pair (i ≤ j) and mirrored, so its matrix is exactly symmetric
// (the pair computed the other way round agrees to rounding).
#pragma once

#include "core/analysis/pair_measures.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace lb {

class Session;

struct MeasureMatrixInput {
    std::vector<std::string> names;      // n space names
    std::vector<SimilarityInput> pairs;  // n × n, row-major: similarityInput(session, i, j)
    std::string measure;                 // a registry name (measureRegistry)
    SimilarityColumn space = SimilarityColumn::Absolute;
    MeasureSettings settings;
};
// The input for every pair of the session's spaces. Cheap (row maps only); call on the thread that owns the session.
MeasureMatrixInput measureMatrixInput(const Session& session, const std::string& measure, SimilarityColumn space,
                                      const MeasureSettings& settings);

struct MeasureMatrix {
    std::vector<std::string> names;
    std::string measure;
    SimilarityColumn space = SimilarityColumn::Absolute;
    MeasureSettings settings;
    bool higherIsMoreSimilar = true;
    std::vector<std::optional<double>> values;  // n × n row-major; absent where the pair has no value
    std::vector<std::string> why;               // n × n: why a value is absent ("" where present)
    std::vector<Index> rows;                    // n × n: rows the measure saw
    size_t n() const { return names.size(); }
    const std::optional<double>& at(size_t i, size_t j) const { return values[i * n() + j]; }
};

// Errors: InvalidArgument (an unknown measure, a pair list that is not n × n), Cancelled, OutOfMemory. A pair
// where the measure does not apply (no anchors for relative, widths that differ for a measure that needs one
// width) is an absent entry with its reason, not an error.
Result<MeasureMatrix> computeMeasureMatrix(const MeasureMatrixInput& in, JobContext& ctx = silentJob());

// {measure, space, names, values (n × n, null where absent), why, rows, higher_is_more_similar, settings}.
nlohmann::json toJson(const MeasureMatrix& m);

}  // namespace lb
