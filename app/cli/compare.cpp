// `latentbridge-cli compare A B [--anchors A] [--space absolute|relative|translated]`: similarity metrics
// between two spaces whose rows encode the same samples.

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/metric_args.h"
#include "core/metrics/cka.h"
#include "core/metrics/knn.h"
#include "core/metrics/pointwise.h"
#include "core/metrics/retrieval.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace lb::cli {

static const char* kCompareHelp =
    "Usage: latentbridge-cli compare A B [--space absolute|relative|translated] [--anchors FILE|K] [--seed S]\n"
    "           [--k 10] [--k-mrr 5] [--queries 5000] [--rbf-rows 2000] [--similarity LIST] [--transform T]\n"
    "           [--post P] [--method procrustes|linear|linear-ortho|affine] [--scaling S] [--l2] [--json]\n\n"
    "Compares two spaces on the rows they share (matched by key, else by row index; docs/methods.md §4). The\n"
    "metrics are computed between S and T where, by --space:\n"
    "  absolute (default)  S = A, T = B as loaded (cosine, MSE, Jaccard, MRR, top-k need equal widths)\n"
    "  relative            S, T = relative representations of A and B on their own anchors (needs --anchors)\n"
    "  translated          S = A translated into B's space on the anchors (--method), T = B (needs --anchors)\n"
    "With anchors, the anchor rows are left out of every metric (they are aligned by construction).\n"
    "  --k K          Jaccard@K neighbourhood size (default 10)   --k-mrr K  MRR@K (default 5)\n"
    "  --queries Q    kNN metrics on a seeded subsample of Q query rows (default 5000, 0 = all rows)\n"
    "  --rbf-rows R   RBF CKA on a seeded subsample of at most R rows (default 2000)\n"
    "  --anchors      anchor file (keys/row indices of A, present in B) or a count K of random shared rows\n"
    "JSON: {space, n, anchors, cka_linear, cka_rbf, rbf_rows, jaccard, mrr, k, k_mrr, n_queries, cosine, mse,\n"
    "       top1, top5}; a metric that does not apply (different widths) is null.\n"
    "Exit codes: 0 ok, 1 usage, 2 bad input or impossible request, 3 numerical failure, 4 I/O or cancelled.\n";

namespace {

struct CompareRequest {
    std::string space = "absolute";
    uint64_t seed = 0;
    KnnAgreementOptions knn;
    RbfCkaOptions rbf;
    RelativeOptions relative;
    TranslationOptions translation;
};

bool parseCompare(const Args& args, CompareRequest& r, std::string& error) {
    r.space = args.getOr("--space", "absolute");
    if (r.space != "absolute" && r.space != "relative" && r.space != "translated")
        return error = "unknown --space '" + r.space + "'", false;
    if (r.space != "absolute" && !args.has("--anchors")) return error = "--space " + r.space + " needs --anchors", false;
    if (!getSeed(args, r.seed, error) || !getCount(args, "--k", 10, false, r.knn.kJaccard, error) ||
        !getCount(args, "--k-mrr", 5, false, r.knn.kMrr, error) ||
        !getCount(args, "--queries", 5000, true, r.knn.maxQueries, error) ||
        !getCount(args, "--rbf-rows", 2000, false, r.rbf.maxRows, error))
        return false;
    if (r.rbf.maxRows < 2) return error = "--rbf-rows must be >= 2", false;
    r.knn.seed = r.rbf.seed = r.seed;
    if (!parseRelativeArgs(args, r.relative, error) || !parseTranslationArgs(args, r.translation, error)) return false;
    if (!parseTranslationMethod(args.getOr("--method", "procrustes"), r.translation.method))
        return error = "unknown --method '" + args.getOr("--method", "") + "'", false;
    return true;
}

// S and T in the requested common representation, restricted to the evaluated (non-anchor) rows.
Status buildPair(const CompareRequest& r, const RowMatrixXf& a, const RowMatrixXf& b,
                 const std::vector<Index>& anchors, RowMatrixXf& S, RowMatrixXf& T, JobContext& ctx) {
    const std::vector<Index> eval = positionsExcept(a.rows(), anchors);
    if (eval.size() < 2) return invalidArgument("fewer than 2 shared rows are left outside the anchors");
    const RowMatrixXf ea = gatherRows(ConstRowMatrixMap(a.data(), a.rows(), a.cols()), eval);
    const RowMatrixXf eb = gatherRows(ConstRowMatrixMap(b.data(), b.rows(), b.cols()), eval);
    if (r.space == "absolute") {
        S = ea, T = eb;
        return Status::ok();
    }
    const RowMatrixXf aa = gatherRows(ConstRowMatrixMap(a.data(), a.rows(), a.cols()), anchors);
    const RowMatrixXf ab = gatherRows(ConstRowMatrixMap(b.data(), b.rows(), b.cols()), anchors);
    if (r.space == "translated") {
        Result<Translator> tr = Translator::fit(aa, ab, r.translation, ctx);
        if (!tr) return tr.status();
        S = tr->apply(ea), T = eb;
        return Status::ok();
    }
    Result<RowMatrixXf> rs = relativeProjection(ea, aa, r.relative, ctx);
    if (!rs) return rs.status();
    Result<RowMatrixXf> rt = relativeProjection(eb, ab, r.relative, ctx);
    if (!rt) return rt.status();
    S = std::move(*rs), T = std::move(*rt);
    return Status::ok();
}

Result<nlohmann::json> computeMetrics(const CompareRequest& r, const RowMatrixXf& S, const RowMatrixXf& T,
                                      JobContext& ctx) {
    nlohmann::json j;
    Result<double> linear = linearCka(S, T, ctx);
    if (!linear) return linear.error();
    Result<RbfCkaResult> rbf = rbfCka(S, T, r.rbf, ctx);
    if (!rbf) return rbf.error();
    j["cka_linear"] = *linear;
    j["cka_rbf"] = rbf->value;
    j["rbf_rows"] = rbf->n;
    const bool sameWidth = S.cols() == T.cols();
    for (const char* key : {"jaccard", "mrr", "n_queries", "cosine", "mse", "top1", "top5"}) j[key] = nullptr;
    j["k"] = r.knn.kJaccard;
    j["k_mrr"] = r.knn.kMrr;
    if (!sameWidth) return j;
    Result<KnnAgreement> knn = knnAgreement(S, T, r.knn, ctx);
    if (!knn) return knn.error();
    RetrievalOptions ro;
    ro.maxQueries = r.knn.maxQueries;
    ro.seed = r.seed;
    Result<RetrievalResult> ret = retrievalAccuracy(S, T, ro, ctx);
    if (!ret) return ret.error();
    j["jaccard"] = knn->jaccard;
    j["mrr"] = knn->mrr;
    j["k"] = knn->kJaccard;
    j["k_mrr"] = knn->kMrr;
    j["n_queries"] = knn->nQueries;
    j["cosine"] = meanCosine(S, T).value();
    j["mse"] = meanSquaredError(S, T).value();
    j["top1"] = ret->accuracy[0];
    j["top5"] = ret->accuracy[1];
    return j;
}

void printHuman(const nlohmann::json& j) {
    std::printf("compare %s vs %s (%s space, %lld rows)\n", j["a"].get<std::string>().c_str(),
                j["b"].get<std::string>().c_str(), j["space"].get<std::string>().c_str(), j["n"].get<long long>());
    for (const char* key : {"cka_linear", "cka_rbf", "jaccard", "mrr", "cosine", "mse", "top1", "top5"}) {
        if (j[key].is_null())
            std::printf("  %-11s n/a (different widths)\n", key);
        else
            std::printf("  %-11s %.6f\n", key, j[key].get<double>());
    }
}

}  // namespace

int runCompare(int argc, char** argv) {
    Args args;
    std::string error;
    const ArgSpec spec{{"--anchors", "--space", "--seed", "--k", "--k-mrr", "--queries", "--rbf-rows", "--similarity",
                        "--transform", "--post", "--aggregate", "--method", "--scaling", "--ridge"},
                       {"--l2", "--json", "--quiet", "--help"}};
    if (!args.parse(argc, argv, 1, spec, error)) return usageError("compare", error);
    if (args.has("--help")) return std::fputs(kCompareHelp, stdout), kExitOk;
    if (args.positional().size() != 2) return usageError("compare", "expected two space files A and B");
    CompareRequest req;
    if (!parseCompare(args, req, error)) return usageError("compare", error);
    const bool quiet = args.has("--quiet");

    Result<LatentSpace> a = loadSpaceOrError(args.positional()[0], quiet);
    if (!a) return reportError(a.error());
    Result<LatentSpace> b = loadSpaceOrError(args.positional()[1], quiet);
    if (!b) return reportError(b.error());
    Result<RowMatch> match = matchRows(*a, *b);
    if (!match) return reportError(match.error());
    warnIfMatchedByIndex(*match, a->hasKeys(), b->hasKeys(), quiet);
    std::vector<Index> anchors;
    if (const auto spec = args.get("--anchors")) {
        Result<std::vector<Index>> rows = resolveAnchorsAmong(*spec, *a, req.seed, match->rowsA, b->path);
        if (!rows) return reportError(rows.error());
        anchors = matchPositionsOf(*match, *rows);
    }
    const RowMatrixXf ma = gatherRows(a->embeddings.view(), match->rowsA);
    const RowMatrixXf mb = gatherRows(b->embeddings.view(), match->rowsB);
    CliProgress progress(quiet);
    RowMatrixXf S, T;
    if (Status s = buildPair(req, ma, mb, anchors, S, T, progress); !s) return reportError(s.error());
    Result<nlohmann::json> metrics = computeMetrics(req, S, T, progress);
    progress.finish();
    if (!metrics) return reportError(metrics.error());
    nlohmann::json& j = *metrics;
    j["a"] = a->path;
    j["b"] = b->path;
    j["space"] = req.space;
    j["n"] = S.rows();
    j["anchors"] = static_cast<Index>(anchors.size());
    if (args.has("--json"))
        printJson(j);
    else
        printHuman(j);
    return kExitOk;
}

}  // namespace lb::cli
