// `latentbridge-cli stitch SOURCE TARGET --anchors A [--head ridge|logistic|HEADFILE]`: zero-shot stitching.

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/metric_args.h"
#include "core/io/linear_head_io.h"
#include "core/stitch/stitching.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace lb::cli {

static const char* kStitchHelp =
    "Usage: latentbridge-cli stitch SOURCE TARGET --anchors FILE|K [--head ridge|logistic|HEADFILE]\n"
    "           [--test-fraction 0.2] [--seed S] [--similarity LIST] [--transform T] [--post P]\n"
    "           [--scaling S] [--l2] [--ridge L] [--alpha A] [--lambda L] [--curve K1,K2,...] [--json]\n\n"
    "Zero-shot stitching (docs/methods.md §5): a classifier trained on TARGET (labels from TARGET, or SOURCE when\n"
    "only it has them; both must agree on shared rows) is fed SOURCE samples. Reports test accuracies:\n"
    "  native          TARGET rows -> TARGET head\n"
    "  absolute        SOURCE rows -> TARGET head (null when the widths differ)\n"
    "  relative        SOURCE relative reps (its own anchors) -> head trained on TARGET relative reps\n"
    "  relative_native TARGET relative reps -> that head (the ceiling of the relative route)\n"
    "  translated      SOURCE translated into TARGET on the anchors (procrustes, linear, affine) -> TARGET head\n"
    "The held-out test rows (--test-fraction of the shared rows, seeded by --seed) never include anchors.\n"
    "  --head          ridge (default; closed form, --alpha relative regularization, default 0.1),\n"
    "                  logistic (multinomial, L-BFGS, --lambda L2 penalty, default 1e-4), or a head file\n"
    "                  (.npz/.safetensors with weight C x D_target and bias C; relative is then null)\n"
    "  --similarity, --transform, --post  relative representation options (as in `relative`; default\n"
    "                  cosine, none, none); --scaling, --l2, --ridge  translator options (as in `translate`)\n"
    "  --curve LIST    also report accuracy vs anchor count for these K (nested seeded anchor sets, one test\n"
    "                  set of all shared rows; --anchors is then only used for the main result)\n"
    "JSON: {native, absolute, relative, relative_native, translated: {procrustes, linear, affine}, chance,\n"
    "       n_test, n_train, k, num_classes, head, [curve: [{k, relative, translated: {...}}]]}\n"
    "chance = accuracy of always predicting the test set's most frequent class.\n"
    "Exit codes: 0 ok, 1 usage, 2 bad input (no labels, labels disagree, head width), 3 numerical failure.\n";

namespace {

struct StitchRequest {
    StitchingOptions options;
    std::string headFile;
    std::vector<Index> curve;
    uint64_t seed = 0;
};

bool parseStitch(const Args& args, StitchRequest& r, std::string& error) {
    const std::string head = args.getOr("--head", "ridge");
    if (head == "ridge")
        r.options.head = HeadKind::Ridge;
    else if (head == "logistic")
        r.options.head = HeadKind::Logistic;
    else
        r.options.head = HeadKind::Fixed, r.headFile = head;
    if (!getSeed(args, r.seed, error) || !args.getDouble("--test-fraction", 0.2, r.options.testFraction, error) ||
        !args.getDouble("--alpha", RidgeOptions{}.alpha, r.options.ridge.alpha, error) ||
        !args.getDouble("--lambda", 1e-4, r.options.logistic.lambda, error))
        return false;
    if (!(r.options.testFraction > 0 && r.options.testFraction < 1)) return error = "--test-fraction must be in (0, 1)", false;
    if (r.options.ridge.alpha < 0 || r.options.logistic.lambda < 0) return error = "--alpha/--lambda must be >= 0", false;
    r.options.seed = r.seed;
    if (!parseRelativeArgs(args, r.options.relative, error) || !parseTranslationArgs(args, r.options.translation, error))
        return false;
    for (const std::string& item : splitList(args.getOr("--curve", ""))) {
        char* end = nullptr;
        const long long k = std::strtoll(item.c_str(), &end, 10);
        if (*end != '\0' || k < 2) return error = "--curve expects anchor counts >= 2, got '" + item + "'", false;
        r.curve.push_back(static_cast<Index>(k));
    }
    return true;
}

nlohmann::json translatedJson(const StitchingScores& s) {
    nlohmann::json t = nlohmann::json::object();
    for (const auto& [method, acc] : s.translated) t[translationMethodName(method)] = jsonOrNull(acc);
    return t;
}

void printHuman(const nlohmann::json& j) {
    const auto show = [](const char* name, const nlohmann::json& v) {
        if (v.is_null())
            std::printf("  %-22s n/a\n", name);
        else
            std::printf("  %-22s %.4f\n", name, v.get<double>());
    };
    std::printf("stitching %s -> %s head (%lld test rows, %lld anchors, %d classes)\n",
                j["head"].get<std::string>().c_str(), j["target"].get<std::string>().c_str(), j["n_test"].get<long long>(),
                j["k"].get<long long>(), j["num_classes"].get<int>());
    for (const char* key : {"native", "absolute", "relative", "relative_native", "chance"}) show(key, j[key]);
    for (const auto& [name, v] : j["translated"].items()) show(("translated " + name).c_str(), v);
}

}  // namespace

int runStitch(int argc, char** argv) {
    Args args;
    std::string error;
    const ArgSpec spec{{"--anchors", "--head", "--test-fraction", "--seed", "--similarity", "--transform", "--post",
                        "--aggregate", "--scaling", "--ridge", "--alpha", "--lambda", "--curve"},
                       {"--l2", "--json", "--quiet", "--help"}};
    if (!args.parse(argc, argv, 1, spec, error)) return usageError("stitch", error);
    if (args.has("--help")) return std::fputs(kStitchHelp, stdout), kExitOk;
    if (args.positional().size() != 2) return usageError("stitch", "expected SOURCE and TARGET files");
    if (!args.has("--anchors")) return usageError("stitch", "--anchors FILE|K is required");
    StitchRequest req;
    if (!parseStitch(args, req, error)) return usageError("stitch", error);
    const bool quiet = args.has("--quiet");

    Result<LatentSpace> src = loadSpaceOrError(args.positional()[0], quiet);
    if (!src) return reportError(src.error());
    Result<LatentSpace> dst = loadSpaceOrError(args.positional()[1], quiet);
    if (!dst) return reportError(dst.error());
    LinearClassifier fixed;
    if (req.options.head == HeadKind::Fixed) {
        Result<LinearHead> head = loadLinearHead(req.headFile);
        if (!head) return reportError(head.error());
        fixed.W = std::move(head->weight);
        fixed.b = std::move(head->bias);
        if (fixed.dims() != dst->d())
            return reportError(badInput(req.headFile, "head expects " + std::to_string(fixed.dims()) +
                                                          " input dims, target space has " + std::to_string(dst->d())));
        req.options.fixedHead = &fixed;
    }
    Result<StitchingData> data = prepareStitchingData(*src, *dst);
    if (!data) return reportError(data.error());
    RowMatch match;
    match.rowsA = data->sourceRows;
    match.rowsB = data->targetRows;
    match.byKey = data->byKey;
    warnIfMatchedByIndex(match, src->hasKeys(), dst->hasKeys(), quiet);
    Result<std::vector<Index>> rows = resolveAnchorsAmong(*args.get("--anchors"), *src, req.seed, match.rowsA, dst->path);
    if (!rows) return reportError(rows.error());
    const std::vector<Index> anchors = matchPositionsOf(match, *rows);

    CliProgress progress(quiet);
    Result<StitchingResult> res = evaluateStitching(data->source, data->target, data->labels, anchors, req.options, progress);
    if (!res) return reportError(res.error());
    nlohmann::json j{{"source", src->path},
                     {"target", dst->path},
                     {"head", req.options.head == HeadKind::Fixed ? req.headFile : headKindName(req.options.head)},
                     {"native", res->scores.native},
                     {"absolute", jsonOrNull(res->scores.absolute)},
                     {"relative", jsonOrNull(res->scores.relative)},
                     {"relative_native", jsonOrNull(res->scores.relativeNative)},
                     {"translated", translatedJson(res->scores)},
                     {"chance", res->chance},
                     {"n_test", res->nTest},
                     {"n_train", res->nTrain},
                     {"k", res->k},
                     {"num_classes", res->numClasses}};
    if (!req.curve.empty()) {
        Result<std::vector<StitchingCurvePoint>> curve =
            stitchingCurve(data->source, data->target, data->labels, req.curve, req.options, progress);
        if (!curve) return reportError(curve.error());
        nlohmann::json points = nlohmann::json::array();
        for (const StitchingCurvePoint& p : *curve)
            points.push_back({{"k", p.k}, {"relative", jsonOrNull(p.scores.relative)}, {"translated", translatedJson(p.scores)}});
        j["curve"] = points;
    }
    progress.finish();
    if (!quiet)
        for (const Warning& w : res->warnings) std::fprintf(stderr, "latentbridge-cli: warning: %s\n", w.message.c_str());
    if (args.has("--json"))
        printJson(j);
    else
        printHuman(j);
    return kExitOk;
}

}  // namespace lb::cli
