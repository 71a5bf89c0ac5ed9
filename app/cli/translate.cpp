// `latentbridge-cli translate SOURCE TARGET --anchors A [...]`: fit X -> Y on parallel anchors, translate every
// matched SOURCE row, measure the result against TARGET's true rows on the non-anchor samples.

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/translate_fit.h"
#include "core/io/npy_stream_writer.h"
#include "core/metrics/retrieval.h"
#include "core/space/row_matching.h"
#include "core/translate/apply_translator.h"
#include "core/translate/translator.h"
#include "core/translate/translator_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <unordered_map>
#include <unordered_set>

namespace lb::cli {

static const char* kTranslateHelp =
    "Usage: latentbridge-cli translate SOURCE TARGET --anchors FILE|K [--seed S]\n"
    "           [--method procrustes|linear|linear-ortho|affine] [--scaling standard|center|none] [--l2]\n"
    "           [--ridge L] [--retrieval-max R] [--out translated.npy] [--save-fit FIT] [--json] [--quiet]\n"
    "       latentbridge-cli translate --fit FIT SOURCE [--out translated.npy] [--json] [--quiet]\n\n"
    "Fits a map SOURCE -> TARGET on K parallel anchors (docs/methods.md §2), translates every SOURCE row matched\n"
    "with TARGET (by key, else by row index; SOURCE's row order) and evaluates the non-anchor matched rows\n"
    "against TARGET's true rows: MSE, mean cosine, top-1/top-5 retrieval of the true counterpart among the\n"
    "evaluated TARGET rows by cosine (on the first --retrieval-max rows, default 10000).\n"
    "  --anchors      anchor file (keys/indices of SOURCE, all present in TARGET) or a count K of random\n"
    "                 matched rows (seeded by --seed, default 0)\n"
    "  --method       procrustes (default, orthogonal), linear (least squares), linear-ortho, affine (least\n"
    "                 squares with a bias, on the raw anchors: --scaling and --l2 do not apply to it)\n"
    "  --scaling      standard (default), center, none: statistics of each side's anchors\n"
    "  --l2           L2-normalize scaled rows (translations rescaled by the target anchors' mean norm)\n"
    "  --ridge L      ridge lambda for linear/linear-ortho/affine (default 0)\n"
    "  --out FILE     write the translated rows (n_matched x D_target float32 .npy)\n"
    "  --save-fit FIT write the fitted map with its scaling statistics (.safetensors, docs/python.md)\n"
    "  --fit FIT      apply a saved fit to every row of SOURCE (no TARGET, no anchors); JSON {source, fit,\n"
    "                 method, scaling, l2, ridge, n, d_source, d_target, mean, out, seconds}\n"
    "  --json         one JSON object {mse, cosine, top1, top5, n_eval, k, fit: {...}, warnings: [...], ...}\n"
    "Warnings (stderr, and in the JSON): dimensions constant on every anchor, a rank-deficient fit (fewer\n"
    "independent anchors than dimensions), a rotation the anchors do not fully determine.\n"
    "Exit codes: 0 ok, 1 usage, 2 bad input or impossible request, 3 numerical failure, 4 I/O,\n"
    "5 out of memory, 6 internal error.\n";

namespace {

struct EvalSums {
    double sqErr = 0, cosine = 0;
    Index rows = 0;
    RowMatrixXf queries, truths;  // first R evaluated rows: translated and true target rows (retrieval)
};

float cosineOf(const Eigen::RowVectorXf& a, const Eigen::RowVectorXf& b) {
    return a.dot(b) / (std::max(a.norm(), 1e-12f) * std::max(b.norm(), 1e-12f));
}

struct TranslateRequest {
    TranslationOptions options;
    uint64_t seed = 0;
    Index retrievalMax = 10000;
};

bool parseRequest(const Args& args, TranslateRequest& req, std::string& error) {
    if (!parseTranslationMethod(args.getOr("--method", "procrustes"), req.options.method))
        return error = "unknown --method '" + args.getOr("--method", "") + "'", false;
    if (!parseScaling(args.getOr("--scaling", "standard"), req.options.scaling))
        return error = "unknown --scaling '" + args.getOr("--scaling", "") + "'", false;
    req.options.l2 = args.has("--l2");
    long long rmax = 10000;
    if (!args.getDouble("--ridge", 0.0, req.options.ridge, error) || !getSeed(args, req.seed, error) ||
        !args.getInt("--retrieval-max", 10000, rmax, error))
        return false;
    if (rmax < 0) return error = "--retrieval-max must be >= 0", false;
    req.retrievalMax = static_cast<Index>(rmax);
    return true;
}

nlohmann::json fitJson(const TranslationFitReport& rep) {
    std::vector<float> sv(rep.singularValues.data(),
                          rep.singularValues.data() + std::min<Index>(10, rep.singularValues.size()));
    return {{"rank", rep.rank},
            {"singular_values", sv},
            {"orthogonality_error", rep.orthogonalityError},
            {"anchor_mse", rep.anchorMse}};
}

}  // namespace

int runTranslate(int argc, char** argv) {
    Args args;
    std::string error;
    const ArgSpec spec{
        {"--anchors", "--seed", "--method", "--scaling", "--ridge", "--out", "--retrieval-max", "--save-fit", "--fit"},
        {"--l2", "--json", "--quiet", "--help"}};
    if (!args.parse(argc, argv, 1, spec, error)) return usageError("translate", error);
    if (args.has("--help")) return std::fputs(kTranslateHelp, stdout), kExitOk;
    if (args.has("--fit")) return runTranslateWithFit(args);
    if (args.positional().size() != 2) return usageError("translate", "expected SOURCE and TARGET files");
    if (!args.has("--anchors")) return usageError("translate", "--anchors FILE|K is required");
    TranslateRequest req;
    if (!parseRequest(args, req, error)) return usageError("translate", error);
    const bool quiet = args.has("--quiet");

    Result<LatentSpace> src = loadSpaceOrError(args.positional()[0], quiet);
    if (!src) return reportError(src.error());
    Result<LatentSpace> dst = loadSpaceOrError(args.positional()[1], quiet);
    if (!dst) return reportError(dst.error());
    Result<RowMatch> match = matchRows(*src, *dst);
    if (!match) return reportError(match.error());
    if (!match->byKey && !quiet && (src->hasKeys() || dst->hasKeys()))
        std::fprintf(stderr, "latentbridge-cli: warning: only one space has keys; rows matched by index\n");
    Result<std::vector<Index>> anchorRows =
        resolveAnchorsAmong(*args.get("--anchors"), *src, req.seed, match->rowsA, dst->path);
    if (!anchorRows) return reportError(anchorRows.error());

    std::unordered_map<Index, Index> targetOf;
    for (size_t i = 0; i < match->size(); ++i) targetOf.emplace(match->rowsA[i], match->rowsB[i]);
    std::vector<Index> anchorRowsY;
    for (Index r : *anchorRows) anchorRowsY.push_back(targetOf.at(r));
    const ConstRowMatrixMap X = src->embeddings.view(), Y = dst->embeddings.view();
    CliProgress progress(quiet);
    Result<Translator> fitted =
        Translator::fit(gatherRows(X, *anchorRows), gatherRows(Y, anchorRowsY), req.options, progress);
    if (!fitted) return reportError(fitted.error());
    const nlohmann::json warnings = reportWarnings(fitted->warnings(), quiet);
    if (const std::optional<std::string> saveFit = args.get("--save-fit"))
        if (Status st = writeTranslatorFile(*saveFit, *fitted); !st) return reportError(st.error());

    const std::string out = args.getOr("--out", "");
    if (int code = refuseBinaryStdout("translate", out)) return code;
    std::optional<NpyStreamWriter> writer;
    if (!out.empty()) {
        Result<NpyStreamWriter> opened = NpyStreamWriter::open(out, static_cast<Index>(match->size()), Y.cols());
        if (!opened) return reportError(opened.error());
        writer.emplace(std::move(*opened));
    }
    const std::unordered_set<Index> isAnchor(anchorRows->begin(), anchorRows->end());
    const Index nEvalTotal = static_cast<Index>(match->size() - isAnchor.size());
    const Index nRetrieval = std::min(nEvalTotal, req.retrievalMax);
    EvalSums ev;
    ev.queries.resize(nRetrieval, Y.cols());
    ev.truths.resize(nRetrieval, Y.cols());
    progress.setStage("translate", match->size());
    RowMatrixXf gathered, translated;  // reused from block to block (no fresh pages to fault in for each)
    for (size_t r0 = 0; r0 < match->size(); r0 += 4096) {
        const size_t b = std::min<size_t>(4096, match->size() - r0);
        const std::vector<Index> rowsA(match->rowsA.begin() + r0, match->rowsA.begin() + r0 + b);
        // Consecutive source rows (files in one sample order) are read in place; others are gathered.
        bool consecutive = true;
        for (size_t i = 1; i < b && consecutive; ++i) consecutive = rowsA[i] == rowsA[0] + static_cast<Index>(i);
        if (!consecutive) {
            gathered.resize(static_cast<Index>(b), X.cols());
            for (size_t i = 0; i < b; ++i) gathered.row(static_cast<Index>(i)) = X.row(rowsA[i]);
        }
        const ConstRowMatrixRef rows = consecutive ? ConstRowMatrixRef(X.middleRows(rowsA[0], static_cast<Index>(b)))
                                                   : ConstRowMatrixRef(gathered);
        // Row chunks fixed as in `translate --fit` and Python: the same bits for a row.
        if (Status st = applyTranslator(*fitted, rows, translated); !st) return reportError(st.error());
        if (writer)
            if (Status st = writer->writeRows(translated); !st) return reportError(st.error());
        for (size_t i = 0; i < b; ++i) {
            if (isAnchor.count(rowsA[i])) continue;
            const Eigen::RowVectorXf truth = Y.row(match->rowsB[r0 + i]);
            ev.sqErr += (translated.row(static_cast<Index>(i)) - truth).cast<double>().squaredNorm();
            ev.cosine += std::clamp(cosineOf(translated.row(static_cast<Index>(i)), truth), -1.0f, 1.0f);
            if (ev.rows < nRetrieval) {
                ev.queries.row(ev.rows) = translated.row(static_cast<Index>(i));
                ev.truths.row(ev.rows) = truth;
            }
            ++ev.rows;
        }
        progress.advance(b);
    }
    progress.finish();
    if (writer)
        if (Status st = writer->finish(); !st) return reportError(st.error());

    const nlohmann::json null;
    const bool any = ev.rows > 0;
    // Top-1 / top-5 of the true counterpart among the R retrieval rows: the core measure the app's table uses.
    double top1 = 0, top5 = 0;
    if (nRetrieval > 0) {
        Result<RetrievalResult> hits = retrievalAccuracy(ev.queries, ev.truths, RetrievalOptions{});
        if (!hits) return reportError(hits.error());
        top1 = hits->accuracy[0];
        top5 = hits->accuracy[1];
    }
    const nlohmann::json report = {
        {"source", src->path},
        {"target", dst->path},
        {"method", translationMethodName(req.options.method)},
        {"scaling", scalingName(req.options.scaling)},
        {"l2", req.options.l2},
        {"ridge", req.options.ridge},
        {"matched_by", match->byKey ? "key" : "index"},
        {"n_matched", match->size()},
        {"k", anchorRows->size()},
        {"n_eval", ev.rows},
        {"n_retrieval", nRetrieval},
        {"mse", any ? nlohmann::json(ev.sqErr / (static_cast<double>(ev.rows) * static_cast<double>(Y.cols()))) : null},
        {"cosine", any ? nlohmann::json(ev.cosine / static_cast<double>(ev.rows)) : null},
        {"top1", nRetrieval > 0 ? nlohmann::json(top1) : null},
        {"top5", nRetrieval > 0 ? nlohmann::json(top5) : null},
        {"fit", fitJson(fitted->report())},
        {"warnings", warnings},
        {"out", out.empty() ? null : nlohmann::json(out)},
        {"saved_fit", args.has("--save-fit") ? nlohmann::json(*args.get("--save-fit")) : null}};
    if (args.has("--json")) {
        printJson(report);
    } else {
        std::printf("%s -> %s: %s, K = %zu, %lld evaluated rows\n", src->path.c_str(), dst->path.c_str(),
                    translationMethodName(req.options.method), anchorRows->size(), static_cast<long long>(ev.rows));
        if (any)
            std::printf("  mse %.6g  cosine %.4f  top1 %.4f  top5 %.4f\n", report["mse"].get<double>(),
                        report["cosine"].get<double>(), top1, top5);
        std::printf("  fit rank %lld, orthogonality error %.3g, anchor mse %.6g\n",
                    static_cast<long long>(fitted->report().rank), fitted->report().orthogonalityError,
                    fitted->report().anchorMse);
    }
    return kExitOk;
}

}  // namespace lb::cli
