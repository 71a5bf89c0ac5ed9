#include "core/analysis/analysis_settings.h"

#include <algorithm>

namespace lb {

const char* protocolName(EvaluationProtocol p) {
    return p == EvaluationProtocol::Paper ? "paper" : "standard";
}

bool parseProtocol(const std::string& name, EvaluationProtocol& out) {
    for (EvaluationProtocol p : {EvaluationProtocol::Standard, EvaluationProtocol::Paper})
        if (name == protocolName(p)) return out = p, true;
    return false;
}

namespace {

// A preview size scaled down by `fraction`, kept at kPreviewFloor or more unless it was smaller to begin with.
Index scaledPreviewSize(Index size, double fraction) {
    if (!(fraction < 1.0) || size <= kPreviewFloor) return size;
    return std::max(kPreviewFloor, static_cast<Index>(static_cast<double>(size) * std::max(fraction, 0.0)));
}

}  // namespace

SimilaritySettings effectiveSimilaritySettings(const SimilaritySettings& s, bool preview, double previewFraction) {
    SimilaritySettings e = s;
    if (preview && s.preview.enabled) {
        const Index queries = scaledPreviewSize(s.preview.queries, previewFraction);
        const Index linearRows = scaledPreviewSize(s.preview.linearRows, previewFraction);
        const Index rows = scaledPreviewSize(s.preview.rows, previewFraction);
        e.maxQueries = s.maxQueries == 0 ? queries : std::min(s.maxQueries, queries);
        e.rbfRows = std::min(s.rbfRows, scaledPreviewSize(s.preview.rbfRows, previewFraction));
        e.linearRows = s.linearRows == 0 ? linearRows : std::min(s.linearRows, linearRows);
        e.maxRows = s.maxRows == 0 ? rows : std::min(s.maxRows, rows);
    }
    if (s.protocol == EvaluationProtocol::Paper) {
        e.kJaccard = e.kMrr = 5;
        if (!preview) e.maxQueries = 0;  // every row a query (a preview still samples them)
    }
    return e;
}

StitchSettings effectiveStitchSettings(const StitchSettings& s, bool preview, double previewFraction) {
    StitchSettings e = s;
    if (preview && s.previewRows > 0) {
        const Index rows = scaledPreviewSize(s.previewRows, previewFraction);
        e.maxRows = s.maxRows == 0 ? rows : std::min(s.maxRows, rows);
    }
    return e;
}

const char* stitchMethodName(StitchMethod m) {
    static const char* names[] = {"absolute", "relative", "procrustes", "linear", "affine"};
    const int i = static_cast<int>(m);
    return i >= 0 && i < kStitchMethods ? names[i] : "";
}

bool parseStitchMethod(const std::string& name, StitchMethod& out) {
    for (int i = 0; i < kStitchMethods; ++i)
        if (name == stitchMethodName(static_cast<StitchMethod>(i))) return out = static_cast<StitchMethod>(i), true;
    return false;
}

}  // namespace lb
