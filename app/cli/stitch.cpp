// `latentbridge-cli stitch SOURCE TARGET --anchors A [--head ridge|logistic|file|HEADFILE]` and
// `stitch --session S`: zero-shot stitching through core/analysis/stitching_matrix.h, the code the app's
// Stitching panel runs (one pair, or the whole matrix of a session).

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_session.h"
#include "app/cli/commands.h"
#include "app/cli/metric_args.h"
#include "core/analysis/anchor_curve.h"
#include "core/analysis/stitching_gallery.h"
#include "core/analysis/stitching_matrix.h"
#include "core/io/atomic_file.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace lb::cli {

static const char* kStitchHelp =
    "Usage: latentbridge-cli stitch SOURCE TARGET --anchors FILE|K [--head ridge|logistic|file|HEADFILE]\n"
    "       latentbridge-cli stitch --session S [--source NAME --target NAME]\n"
    "           [--test-fraction 0.2] [--seed S] [--max-rows 0] [--similarity LIST] [--transform T] [--post P]\n"
    "           [--scaling S] [--l2] [--ridge L] [--alpha A] [--lambda L] [--curve K1,K2,...] [--json]\n"
    "           [--predictions FILE.json [--samples 36] [--sample-seed 0]]\n\n"
    "Zero-shot stitching (docs/methods.md §5): a classifier trained on TARGET (labels from TARGET, or SOURCE when\n"
    "only it has them; both must agree on shared rows) is fed SOURCE samples. Reports test accuracies:\n"
    "  native          TARGET rows -> TARGET head\n"
    "  absolute        SOURCE rows -> TARGET head (null when the widths differ)\n"
    "  relative        SOURCE relative reps (its own anchors) -> head trained on TARGET relative reps\n"
    "  relative_native TARGET relative reps -> that head (the ceiling of the relative route)\n"
    "  translated      SOURCE translated into TARGET on the anchors (procrustes, linear, affine) -> TARGET head\n"
    "The held-out test rows (--test-fraction of the shared rows, seeded by --seed) never include anchors.\n"
    "--max-rows R trains and tests on the anchors and a seeded subsample of R other shared rows (default 0 =\n"
    "all; the app's first answer after an edit uses 5000).\n"
    "--session S: the spaces, anchors and settings of a session saved by the app (or assets/demo/demo.json);\n"
    "  prints the whole matrix the app shows, or one pair with --source and --target. Flags override.\n"
    "  --head          ridge (default; closed form, --alpha relative regularization, default 0.1),\n"
    "                  logistic (multinomial, L-BFGS, --lambda L2 penalty, default 1e-4), file (X_head.npz beside\n"
    "                  each space X), or a head file for TARGET (.npz/.safetensors: weight C x D_target, bias C);\n"
    "                  with a head file, relative is null\n"
    "  --similarity, --transform, --post  relative representation options (as in `relative`; default\n"
    "                  cosine, none, none); --scaling, --l2, --ridge  translator options (as in `translate`)\n"
    "  --curve LIST    also report accuracy vs anchor count for these K (nested seeded anchor sets, one test\n"
    "                  set of all shared rows; --anchors is then only used for the main result)\n"
    "JSON (one pair): {source, target, native, absolute, relative, relative_native, translated: {procrustes,\n"
    "       linear, affine}, chance, n_test, n_train, k, num_classes, head, settings, input, warnings, [curve: {k: "
    "[...], "
    "...}]}\n"
    "JSON (--session, whole matrix): {names, methods: {absolute: [[...]], relative, procrustes, linear, affine},\n"
    "       native: [...], chance, head, anchors, warnings, settings}; rows = source, columns = target, null where\n"
    "       a method does not apply.\n"
    "--predictions FILE.json  (one pair) also write the stitching gallery the app shows: --samples test\n"
    "                  samples (default 36; dealt class by class from a permutation seeded by --sample-seed,\n"
    "                  default 0), each with its true class and the class the TARGET head predicts natively and\n"
    "                  through absolute, relative, procrustes, linear and affine stitching (null where a method\n"
    "                  does not apply), plus the accuracies on every test row and the right counts on the shown\n"
    "                  ones; `-` writes it to stdout instead of the report.\n"
    "chance = accuracy of always predicting the test set's most frequent class.\n"
    "Exit codes: 0 ok, 1 usage, 2 bad input (no labels, labels disagree, head width), 3 numerical failure,\n"
    "4 I/O or cancelled, 5 out of memory, 6 internal error.\n";

namespace {

nlohmann::json translatedJson(const StitchingScores& s) {
    nlohmann::json t = nlohmann::json::object();
    for (const auto& [method, acc] : s.translated) t[translationMethodName(method)] = jsonOrNull(acc);
    return t;
}

nlohmann::json pairJson(const StitchingMatrix& m, size_t src, size_t tgt, const std::string& head) {
    const StitchCell& c = m.at(src, tgt);
    return {{"source", m.names[src]},
            {"target", m.names[tgt]},
            {"head", head},
            {"native", c.scores.native},
            {"absolute", jsonOrNull(c.scores.absolute)},
            {"relative", jsonOrNull(c.scores.relative)},
            {"relative_native", jsonOrNull(c.scores.relativeNative)},
            {"translated", translatedJson(c.scores)},
            {"chance", c.chance},
            {"n_test", c.nTest},
            {"n_train", c.nTrain},
            {"k", c.k},
            {"num_classes", c.numClasses},
            {"settings", toJson(m)["settings"]}};
}

void printPair(const nlohmann::json& j) {
    const auto show = [](const char* name, const nlohmann::json& v) {
        if (v.is_null())
            std::printf("  %-22s n/a\n", name);
        else
            std::printf("  %-22s %.4f\n", name, v.get<double>());
    };
    std::printf("stitching %s -> %s, %s head (%lld test rows, %lld anchors, %d classes)\n",
                j["source"].get<std::string>().c_str(), j["target"].get<std::string>().c_str(),
                j["head"].get<std::string>().c_str(), j["n_test"].get<long long>(), j["k"].get<long long>(),
                j["num_classes"].get<int>());
    for (const char* key : {"native", "absolute", "relative", "relative_native", "chance"}) show(key, j[key]);
    for (const auto& [name, v] : j["translated"].items()) show(("translated " + name).c_str(), v);
}

void printMatrix(const StitchingMatrix& m) {
    std::printf("zero-shot stitching, %s head; rows = source, columns = target, diagonal = native\n",
                m.headName.c_str());
    for (int k = 0; k < kStitchMethods; ++k) {
        const auto method = static_cast<StitchMethod>(k);
        std::printf("%s\n", stitchMethodName(method));
        for (size_t s = 0; s < m.n; ++s) {
            std::printf("  %-24s", m.names[s].c_str());
            for (size_t t = 0; t < m.n; ++t) {
                const std::optional<double> v = m.value(s, t, method);
                if (v)
                    std::printf(" %7.4f", *v);
                else
                    std::printf(" %7s", "-");
            }
            std::printf("\n");
        }
    }
}

bool onePairRequested(const Args& args) {
    return !args.has("--session") || args.has("--source");
}

// --samples N (>= 1) and --sample-seed S of --predictions.
bool galleryArgs(const Args& args, StitchingGallerySettings& g, std::string& error) {
    long long samples = 0, sampleSeed = 0;
    if (!args.getInt("--samples", g.samples, samples, error) || !args.getInt("--sample-seed", 0, sampleSeed, error))
        return false;
    if (samples < 1) return error = "--samples must be at least 1", false;
    if (sampleSeed < 0) return error = "--sample-seed must be >= 0", false;
    if (!args.has("--predictions") && (args.has("--samples") || args.has("--sample-seed")))
        return error = "--samples and --sample-seed go with --predictions", false;
    g.samples = static_cast<Index>(samples);
    g.seed = static_cast<uint64_t>(sampleSeed);
    return true;
}

}  // namespace

int runStitch(int argc, char** argv) {
    Args args;
    std::string error;
    ArgSpec spec{{"--source", "--target", "--predictions", "--samples", "--sample-seed"},
                 {"--json", "--quiet", "--help"}};
    spec.valueOptions.insert(kSessionValueOptions.begin(), kSessionValueOptions.end());
    spec.flags.insert(kSessionFlags.begin(), kSessionFlags.end());
    if (!args.parse(argc, argv, 1, spec, error)) return usageError("stitch", error);
    if (args.has("--help")) return std::fputs(kStitchHelp, stdout), kExitOk;
    const bool fromSession = args.has("--session");
    if (fromSession && !args.positional().empty()) return usageError("stitch", "give --session or two files, not both");
    if (!fromSession && args.positional().size() != 2) return usageError("stitch", "expected SOURCE and TARGET files");
    if (!fromSession && !args.has("--anchors")) return usageError("stitch", "--anchors FILE|K is required");
    if (!fromSession && (args.has("--source") || args.has("--target")))
        return usageError("stitch", "--source and --target name spaces of a --session");
    if (args.has("--source") != args.has("--target")) return usageError("stitch", "--source and --target go together");
    if (!onePairRequested(args) && args.has("--predictions"))
        return usageError("stitch", "--predictions needs one pair (two files, or --source and --target)");
    StitchingGallerySettings gallery;
    if (!galleryArgs(args, gallery, error)) return usageError("stitch", error);
    uint64_t seed = 0;
    if (!getSeed(args, seed, error)) return usageError("stitch", error);
    SessionSettings flags;  // checked before any file is read
    if (!applySettingsFlags(args, flags, error)) return usageError("stitch", error);
    const bool quiet = args.has("--quiet");

    Result<Session> session = commandSession(args, args.positional(), seed, quiet);
    if (!session) return reportError(session.error());
    Session& s = *session;
    if (!applySettingsFlags(args, s.settings, error)) return usageError("stitch", error);
    const std::string sessionPath = args.getOr("--session", "");
    const bool onePair = !fromSession || args.has("--source");
    size_t src = 0, tgt = 1;
    if (fromSession && onePair) {
        Result<size_t> a = spaceNamed(s, *args.get("--source"), sessionPath);
        if (!a) return reportError(a.error());
        Result<size_t> b = spaceNamed(s, *args.get("--target"), sessionPath);
        if (!b) return reportError(b.error());
        if (*a == *b) return usageError("stitch", "--source and --target name the same space");
        src = *a, tgt = *b;
    }
    StitchingMatrixInput in = stitchingMatrixInput(s);
    std::string headName = headKindName(s.settings.stitching.head);
    if (const std::optional<std::string> head = args.get("--head");
        head && s.settings.stitching.head == HeadKind::Fixed && *head != headKindName(HeadKind::Fixed)) {
        in.headFiles[tgt] = *head;  // a head file for TARGET
        headName = *head;
    }
    if (onePair) in.onlyPairs = {{src, tgt}};

    CliProgress progress(quiet);
    Result<StitchingMatrix> matrix = computeStitchingMatrix(in, progress);
    if (!matrix) return reportError(matrix.error());
    if (!quiet)
        for (const std::string& w : matrix->warnings)
            std::fprintf(stderr, "latentbridge-cli: warning: %s\n", w.c_str());
    if (!onePair) {
        progress.finish();
        nlohmann::json j = toJson(*matrix);
        j["input"] = commandInput(args, seed);
        if (args.has("--json"))
            printJson(j);
        else
            printMatrix(*matrix);
        return kExitOk;
    }
    const StitchCell& cell = matrix->at(src, tgt);
    if (!cell.ok) {
        const std::string& file = headName != headKindName(s.settings.stitching.head) ? headName : s.entry(tgt).path;
        return reportError(badInput(file, cell.error));
    }
    nlohmann::json j = pairJson(*matrix, src, tgt, headName);
    j["input"] = commandInput(args, seed);
    j["warnings"] = matrix->warnings;  // e.g. a translator the anchors leave rank-deficient
    if (args.has("--curve")) {
        AnchorCurveInput ci = anchorCurveInput(s, src, tgt);
        if (s.settings.stitching.head == HeadKind::Fixed) ci.headFile = in.headFiles[tgt];
        Result<AnchorCurve> curve = computeAnchorCurve(ci, progress);
        if (!curve) return reportError(curve.error());
        j["curve"] = toJson(*curve);
    }
    if (const std::optional<std::string> file = args.get("--predictions")) {
        gallery.source = src, gallery.target = tgt;
        Result<StitchingGallery> g = computeStitchingGallery(in, gallery, progress);
        if (!g) return reportError(g.error());
        nlohmann::json gj = toJson(*g, &s.space(src));
        gj["input"] = commandInput(args, seed);
        progress.finish();
        if (*file == kStdoutPath) return printJson(gj), kExitOk;
        if (Status st = io::writeFileAtomic(*file, gj.dump(2) + "\n"); !st) return reportError(st.error());
        j["predictions"] = *file;
    }
    progress.finish();
    if (args.has("--json"))
        printJson(j);
    else
        printPair(j);
    return kExitOk;
}

}  // namespace lb::cli
