#include "app/cli/metric_args.h"

#include "app/cli/cli_common.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <unordered_map>

namespace lb::cli {

bool parseRelativeArgs(const Args& args, RelativeOptions& o, std::string& error) {
    if (const std::optional<std::string> list = args.get("--similarity")) {
        o.similarities.clear();
        for (const std::string& name : splitList(*list)) {
            Similarity s;
            if (!parseSimilarity(name, s)) return error = "unknown --similarity '" + name + "'", false;
            o.similarities.push_back(s);
        }
        if (o.similarities.empty()) return error = "--similarity lists nothing", false;
    }
    if (args.has("--transform") && !parseTransform(*args.get("--transform"), o.transform))
        return error = "unknown --transform '" + *args.get("--transform") + "'", false;
    if (args.has("--post") && !parsePostNormalization(*args.get("--post"), o.post))
        return error = "unknown --post '" + *args.get("--post") + "'", false;
    if (const std::optional<std::string> agg = args.get("--aggregate")) {
        if (*agg != "concat" && *agg != "sum") return error = "unknown --aggregate '" + *agg + "'", false;
        o.aggregation = *agg == "sum" ? Aggregation::Sum : Aggregation::Concat;
    }
    return true;
}

bool parseTranslationArgs(const Args& args, TranslationOptions& o, std::string& error) {
    if (args.has("--scaling") && !parseScaling(*args.get("--scaling"), o.scaling))
        return error = "unknown --scaling '" + *args.get("--scaling") + "'", false;
    if (args.has("--l2")) o.l2 = true;
    if (!args.getDouble("--ridge", o.ridge, o.ridge, error)) return false;
    if (o.ridge < 0) return error = "--ridge must be >= 0", false;
    return true;
}

std::vector<Index> matchPositionsOf(const RowMatch& match, const std::vector<Index>& rowsA) {
    std::unordered_map<Index, Index> pos;
    for (size_t i = 0; i < match.size(); ++i) pos.emplace(match.rowsA[i], static_cast<Index>(i));
    std::vector<Index> out;
    out.reserve(rowsA.size());
    for (Index r : rowsA) out.push_back(pos.at(r));
    return out;
}

nlohmann::json jsonOrNull(const std::optional<double>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

bool getCount(const Args& args, const std::string& option, long long fallback, bool allowZero, Index& out,
              std::string& error) {
    long long v = fallback;
    if (!args.getInt(option, fallback, v, error)) return false;
    if (v < 0 || (!allowZero && v == 0)) return error = option + (allowZero ? " must be >= 0" : " must be >= 1"), false;
    out = static_cast<Index>(v);
    return true;
}

void warnIfMatchedByIndex(const RowMatch& match, bool aHasKeys, bool bHasKeys, bool quiet) {
    if (!match.byKey && !quiet && (aHasKeys || bHasKeys))
        std::fprintf(stderr, "latentbridge-cli: warning: only one space has keys; rows matched by index\n");
}

}  // namespace lb::cli
