#include "core/analysis/anchor_curve.h"

#include "core/analysis/settings_json.h"
#include "core/analysis/stitching_matrix.h"
#include "core/io/linear_head_io.h"

#include <algorithm>
#include <map>
#include <sstream>

namespace lb {

namespace {

// Most frequent class share on the curve's test split (what "always guess the majority" scores).
double majorityShare(const std::vector<int32_t>& labels, const std::vector<Index>& rows) {
    std::map<int32_t, size_t> counts;
    size_t best = 0;
    for (Index r : rows) best = std::max(best, ++counts[labels[static_cast<size_t>(r)]]);
    return rows.empty() ? 0.0 : static_cast<double>(best) / static_cast<double>(rows.size());
}

std::optional<double> translatedValue(const StitchingScores& s, TranslationMethod m) {
    for (const auto& [method, v] : s.translated)
        if (method == m) return v;
    return std::nullopt;
}

}  // namespace

AnchorCurveInput anchorCurveInput(const Session& s, size_t source, size_t target) {
    AnchorCurveInput in;
    in.source = s.entry(source).space;
    in.target = s.entry(target).space;
    in.curve = s.settings.curves;
    in.settings = s.settings.stitching;
    in.options = stitchingOptions(s.settings.stitching, s.settings.relative, s.settings.translation);
    if (in.settings.head == HeadKind::Fixed) in.headFile = headFileFor(s.entry(target).path);
    return in;
}

Result<AnchorCurve> computeAnchorCurve(const AnchorCurveInput& in, JobContext& ctx) {
    AnchorCurve out;
    out.source = in.source->name;
    out.target = in.target->name;
    out.settings = in.settings;
    out.relative = in.options.relative;
    out.translation = in.options.translation;
    Result<StitchingData> data = prepareStitchingData(*in.source, *in.target);
    if (!data) return data.error();
    StitchingOptions options = in.options;
    LinearClassifier fixed;
    if (options.head == HeadKind::Fixed) {
        if (in.headFile.empty()) return badInput(in.target->path, "no head file beside the target (X_head.npz)");
        Result<LinearHead> h = loadLinearHead(in.headFile);
        if (!h) return h.error();
        fixed.W = std::move(h->weight);
        fixed.b = std::move(h->bias);
        options.fixedHead = &fixed;
    }
    const auto m = static_cast<Index>(data->labels.size());
    Result<TrainTestSplit> split = makeStitchingSplit(m, {}, options.testFraction, options.seed);
    if (!split) return split.error();
    const auto maxK = static_cast<Index>(split->train.size());
    std::vector<Index> ks;
    for (Index k : in.curve.anchorCounts) (k <= maxK ? ks : out.skipped).push_back(k);
    if (ks.empty())
        return invalidArgument("every anchor count exceeds the " + std::to_string(maxK) + " training samples");
    out.chance = majorityShare(data->labels, split->test);
    Result<std::vector<StitchingCurvePoint>> curve =
        stitchingCurve(data->source, data->target, data->labels, ks, options, ctx);
    if (!curve) return curve.error();
    out.points = std::move(curve).value();
    out.native = out.points.empty() ? 0.0 : out.points.front().scores.native;
    return out;
}

nlohmann::json toJson(const AnchorCurve& c) {
    nlohmann::json j = {
        {"source", c.source}, {"target", c.target}, {"native", c.native}, {"chance", c.chance}, {"skipped", c.skipped}};
    const auto series = [&](auto value) {
        nlohmann::json v = nlohmann::json::array();
        for (const StitchingCurvePoint& p : c.points) {
            const std::optional<double> x = value(p.scores);
            v.push_back(x ? nlohmann::json(*x) : nlohmann::json(nullptr));
        }
        return v;
    };
    nlohmann::json ks = nlohmann::json::array();
    for (const StitchingCurvePoint& p : c.points) ks.push_back(p.k);
    j["k"] = ks;
    j["absolute"] = series([](const StitchingScores& s) { return s.absolute; });
    j["relative"] = series([](const StitchingScores& s) { return s.relative; });
    for (TranslationMethod m : {TranslationMethod::Procrustes, TranslationMethod::Linear, TranslationMethod::Affine})
        j[translationMethodName(m)] = series([m](const StitchingScores& s) { return translatedValue(s, m); });
    j["settings"] = {
        {"stitching", toJson(c.settings)}, {"relative", toJson(c.relative)}, {"translation", toJson(c.translation)}};
    return j;
}

bool parseAnchorCounts(const std::string& text, std::vector<Index>& out) {
    out.clear();
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ',')) {
        item.erase(0, item.find_first_not_of(" \t"));
        item.erase(item.find_last_not_of(" \t") + 1);
        if (item.empty()) continue;
        char* end = nullptr;
        const long long v = std::strtoll(item.c_str(), &end, 10);
        if (*end != '\0' || v < 2 || v > 1'000'000'000) {
            out.clear();
            return false;
        }
        out.push_back(static_cast<Index>(v));
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return !out.empty();
}

}  // namespace lb
