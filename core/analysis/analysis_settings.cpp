#include "core/analysis/analysis_settings.h"

namespace lb {

const char* protocolName(EvaluationProtocol p) {
    return p == EvaluationProtocol::Paper ? "paper" : "standard";
}

bool parseProtocol(const std::string& name, EvaluationProtocol& out) {
    for (EvaluationProtocol p : {EvaluationProtocol::Standard, EvaluationProtocol::Paper})
        if (name == protocolName(p)) return out = p, true;
    return false;
}

SimilaritySettings effectiveSimilaritySettings(const SimilaritySettings& s, bool preview) {
    SimilaritySettings e = s;
    if (preview && s.preview.enabled) {
        e.maxQueries = s.maxQueries == 0 ? s.preview.queries : std::min(s.maxQueries, s.preview.queries);
        e.rbfRows = std::min(s.rbfRows, s.preview.rbfRows);
        e.linearRows = s.linearRows == 0 ? s.preview.linearRows : std::min(s.linearRows, s.preview.linearRows);
        e.maxRows = s.maxRows == 0 ? s.preview.rows : std::min(s.maxRows, s.preview.rows);
    }
    if (s.protocol == EvaluationProtocol::Paper) {
        e.kJaccard = e.kMrr = 5;
        if (!preview) e.maxQueries = 0;  // every row a query (a preview still samples them)
    }
    return e;
}

StitchSettings effectiveStitchSettings(const StitchSettings& s, bool preview) {
    StitchSettings e = s;
    if (preview && s.previewRows > 0) e.maxRows = s.maxRows == 0 ? s.previewRows : std::min(s.maxRows, s.previewRows);
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
