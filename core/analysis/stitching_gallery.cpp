#include "core/analysis/stitching_gallery.h"

#include "core/analysis/settings_json.h"
#include "core/metrics/sampling.h"

#include <algorithm>
#include <map>

namespace lb {

namespace {

// Test positions (indices into split.test) in the gallery's order: one seeded permutation, dealt class by class.
std::vector<size_t> stratifiedSample(const std::vector<int32_t>& yTest, Index count, uint64_t seed) {
    std::map<int32_t, std::vector<size_t>> byClass;  // ascending class order
    for (Index p : seededPermutation(static_cast<Index>(yTest.size()), seed))
        byClass[yTest[static_cast<size_t>(p)]].push_back(static_cast<size_t>(p));
    std::vector<size_t> out;
    const size_t want = static_cast<size_t>(std::clamp<Index>(count, 0, static_cast<Index>(yTest.size())));
    for (size_t round = 0; out.size() < want; ++round)
        for (const auto& entry : byClass)
            if (round < entry.second.size() && out.size() < want) out.push_back(entry.second[round]);
    return out;
}

int32_t at(const std::optional<std::vector<int32_t>>& v, size_t i) {
    return v ? (*v)[i] : -1;
}

}  // namespace

std::optional<Index> StitchingGallery::rightCount(const std::string& method) const {
    const auto count = [&](auto predicted) -> std::optional<Index> {
        Index right = 0;
        for (const GallerySample& s : samples) {
            const int32_t p = predicted(s);
            if (p < 0) return std::nullopt;
            right += p == s.label ? 1 : 0;
        }
        return right;
    };
    if (method == "native") return count([](const GallerySample& s) { return s.native; });
    if (method == "absolute") return count([](const GallerySample& s) { return s.absolute; });
    if (method == "relative") return count([](const GallerySample& s) { return s.relative; });
    for (size_t m = 0; m < methods.size(); ++m)
        if (method == translationMethodName(methods[m]))
            return count([m](const GallerySample& s) { return s.translated[m]; });
    return std::nullopt;
}

std::string StitchingGallery::className(int32_t label) const {
    if (label >= 0 && static_cast<size_t>(label) < classNames.size()) return classNames[static_cast<size_t>(label)];
    return std::to_string(label);
}

Result<StitchingGallery> computeStitchingGallery(const StitchingMatrixInput& in, const StitchingGallerySettings& g,
                                                 JobContext& ctx) {
    const size_t n = in.spaces.size();
    if (g.source >= n || g.target >= n)
        return invalidArgument("stitching gallery: space index out of range (" + std::to_string(n) + " spaces)");
    if (g.source == g.target) return invalidArgument("stitching gallery: the source and target must differ");
    const LatentSpace& source = *in.spaces[g.source];
    const LatentSpace& target = *in.spaces[g.target];
    StitchingOptions options = in.options;
    LinearClassifier fixed;
    if (std::string err = loadTargetHead(in, g.target, fixed); !err.empty()) return badInput(target.path, err);
    if (options.head == HeadKind::Fixed) options.fixedHead = &fixed;
    Result<StitchingPairRows> rows = stitchingPairRows(in, g.source, g.target);
    if (!rows) return rows.error();
    if (rows->anchors.size() < 2)
        return invalidArgument("stitching gallery needs at least 2 anchors shared by " + source.name + " and " +
                               target.name);
    const StitchingData& d = *rows->data;
    RowMatrixXf targetStorage, sourceStorage;
    Result<StitchingTarget> t =
        prepareStitchingTarget(matchedRows(target, d.targetRows, targetStorage), d.labels, rows->anchors, options, ctx);
    if (!t) return t.error();
    targetStorage.resize(0, 0);
    std::vector<Warning> warnings = t->warnings;
    Result<StitchingPredictions> p =
        predictSource(*t, matchedRows(source, d.sourceRows, sourceStorage), options, warnings, ctx);
    if (!p) return p.error();
    if (ctx.cancelled()) return Status::cancelled();

    StitchingGallery out;
    out.settings = g;
    out.sourceName = source.name;
    out.targetName = target.name;
    out.headName = headKindName(options.head);
    out.classNames = target.hasLabels() ? target.labelNames : source.labelNames;
    out.scores = scoresOf(*p, t->yTest);
    out.scores.native = t->native;
    out.chance = t->chance;
    out.nTest = static_cast<Index>(t->split.test.size());
    out.k = static_cast<Index>(rows->anchors.size());
    out.numClasses = t->numClasses;
    out.stitch = in.settings;
    out.relative = options.relative;
    out.translation = options.translation;
    for (const Warning& w : warnings) out.warnings.push_back(w.message);
    for (const auto& tr : p->translated) out.methods.push_back(tr.first);
    for (size_t i : stratifiedSample(t->yTest, g.samples, g.seed)) {
        const auto row = static_cast<size_t>(t->split.test[i]);
        GallerySample s;
        s.sourceRow = d.sourceRows[row];
        s.targetRow = d.targetRows[row];
        s.label = t->yTest[i];
        s.native = p->native[i];
        s.absolute = at(p->absolute, i);
        s.relative = at(p->relative, i);
        for (const auto& tr : p->translated) s.translated.push_back(at(tr.second, i));
        out.samples.push_back(std::move(s));
    }
    return out;
}

nlohmann::json toJson(const StitchingGallery& g, const LatentSpace* source) {
    std::vector<std::string> names{"native", "absolute", "relative"};
    for (TranslationMethod m : g.methods) names.emplace_back(translationMethodName(m));
    const auto orNull = [](auto v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); };
    nlohmann::json accuracy = nlohmann::json::object(), right = nlohmann::json::object();
    accuracy["native"] = g.scores.native;
    accuracy["absolute"] = orNull(g.scores.absolute);
    accuracy["relative"] = orNull(g.scores.relative);
    for (const auto& [m, v] : g.scores.translated) accuracy[translationMethodName(m)] = orNull(v);
    for (const std::string& m : names) right[m] = orNull(g.rightCount(m));
    const auto cls = [](int32_t c) { return c >= 0 ? nlohmann::json(c) : nlohmann::json(nullptr); };
    nlohmann::json samples = nlohmann::json::array();
    for (const GallerySample& s : g.samples) {
        nlohmann::json j = {{"source_row", s.sourceRow}, {"target_row", s.targetRow},   {"label", s.label},
                            {"native", cls(s.native)},   {"absolute", cls(s.absolute)}, {"relative", cls(s.relative)}};
        for (size_t m = 0; m < g.methods.size(); ++m) j[translationMethodName(g.methods[m])] = cls(s.translated[m]);
        if (!g.classNames.empty()) j["label_name"] = g.className(s.label);
        const auto r = static_cast<size_t>(s.sourceRow);
        if (source && source->hasKeys() && r < source->keys.size()) j["key"] = source->keys[r];
        if (source && r < source->texts.size()) j["text"] = source->texts[r];
        samples.push_back(std::move(j));
    }
    return {
        {"source", g.sourceName},
        {"target", g.targetName},
        {"head", g.headName},
        {"seed", g.settings.seed},
        {"samples_asked", g.settings.samples},
        {"k", g.k},
        {"n_test", g.nTest},
        {"chance", g.chance},
        {"num_classes", g.numClasses},
        {"class_names", g.classNames},
        {"methods", names},
        {"accuracy", accuracy},
        {"right", right},
        {"samples", samples},
        {"warnings", g.warnings},
        {"settings",
         {{"stitching", toJson(g.stitch)}, {"relative", toJson(g.relative)}, {"translation", toJson(g.translation)}}}};
}

}  // namespace lb
