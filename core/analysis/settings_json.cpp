#include "core/analysis/settings_json.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace lb {

using nlohmann::json;

// ------------------------------------------------------------------------------------------- JsonFields
JsonFields::JsonFields(const json& object, std::string where, std::vector<std::string>& warnings)
    : m_object(object), m_where(std::move(where)), m_warnings(warnings) {
    if (!m_object.is_null() && !m_object.is_object()) throw SettingsError(m_where + " must be a JSON object");
}

JsonFields::~JsonFields() {
    if (!m_object.is_object()) return;
    for (const auto& item : m_object.items())
        if (std::find(m_read.begin(), m_read.end(), item.key()) == m_read.end())
            m_warnings.push_back(m_where + ": unknown field \"" + item.key() + "\" ignored");
}

bool JsonFields::has(const char* key) const {
    return m_object.is_object() && m_object.contains(key) && !m_object[key].is_null();
}

const json& JsonFields::raw(const char* key) {
    static const json null;
    m_read.emplace_back(key);
    return m_object.is_object() && m_object.contains(key) ? m_object[key] : null;
}

void JsonFields::boolean(const char* key, bool& out) {
    const json& v = raw(key);
    if (v.is_null()) return;
    if (!v.is_boolean()) throw SettingsError(where(key) + " must be true or false");
    out = v.get<bool>();
}

void JsonFields::text(const char* key, std::string& out) {
    const json& v = raw(key);
    if (v.is_null()) return;
    if (!v.is_string()) throw SettingsError(where(key) + " must be a string");
    out = v.get<std::string>();
}

void JsonFields::integer(const char* key, Index& out, Index min, Index max) {
    const json& v = raw(key);
    if (v.is_null()) return;
    // A negative number in a field of counts must be refused, not wrapped around into a huge unsigned value.
    const bool integral =
        v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
    if (!integral) throw SettingsError(where(key) + " must be an integer");
    const double d = v.get<double>();
    if (d < static_cast<double>(min) || d > static_cast<double>(max))
        throw SettingsError(where(key) + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                            " (got " + v.dump() + ")");
    out = v.is_number_integer() ? v.get<Index>() : static_cast<Index>(d);
}

void JsonFields::integer(const char* key, int& out, int min, int max) {
    Index wide = out;
    integer(key, wide, min, max);
    out = static_cast<int>(wide);
}

void JsonFields::seed(const char* key, uint64_t& out) {
    const json& v = raw(key);
    if (v.is_null()) return;
    if (!v.is_number_unsigned() && !(v.is_number_integer() && v.get<int64_t>() >= 0))
        throw SettingsError(where(key) + " must be a non-negative integer (got " + v.dump() + ")");
    out = v.get<uint64_t>();
}

void JsonFields::number(const char* key, double& out, double min, double max) {
    const json& v = raw(key);
    if (v.is_null()) return;
    if (!v.is_number()) throw SettingsError(where(key) + " must be a number");
    const double d = v.get<double>();
    if (!(d >= min && d <= max))
        throw SettingsError(where(key) + " must be between " + json(min).dump() + " and " + json(max).dump() +
                            " (got " + v.dump() + ")");
    out = d;
}

namespace {
constexpr Index kMaxCount = 1'000'000'000;  // a bound on counts that no real data set reaches
}

// ------------------------------------------------------------------------------------------- relative
json toJson(const RelativeOptions& o) {
    json sims = json::array();
    for (Similarity s : o.similarities) sims.push_back(similarityName(s));
    return {{"similarities", sims},
            {"transform", transformName(o.transform)},
            {"aggregation", o.aggregation == Aggregation::Sum ? "sum" : "concat"},
            {"post", postNormalizationName(o.post)}};
}

void readJson(const json& j, const std::string& where, RelativeOptions& o, std::vector<std::string>& warnings) {
    JsonFields f(j, where, warnings);
    const json& sims = f.raw("similarities");
    if (!sims.is_null()) {
        if (!sims.is_array() || sims.empty())
            throw SettingsError(f.where("similarities") + " must be a non-empty list");
        o.similarities.clear();
        for (const json& name : sims) {
            Similarity s{};
            if (!name.is_string() || !parseSimilarity(name.get<std::string>(), s))
                throw SettingsError(f.where("similarities") + ": unknown similarity " + name.dump());
            o.similarities.push_back(s);
        }
    }
    f.name("transform", o.transform, parseTransform);
    f.name("post", o.post, parsePostNormalization);
    std::string agg = o.aggregation == Aggregation::Sum ? "sum" : "concat";
    f.text("aggregation", agg);
    if (agg != "concat" && agg != "sum")
        throw SettingsError(f.where("aggregation") + ": unknown value \"" + agg + "\"");
    o.aggregation = agg == "sum" ? Aggregation::Sum : Aggregation::Concat;
}

// ------------------------------------------------------------------------------------------- translation
json toJson(const TranslationOptions& o) {
    return {{"method", translationMethodName(o.method)},
            {"scaling", scalingName(o.scaling)},
            {"l2", o.l2},
            {"ridge", o.ridge}};
}

void readJson(const json& j, const std::string& where, TranslationOptions& o, std::vector<std::string>& warnings) {
    JsonFields f(j, where, warnings);
    f.name("method", o.method, parseTranslationMethod);
    f.name("scaling", o.scaling, parseScaling);
    f.boolean("l2", o.l2);
    f.number("ridge", o.ridge, 0.0, 1e12);
}

// ------------------------------------------------------------------------------------------- selection
json toJson(const AnchorSelectionOptions& o) {
    return {{"strategy", anchorStrategyName(o.strategy)},
            {"count", o.count},
            {"seed", o.seed},
            {"kmeans_iterations", o.kmeansIterations}};
}

void readJson(const json& j, const std::string& where, AnchorSelectionOptions& o, std::vector<std::string>& warnings) {
    JsonFields f(j, where, warnings);
    f.name("strategy", o.strategy, parseAnchorStrategy);
    f.integer("count", o.count, 0, kMaxCount);
    f.seed("seed", o.seed);
    f.integer("kmeans_iterations", o.kmeansIterations, 0, 10000);
}

// ------------------------------------------------------------------------------------------- similarity
json toJson(const SimilaritySettings& s) {
    return {{"protocol", protocolName(s.protocol)},
            {"k_jaccard", s.kJaccard},
            {"k_mrr", s.kMrr},
            {"queries", s.maxQueries},
            {"rbf_rows", s.rbfRows},
            {"linear_rows", s.linearRows},
            {"rows", s.maxRows},
            {"seed", s.seed},
            {"preview",
             {{"enabled", s.preview.enabled},
              {"rows", s.preview.rows},
              {"queries", s.preview.queries},
              {"rbf_rows", s.preview.rbfRows},
              {"linear_rows", s.preview.linearRows}}}};
}

void readJson(const json& j, const std::string& where, SimilaritySettings& s, std::vector<std::string>& warnings) {
    JsonFields f(j, where, warnings);
    f.name("protocol", s.protocol, parseProtocol);
    f.integer("k_jaccard", s.kJaccard, 1, 100000);
    f.integer("k_mrr", s.kMrr, 1, 100000);
    f.integer("queries", s.maxQueries, 0, kMaxCount);
    f.integer("rbf_rows", s.rbfRows, 2, 20000);
    f.integer("linear_rows", s.linearRows, 0, kMaxCount);
    f.integer("rows", s.maxRows, 0, kMaxCount);
    f.seed("seed", s.seed);
    JsonFields p(f.raw("preview"), f.where("preview"), warnings);
    p.boolean("enabled", s.preview.enabled);
    p.integer("rows", s.preview.rows, 2, kMaxCount);
    p.integer("queries", s.preview.queries, 1, kMaxCount);
    p.integer("rbf_rows", s.preview.rbfRows, 2, 20000);
    p.integer("linear_rows", s.preview.linearRows, 2, kMaxCount);
}

// ------------------------------------------------------------------------------------------- stitching
json toJson(const StitchSettings& s) {
    return {{"head", headKindName(s.head)},
            {"ridge_alpha", s.ridgeAlpha},
            {"logistic_lambda", s.logisticLambda},
            {"test_fraction", s.testFraction},
            {"seed", s.seed},
            {"rows", s.maxRows},
            {"preview_rows", s.previewRows}};
}

void readJson(const json& j, const std::string& where, StitchSettings& s, std::vector<std::string>& warnings) {
    JsonFields f(j, where, warnings);
    f.name("head", s.head, parseHeadKind);
    f.number("ridge_alpha", s.ridgeAlpha, 0.0, 1e12);
    f.number("logistic_lambda", s.logisticLambda, 0.0, 1e12);
    f.number("test_fraction", s.testFraction, 0.01, 0.9);
    f.seed("seed", s.seed);
    f.integer("rows", s.maxRows, 0, kMaxCount);
    f.integer("preview_rows", s.previewRows, 0, kMaxCount);
}

// ------------------------------------------------------------------------------------------- curves, views
json toJson(const CurveSettings& s) {
    return {{"anchor_counts", s.anchorCounts}};
}

void readJson(const json& j, const std::string& where, CurveSettings& s, std::vector<std::string>& warnings) {
    JsonFields f(j, where, warnings);
    const json& ks = f.raw("anchor_counts");
    if (ks.is_null()) return;
    if (!ks.is_array() || ks.empty()) throw SettingsError(f.where("anchor_counts") + " must be a non-empty list");
    std::vector<Index> out;
    for (const json& k : ks) {
        if (!k.is_number_integer() || k.get<int64_t>() < 2 || k.get<int64_t>() > kMaxCount)
            throw SettingsError(f.where("anchor_counts") + ": each count must be an integer >= 2 (got " + k.dump() +
                                ")");
        out.push_back(k.get<Index>());
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    s.anchorCounts = std::move(out);
}

json toJson(const ViewSettings& s) {
    return {{"shared_basis", s.sharedBasis}};
}

void readJson(const json& j, const std::string& where, ViewSettings& s, std::vector<std::string>& warnings) {
    JsonFields f(j, where, warnings);
    f.boolean("shared_basis", s.sharedBasis);
}

// ------------------------------------------------------------------------------------------- fingerprint
uint64_t fingerprintOf(const json& j) {
    uint64_t h = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : j.dump()) h = (h ^ c) * 1099511628211ull;
    return h;
}

}  // namespace lb
