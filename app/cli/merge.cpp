// `latentbridge-cli merge CHART... --anchors FILE|K [--out atlas.npz|atlas.npy]`: merges charts (spaces of partly
// shared samples, matched by key) into one atlas space through their relative representations on shared anchors
// (core/relative/chart_merge.h), and reports what a head trained on the atlas does on each chart's samples.

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/metric_args.h"
#include "core/relative/anchor_selection.h"
#include "core/relative/chart_merge.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <unordered_set>

namespace lb::cli {

static const char* kMergeHelp =
    "Usage: latentbridge-cli merge CHART CHART... --anchors FILE|K [--out atlas.npz|atlas.npy] [--test-fraction 0.2]\n"
    "           [--seed S] [--no-evaluation] [--reference SPACE] [--json] [--quiet]\n\n"
    "Merges charts into an atlas (docs/methods.md §3): each CHART is a space of its own samples (keys required;\n"
    "charts may share samples, classes, or neither). Every chart is projected on the anchors all charts share\n"
    "(cosine relative representation), and each sample's atlas row is the mean of the rows of the charts that\n"
    "encode it: one space of every distinct sample, K columns.\n"
    "  --anchors FILE|K   anchor keys (one per line, each in every chart), or K random keys shared by every chart\n"
    "  --out FILE         the atlas as a space: atlas.npz (embeddings M x K float32, keys, labels, label_names), or\n"
    "                     atlas.npy and its sidecar atlas.json (keys, labels)\n"
    "  --test-fraction F  held-out share of the non-anchor samples (default 0.2)\n"
    "  --no-evaluation    skip the heads below\n"
    "  --reference SPACE  a space of one model trained on every task (keys; the anchors among them): the mean\n"
    "                     cosine and linear CKA of the atlas rows against its relative rows, and per chart the\n"
    "                     mean cosine and CKA of the chart's own relative rows against it, next to the atlas rows'\n"
    "Evaluation (needs labels): one seeded held-out set of samples; per chart, ridge heads trained on that chart\n"
    "alone (its absolute rows; its relative rows) against one head trained on the atlas rows of every training\n"
    "sample, all tested on the chart's held-out samples.\n"
    "JSON: {charts: [{path, n, shared, n_train, n_test, classes, absolute, relative, atlas}], atlas: {n, k,\n"
    "       shared_by_all, n_train, n_test, accuracy}, anchors, settings, out}; without labels on every sample the\n"
    "       heads are skipped (evaluation: the reason); with --reference: reference {path, n, mean_cosine,\n"
    "       linear_cka} and per chart reference_n, reference_cosine_chart, reference_cosine_atlas,\n"
    "       reference_cka_chart, reference_cka_atlas\n"
    "Exit codes: 0 ok, 1 usage, 2 bad input or impossible request, 3 numerical failure, 4 I/O or cancelled,\n"
    "5 out of memory, 6 internal error.\n";

namespace {

// Keys every chart encodes, in the first chart's row order.
std::vector<std::string> sharedKeys(const std::vector<const LatentSpace*>& charts) {
    std::vector<std::string> out;
    std::vector<std::unordered_set<std::string>> sets;
    for (size_t c = 1; c < charts.size(); ++c) sets.emplace_back(charts[c]->keys.begin(), charts[c]->keys.end());
    for (const std::string& k : charts[0]->keys) {
        bool everywhere = true;
        for (const auto& s : sets) everywhere = everywhere && s.count(k) > 0;
        if (everywhere) out.push_back(k);
    }
    return out;
}

// --anchors: a file of keys of the first chart (each must be in every chart: mergeCharts checks), or K random
// shared keys.
Result<std::vector<std::string>> anchorKeys(const std::string& spec, const std::vector<const LatentSpace*>& charts,
                                            uint64_t seed) {
    if (std::filesystem::exists(spec)) {
        Result<std::vector<Index>> rows = readAnchorFile(spec, *charts[0]);
        if (!rows) return rows.error();
        std::vector<std::string> keys;
        for (Index r : *rows) keys.push_back(charts[0]->keys[static_cast<size_t>(r)]);
        return keys;
    }
    char* end = nullptr;
    const long long k = std::strtoll(spec.c_str(), &end, 10);
    if (spec.empty() || *end != '\0' || k < 1)
        return invalidArgument("--anchors " + spec + " is neither an anchor file nor a positive count");
    const std::vector<std::string> shared = sharedKeys(charts);
    if (k > static_cast<long long>(shared.size()))
        return invalidArgument("--anchors " + spec + ": the charts share only " + std::to_string(shared.size()) +
                               " samples");
    std::vector<std::string> keys;
    for (Index i : randomSubset(static_cast<Index>(shared.size()), static_cast<Index>(k), seed))
        keys.push_back(shared[static_cast<size_t>(i)]);
    return keys;
}

}  // namespace

int runMerge(int argc, char** argv) {
    Args args;
    std::string error;
    const ArgSpec spec{{"--anchors", "--out", "--test-fraction", "--seed", "--reference"},
                       {"--no-evaluation", "--json", "--quiet", "--help"}};
    if (!args.parse(argc, argv, 1, spec, error)) return usageError("merge", error);
    if (args.has("--help")) return std::fputs(kMergeHelp, stdout), kExitOk;
    if (args.positional().size() < 2) return usageError("merge", "expected at least 2 CHART files");
    if (!args.has("--anchors")) return usageError("merge", "--anchors FILE|K is required");
    AtlasEvaluationSettings evaluation;
    if (!getSeed(args, evaluation.seed, error) ||
        !args.getDouble("--test-fraction", 0.2, evaluation.testFraction, error))
        return usageError("merge", error);
    if (!(evaluation.testFraction > 0.0 && evaluation.testFraction < 1.0))
        return usageError("merge", "--test-fraction must be in (0, 1)");
    const std::string out = args.getOr("--out", "");
    if (int code = refuseBinaryStdout("merge", out)) return code;
    if (const std::string ext = std::filesystem::path(out).extension().string();
        !out.empty() && ext != ".npy" && ext != ".npz")
        return usageError("merge",
                          "--out names a .npz file, or a .npy file (its keys and labels go to the .json beside it)");
    const bool quiet = args.has("--quiet");

    std::vector<LatentSpace> loaded;
    loaded.reserve(args.positional().size());
    for (const std::string& path : args.positional()) {
        Result<LatentSpace> s = loadSpaceOrError(path, quiet);
        if (!s) return reportError(s.error());
        if (!s->hasKeys())
            return reportError(badInput(path, "a chart needs keys: samples are matched across charts by key"));
        loaded.push_back(std::move(*s));
    }
    std::vector<const LatentSpace*> charts;
    for (const LatentSpace& s : loaded) charts.push_back(&s);
    Result<std::vector<std::string>> anchors = anchorKeys(*args.get("--anchors"), charts, evaluation.seed);
    if (!anchors) return reportError(anchors.error());

    CliProgress progress(quiet);
    const RelativeOptions relative;
    Result<Atlas> atlas = mergeCharts(charts, *anchors, relative, progress);
    if (!atlas) return progress.finish(), reportError(atlas.error());
    Index sharedByAll = 0;
    for (int n : atlas->charts) sharedByAll += n == static_cast<int>(charts.size());
    nlohmann::json j{{"atlas", {{"n", atlas->rows.rows()}, {"k", atlas->rows.cols()}, {"shared_by_all", sharedByAll}}},
                     {"anchors", static_cast<Index>(anchors->size())},
                     {"settings",
                      {{"relative", "cosine"},
                       {"aggregation", "mean"},
                       {"test_fraction", evaluation.testFraction},
                       {"seed", evaluation.seed},
                       {"head", "ridge"},
                       {"ridge_alpha", evaluation.ridge.alpha}}}};
    nlohmann::json chartsJson = nlohmann::json::array();
    for (size_t c = 0; c < charts.size(); ++c) {
        Index shared = 0;
        for (Index a : atlas->atlasRowOf[c]) shared += atlas->charts[static_cast<size_t>(a)] > 1;
        chartsJson.push_back({{"path", charts[c]->path}, {"n", charts[c]->n()}, {"shared", shared}});
    }
    const bool labelled = std::all_of(atlas->labels.begin(), atlas->labels.end(), [](int32_t y) { return y >= 0; });
    if (!labelled && !args.has("--no-evaluation")) {
        j["evaluation"] = "skipped: not every sample has a label in some chart";
        if (!quiet)
            std::fprintf(stderr, "latentbridge-cli: warning: the heads are skipped: not every sample has a label\n");
    }
    if (labelled && !args.has("--no-evaluation")) {
        Result<AtlasEvaluation> ev = evaluateAtlas(charts, *atlas, relative, evaluation, progress);
        if (!ev) return progress.finish(), reportError(ev.error());
        for (size_t c = 0; c < charts.size(); ++c) {
            const ChartScores& s = ev->charts[c];
            chartsJson[c].update({{"n_train", s.nTrain},
                                  {"n_test", s.nTest},
                                  {"classes", s.classes},
                                  {"absolute", s.absolute},
                                  {"relative", s.relative},
                                  {"atlas", s.atlas}});
        }
        j["atlas"].update({{"n_train", ev->nTrain}, {"n_test", ev->nTest}, {"accuracy", ev->atlasOverall}});
    }
    if (args.has("--reference")) {
        Result<LatentSpace> ref = loadSpaceOrError(*args.get("--reference"), quiet);
        if (!ref) return progress.finish(), reportError(ref.error());
        Result<AtlasReferenceComparison> cmp = compareAtlasToReference(charts, *atlas, *ref, relative, progress);
        if (!cmp) return progress.finish(), reportError(cmp.error());
        j["reference"] = {
            {"path", ref->path}, {"n", cmp->n}, {"mean_cosine", cmp->meanCosine}, {"linear_cka", cmp->linearCka}};
        for (size_t c = 0; c < charts.size(); ++c)
            chartsJson[c].update({{"reference_n", cmp->charts[c].n},
                                  {"reference_cosine_chart", cmp->charts[c].chartCosine},
                                  {"reference_cosine_atlas", cmp->charts[c].atlasCosine},
                                  {"reference_cka_chart", cmp->charts[c].chartCka},
                                  {"reference_cka_atlas", cmp->charts[c].atlasCka}});
    }
    progress.finish();
    j["charts"] = chartsJson;
    if (!out.empty()) {
        if (Status st = writeAtlasFiles(out, std::filesystem::path(out).stem().string(), *atlas, charts[0]->labelNames);
            !st)
            return reportError(st.error());
        j["out"] = out;
    }
    if (args.has("--json")) {
        printJson(j);
        return kExitOk;
    }
    std::printf("atlas: %lld samples (%lld in every chart) x %lld anchors%s%s\n",
                static_cast<long long>(atlas->rows.rows()), static_cast<long long>(sharedByAll),
                static_cast<long long>(atlas->rows.cols()), out.empty() ? "" : " -> ", out.c_str());
    if (j["atlas"].contains("accuracy"))
        std::printf("  atlas head on all %lld held-out samples: %.3f\n", j["atlas"]["n_test"].get<long long>(),
                    j["atlas"]["accuracy"].get<double>());
    if (j.contains("reference")) {
        const nlohmann::json& r = j["reference"];
        std::printf("  against %s on %lld samples: mean cosine %.3f, linear CKA %.3f\n",
                    r["path"].get<std::string>().c_str(), r["n"].get<long long>(), r["mean_cosine"].get<double>(),
                    r["linear_cka"].get<double>());
        for (const nlohmann::json& c : chartsJson)
            std::printf(
                "  %-40s against the reference: chart alone cosine %.3f, CKA %.3f; atlas cosine %.3f, CKA %.3f\n",
                c["path"].get<std::string>().c_str(), c["reference_cosine_chart"].get<double>(),
                c["reference_cka_chart"].get<double>(), c["reference_cosine_atlas"].get<double>(),
                c["reference_cka_atlas"].get<double>());
    }
    for (const nlohmann::json& c : chartsJson) {
        if (!c.contains("atlas")) continue;
        std::printf("  %-40s %2d classes, %5lld held out: alone %.3f (relative %.3f), atlas head %.3f\n",
                    c["path"].get<std::string>().c_str(), c["classes"].get<int>(), c["n_test"].get<long long>(),
                    c["absolute"].get<double>(), c["relative"].get<double>(), c["atlas"].get<double>());
    }
    return kExitOk;
}

}  // namespace lb::cli
