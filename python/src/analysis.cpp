// compare / stitch / asif: the code behind `latentbridge-cli compare`, `stitch` and `asif`. Spaces come from Python
// (arrays viewed in place), anchors and settings are resolved by the CLI's own helpers (app/cli/cli_common.h,
// cli_session.h), so the same request gives the same numbers and the same messages as the CLI.
#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_session.h"
#include "app/cli/metric_args.h"
#include "core/analysis/pair_rows.h"
#include "core/analysis/similarity_table.h"
#include "core/analysis/stitching_matrix.h"
#include "core/stitch/asif.h"
#include "python/src/bindings.h"

#include <pybind11/stl.h>

#include <nlohmann/json.hpp>

#include <unordered_set>

namespace lb::py {

namespace {

// A latentbridge.Space (or anything with its attributes) as a LatentSpace whose embeddings view the NumPy buffer.
// `keep` holds the arrays the views point into for as long as the call runs.
std::shared_ptr<const LatentSpace> spaceFrom(const pyb::object& obj, std::vector<pyb::array>& keep) {
    auto s = std::make_shared<LatentSpace>();
    FloatMatrix f = asFloatMatrix(obj.attr("embeddings"), "embeddings", false, false);
    keep.push_back(f.array);
    s->embeddings = Embeddings(f.map.data(), f.map.rows(), f.map.cols(), nullptr);
    s->name = pyb::cast<std::string>(obj.attr("name"));
    s->path = pyb::cast<std::string>(obj.attr("path"));
    if (s->path.empty()) s->path = s->name;
    s->dtype = "float32";
    const auto strings = [&](const char* attr) {
        const pyb::object v = obj.attr(attr);
        return v.is_none() ? std::vector<std::string>{} : pyb::cast<std::vector<std::string>>(v);
    };
    if (const pyb::object labels = obj.attr("labels"); !labels.is_none())
        s->labels = pyb::cast<std::vector<int32_t>>(pyb::module_::import("numpy").attr("asarray")(labels, "int32"));
    s->keys = strings("keys");
    s->labelNames = strings("label_names");
    s->texts = strings("texts");
    check(validateSpace(*s));
    if (!isAllFinite(s->embeddings.view())) raise(badInput(s->path, "embeddings contain NaN or Inf"));
    return s;
}

// Anchors as the CLI's --anchors: a count K (random shared rows), an anchor file, or (Python only) a sequence of
// row indices of the first space.
void setAnchors(Session& s, const pyb::object& anchors, uint64_t seed) {
    if (anchors.is_none()) return;
    std::vector<Index> candidates = pairRows(s, 0, 1).rowsA;
    for (size_t i = 2; i < s.spaceCount(); ++i) {
        std::vector<Index> kept;
        for (Index r : candidates)
            if (s.rowInSpace(i, r) >= 0) kept.push_back(r);
        candidates = std::move(kept);
    }
    std::vector<Index> rows;
    if (pyb::isinstance<pyb::str>(anchors) || pyb::isinstance<pyb::int_>(anchors) ||
        pyb::hasattr(anchors, "__fspath__")) {
        const pyb::object text = pyb::isinstance<pyb::int_>(anchors) ? pyb::object(pyb::str(anchors)) : anchors;
        const std::string spec = pyb::str(pyb::module_::import("os").attr("fspath")(text));
        rows = unwrap(cli::resolveAnchorsAmong(spec, s.space(0), seed, candidates, s.space(1).path));
    } else {
        rows = pyb::cast<std::vector<Index>>(anchors);
        const std::unordered_set<Index> ok(candidates.begin(), candidates.end());
        for (Index r : rows)
            if (!ok.count(r))
                raise(invalidArgument("anchor row " + std::to_string(r) + " is not a row shared by every space"));
    }
    s.setAnchors(rows, "--anchors");
    s.clearHistory();
}

// Settings flags exactly as the CLI reads them ("--k=10", "--l2", ...).
void applyFlags(Session& s, const std::vector<std::string>& flags) {
    std::vector<std::string> argvText{"latentbridge"};
    argvText.insert(argvText.end(), flags.begin(), flags.end());
    std::vector<char*> argv;
    for (std::string& a : argvText) argv.push_back(a.data());
    cli::ArgSpec spec;
    spec.valueOptions.insert(cli::kSessionValueOptions.begin(), cli::kSessionValueOptions.end());
    spec.flags.insert(cli::kSessionFlags.begin(), cli::kSessionFlags.end());
    cli::Args args;
    std::string error;
    if (!args.parse(static_cast<int>(argv.size()), argv.data(), 1, spec, error) ||
        !cli::applySettingsFlags(args, s.settings, error))
        raise(invalidArgument(error));
}

Session sessionOf(const std::vector<pyb::object>& spaces, const pyb::object& anchors, uint64_t seed,
                  const std::vector<std::string>& flags, std::vector<pyb::array>& keep) {
    Session s;
    for (const pyb::object& obj : spaces) {
        std::shared_ptr<const LatentSpace> space = spaceFrom(obj, keep);
        const std::string path = space->path;
        const size_t i = s.addSpace(path, std::move(space));
        if (!s.entry(i).matchError.empty()) raise(badInput(path, s.entry(i).matchError));
    }
    setAnchors(s, anchors, seed);
    // As `--seed S` on the command line: it seeds the anchors above and every subsample of the settings.
    std::vector<std::string> withSeed = flags;
    withSeed.push_back("--seed=" + std::to_string(seed));
    applyFlags(s, withSeed);
    return s;
}

nlohmann::json translatedJson(const StitchingScores& sc) {
    nlohmann::json t = nlohmann::json::object();
    for (const auto& [method, acc] : sc.translated) t[translationMethodName(method)] = cli::jsonOrNull(acc);
    return t;
}

}  // namespace

void bindAnalysis(pyb::module_& m) {
    m.def(
        "compare",
        [](const pyb::object& a, const pyb::object& b, const std::string& space, const pyb::object& anchors,
           uint64_t seed, const std::vector<std::string>& flags, const pyb::object& progress) {
            std::vector<pyb::array> keep;
            Session s = sessionOf({a, b}, anchors, seed, flags, keep);
            SimilarityInput in = similarityInput(s, 0, 1);
            if (space != "all")
                for (int c = 0; c < kSimilarityColumns; ++c)
                    in.columns[static_cast<size_t>(c)] = space == similarityColumnKey(static_cast<SimilarityColumn>(c));
            if (in.rows.rowsA.empty()) raise(badInput(s.entry(1).path, "shares no rows with " + s.entry(0).path));
            const SimilarityTable t =
                runJobFor<SimilarityTable>(progress, [&](JobContext& ctx) { return computeSimilarityTable(in, ctx); });
            return toJson(t).dump();
        },
        pyb::arg("a"), pyb::arg("b"), pyb::arg("space"), pyb::arg("anchors"), pyb::arg("seed"), pyb::arg("flags"),
        pyb::arg("progress") = pyb::none());

    m.def(
        "stitch",
        [](const pyb::object& source, const pyb::object& target, const pyb::object& anchors, uint64_t seed,
           const std::vector<std::string>& flags, const std::string& headFile, const pyb::object& progress) {
            std::vector<pyb::array> keep;
            Session s = sessionOf({source, target}, anchors, seed, flags, keep);
            StitchingMatrixInput in = stitchingMatrixInput(s);
            std::string headName = headKindName(s.settings.stitching.head);
            if (!headFile.empty()) {
                s.settings.stitching.head = HeadKind::Fixed;
                in = stitchingMatrixInput(s);
                in.headFiles[1] = headFile;
                headName = headFile;
            }
            in.onlyPairs = {{0, 1}};
            const StitchingMatrix mat =
                runJobFor<StitchingMatrix>(progress, [&](JobContext& ctx) { return computeStitchingMatrix(in, ctx); });
            const StitchCell& c = mat.at(0, 1);
            if (!c.ok) raise(badInput(headFile.empty() ? s.entry(1).path : headFile, c.error));
            const nlohmann::json j = {{"source", mat.names[0]},
                                      {"target", mat.names[1]},
                                      {"head", headName},
                                      {"native", c.scores.native},
                                      {"absolute", cli::jsonOrNull(c.scores.absolute)},
                                      {"relative", cli::jsonOrNull(c.scores.relative)},
                                      {"relative_native", cli::jsonOrNull(c.scores.relativeNative)},
                                      {"translated", translatedJson(c.scores)},
                                      {"chance", c.chance},
                                      {"n_test", c.nTest},
                                      {"n_train", c.nTrain},
                                      {"k", c.k},
                                      {"num_classes", c.numClasses},
                                      {"settings", toJson(mat)["settings"]},
                                      {"warnings", mat.warnings}};
            return j.dump();
        },
        pyb::arg("source"), pyb::arg("target"), pyb::arg("anchors"), pyb::arg("seed"), pyb::arg("flags"),
        pyb::arg("head_file") = "", pyb::arg("progress") = pyb::none());

    m.def(
        "asif_predict",
        [](const pyb::handle& queries, const pyb::handle& anchorsA, const pyb::handle& candidates,
           const pyb::handle& anchorsB, Index topk, double p, Index topN, const pyb::object& progress) {
            const FloatMatrix q = asFloatMatrix(queries, "queries", true), a = asFloatMatrix(anchorsA, "anchors_a"),
                              c = asFloatMatrix(candidates, "candidates"), b = asFloatMatrix(anchorsB, "anchors_b");
            AsifOptions o;
            o.topk = topk;
            o.p = p;
            const IndexMatrix top = runJobFor<IndexMatrix>(
                progress, [&](JobContext& ctx) { return asifPredict(q.map, a.map, c.map, b.map, o, topN, ctx); });
            pyb::array_t<int64_t> out({static_cast<pyb::ssize_t>(top.rows()), static_cast<pyb::ssize_t>(top.cols())});
            auto w = out.mutable_unchecked<2>();
            for (Index i = 0; i < top.rows(); ++i)
                for (Index j = 0; j < top.cols(); ++j) w(i, j) = top(i, j);
            return out;
        },
        pyb::arg("queries"), pyb::arg("anchors_a"), pyb::arg("candidates"), pyb::arg("anchors_b"),
        pyb::arg("topk") = 800, pyb::arg("p") = 8.0, pyb::arg("top_n") = 5, pyb::arg("progress") = pyb::none());
    m.def(
        "asif_encode",
        [](const pyb::handle& X, const pyb::handle& anchors, Index topk, double p, const pyb::object& progress) {
            const FloatMatrix x = asFloatMatrix(X, "X", true), a = asFloatMatrix(anchors, "anchors");
            AsifOptions o;
            o.topk = topk;
            o.p = p;
            return toNumpy(
                runJobFor<RowMatrixXf>(progress, [&](JobContext& ctx) { return asifEncode(x.map, a.map, o, ctx); }));
        },
        pyb::arg("X"), pyb::arg("anchors"), pyb::arg("topk") = 800, pyb::arg("p") = 8.0,
        pyb::arg("progress") = pyb::none());
}

}  // namespace lb::py
