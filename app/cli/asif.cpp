// `latentbridge-cli asif QUERIES CANDIDATES --anchors A [--classes LABELSPACE]`: cross-modal zero-shot matching.

#include "core/stitch/asif.h"
#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/metric_args.h"
#include "core/analysis/cross_retrieval.h"
#include "core/analysis/settings_json.h"
#include "core/metrics/sampling.h"
#include "core/stitch/asif_retrieval.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <set>

namespace lb::cli {

static const char* kAsifHelp =
    "Usage: latentbridge-cli asif QUERIES CANDIDATES --anchors FILE|K [--topk 800] [--p 8] [--seed S]\n"
    "           [--classes LABELSPACE | --routes] [--max-queries 5000] [--json] [--quiet]\n\n"
    "ASIF (docs/methods.md §7): QUERIES (modality A, e.g. image embeddings) and CANDIDATES (modality B, e.g.\n"
    "caption embeddings) are two spaces of the same samples (rows matched by key, else by row index). The\n"
    "anchors are shared samples: each side is encoded against its own modality's anchors (cosine, top-k,\n"
    "power p, L2) and a query picks the candidate with the largest dot product. No training.\n"
    "  --anchors FILE|K  anchor file (keys/row indices of QUERIES, present in CANDIDATES) or K random pairs\n"
    "  --topk T          non-zero similarities kept per row (default 800, clamped to K)\n"
    "  --p P             exponent (default 8)\n"
    "  --max-queries Q   seeded subsample of the non-anchor query rows (default 5000, 0 = all)\n"
    "Modes:\n"
    "  retrieval (default)  queries = non-anchor shared rows of QUERIES; candidates = every row of\n"
    "                       CANDIDATES that is not an anchor, however many queries are sampled; a hit = the\n"
    "                       true counterpart. chance = 1 / n_candidates.\n"
    "  --classes LABELSPACE zero-shot classification: LABELSPACE holds one row per class in CANDIDATES'\n"
    "                       model (e.g. the embedding of \"a photo of a <class>\"): row c is class c, or its\n"
    "                       labels say which class each row is. Queries need labels (from QUERIES, else\n"
    "                       CANDIDATES). A hit = the best row's class is the query's label. chance = 1 / C.\n"
    "  --routes             retrieval through four routes on the same queries, anchors and candidates (the\n"
    "                       app's Retrieval panel): absolute (raw cosine, one width only), relative (cosine to\n"
    "                       the anchors), translated (procrustes on the anchors, standard scaling) and ASIF.\n"
    "JSON: {mode, accuracy, top5, chance, n_queries, n_candidates, k, topk, p, seed, max_queries}; with\n"
    "--routes also routes: {absolute|relative|translated|asif: {top1, top5} or {why}}, relative, translation\n"
    "Exit codes: 0 ok, 1 usage, 2 bad input (no labels, widths differ), 3 numerical failure,\n"
    "5 out of memory, 6 internal error.\n";

namespace {

struct AsifRequest {
    AsifOptions options;
    uint64_t seed = 0;
    Index maxQueries = 5000;
};

bool parseAsif(const Args& args, AsifRequest& r, std::string& error) {
    if (!getSeed(args, r.seed, error) || !getCount(args, "--topk", 800, false, r.options.topk, error) ||
        !args.getDouble("--p", 8.0, r.options.p, error) ||
        !getCount(args, "--max-queries", 5000, true, r.maxQueries, error))
        return false;
    if (!(r.options.p > 0)) return error = "--p must be > 0", false;
    return true;
}

RowMatrixXf gatherPositions(const LatentSpace& s, const std::vector<Index>& matchedRows,
                            const std::vector<Index>& pos) {
    std::vector<Index> rows;
    rows.reserve(pos.size());
    for (Index p : pos) rows.push_back(matchedRows[static_cast<size_t>(p)]);
    return gatherRows(s.embeddings.view(), rows);
}

// Class of each candidate row of LABELSPACE: its label when it has labels, else its row index.
std::vector<int32_t> candidateClasses(const LatentSpace& classes) {
    if (classes.hasLabels()) return classes.labels;
    std::vector<int32_t> c(static_cast<size_t>(classes.n()));
    for (size_t i = 0; i < c.size(); ++i) c[i] = static_cast<int32_t>(i);
    return c;
}

struct ClassScores {
    Index nQueries = 0, nCandidates = 0;
    double top1 = 0, top5 = 0, chance = 0;
};

// Zero-shot classification: the seeded non-anchor query rows against one row per class of LABELSPACE.
Result<ClassScores> classifyByClassTexts(const LatentSpace& qs, const LatentSpace& cs, const RowMatch& match,
                                         const std::vector<Index>& anchors, const AsifRequest& req,
                                         const std::string& classesPath, bool quiet, JobContext& progress) {
    const std::vector<Index> pool = positionsExcept(static_cast<Index>(match.size()), anchors);
    if (pool.empty()) return invalidArgument("every shared row is an anchor: no query left");
    std::vector<Index> queries;
    for (Index p : sampleRows(static_cast<Index>(pool.size()), req.maxQueries, req.seed))
        queries.push_back(pool[static_cast<size_t>(p)]);
    Result<LatentSpace> loaded = loadSpaceOrError(classesPath, quiet);
    if (!loaded) return loaded.error();
    if (loaded->d() != cs.d())
        return badInput(loaded->path, "class rows have width " + std::to_string(loaded->d()) + ", " + cs.path +
                                          " has " + std::to_string(cs.d()));
    if (!qs.hasLabels() && !cs.hasLabels()) return badInput(qs.path, "--classes needs labels on the query samples");
    std::vector<int32_t> queryLabels;
    for (Index p : queries) {
        const size_t i = static_cast<size_t>(p);
        queryLabels.push_back(qs.hasLabels() ? qs.labels[static_cast<size_t>(match.rowsA[i])]
                                             : cs.labels[static_cast<size_t>(match.rowsB[i])]);
    }
    const std::vector<int32_t> candClass = candidateClasses(*loaded);
    const RowMatrixXf C = gatherRows(loaded->embeddings.view(), positionsExcept(loaded->n(), {}));
    Result<IndexMatrix> top =
        asifPredict(gatherPositions(qs, match.rowsA, queries), gatherPositions(qs, match.rowsA, anchors), C,
                    gatherPositions(cs, match.rowsB, anchors), req.options, 5, progress);
    if (!top) return top.error();
    ClassScores out;
    Index hit1 = 0, hit5 = 0;
    for (Index i = 0; i < top->rows(); ++i) {
        for (Index r = 0; r < top->cols(); ++r) {
            if (candClass[static_cast<size_t>((*top)(i, r))] != queryLabels[static_cast<size_t>(i)]) continue;
            hit1 += r == 0;
            ++hit5;
            break;
        }
    }
    out.nQueries = top->rows();
    out.nCandidates = C.rows();
    out.top1 = static_cast<double>(hit1) / static_cast<double>(out.nQueries);
    out.top5 = static_cast<double>(hit5) / static_cast<double>(out.nQueries);
    out.chance = 1.0 / static_cast<double>(std::set<int32_t>(candClass.begin(), candClass.end()).size());
    return out;
}

// Every route of crossRetrieval on the queries asifRetrieval sampled (positions into match), so its ASIF route
// repeats the `accuracy` above: {route: {top1, top5}} or {route: {why}}.
Result<nlohmann::json> routesJson(const std::shared_ptr<const LatentSpace>& qs,
                                  const std::shared_ptr<const LatentSpace>& cs, const RowMatch& match,
                                  const std::vector<Index>& anchors, const std::vector<Index>& queryPositions,
                                  const AsifOptions& asif, JobContext& progress) {
    CrossRetrievalInput in;
    in.a = qs;
    in.b = cs;
    in.match = match;
    in.anchorPositions = anchors;
    in.asif = asif;
    std::vector<Index> queries;
    queries.reserve(queryPositions.size());
    for (Index p : queryPositions) queries.push_back(match.rowsA[static_cast<size_t>(p)]);
    Result<CrossRetrieval> r = crossRetrieval(in, queries, 5, progress);
    if (!r) return r.error();
    nlohmann::json routes = nlohmann::json::object();
    for (int i = 0; i < kRetrievalRoutes; ++i) {
        const auto route = static_cast<RetrievalRoute>(i);
        const std::string& why =
            r->queries.empty() ? std::string() : r->queries.front().routes[static_cast<size_t>(i)].why;
        if (!why.empty())
            routes[retrievalRouteName(route)] = {{"why", why}};
        else
            routes[retrievalRouteName(route)] = {{"top1", r->top1[static_cast<size_t>(i)]},
                                                 {"top5", r->top5[static_cast<size_t>(i)]}};
    }
    return nlohmann::json{
        {"routes", routes}, {"relative", toJson(in.relative)}, {"translation", toJson(in.translation)}};
}

}  // namespace

int runAsif(int argc, char** argv) {
    Args args;
    std::string error;
    const ArgSpec spec{{"--anchors", "--topk", "--p", "--seed", "--classes", "--max-queries"},
                       {"--json", "--quiet", "--help", "--routes"}};
    if (!args.parse(argc, argv, 1, spec, error)) return usageError("asif", error);
    if (args.has("--help")) return std::fputs(kAsifHelp, stdout), kExitOk;
    if (args.positional().size() != 2) return usageError("asif", "expected QUERIES and CANDIDATES files");
    if (!args.has("--anchors")) return usageError("asif", "--anchors FILE|K is required");
    AsifRequest req;
    if (!parseAsif(args, req, error)) return usageError("asif", error);
    const bool quiet = args.has("--quiet");
    if (args.has("--routes") && args.has("--classes"))
        return usageError("asif", "--routes compares retrieval routes: it does not go with --classes");

    Result<LatentSpace> qsLoaded = loadSpaceOrError(args.positional()[0], quiet);
    if (!qsLoaded) return reportError(qsLoaded.error());
    Result<LatentSpace> csLoaded = loadSpaceOrError(args.positional()[1], quiet);
    if (!csLoaded) return reportError(csLoaded.error());
    // Shared, because the routes' retrieval (crossRetrieval) holds its spaces that way.
    const auto qs = std::make_shared<const LatentSpace>(std::move(*qsLoaded));
    const auto cs = std::make_shared<const LatentSpace>(std::move(*csLoaded));
    Result<RowMatch> match = matchRows(*qs, *cs);
    if (!match) return reportError(match.error());
    warnIfMatchedByIndex(*match, qs->hasKeys(), cs->hasKeys(), quiet);
    Result<std::vector<Index>> rows =
        resolveAnchorsAmong(*args.get("--anchors"), *qs, req.seed, match->rowsA, cs->path);
    if (!rows) return reportError(rows.error());
    const std::vector<Index> anchors = matchPositionsOf(*match, *rows);
    const bool classMode = args.has("--classes");
    CliProgress progress(quiet);
    Index nQueries = 0, nCandidates = 0;
    double top1 = 0, top5 = 0, chance = 0;
    nlohmann::json routes;
    if (classMode) {
        Result<ClassScores> scores =
            classifyByClassTexts(*qs, *cs, *match, anchors, req, *args.get("--classes"), quiet, progress);
        progress.finish();
        if (!scores) return reportError(scores.error());
        nQueries = scores->nQueries;
        nCandidates = scores->nCandidates;
        top1 = scores->top1;
        top5 = scores->top5;
        chance = scores->chance;
    } else {
        AsifRetrievalOptions ro;
        ro.asif = req.options;
        ro.maxQueries = req.maxQueries;
        ro.seed = req.seed;
        Result<AsifRetrieval> r =
            asifRetrieval(qs->embeddings.view(), cs->embeddings.view(), *match, anchors, ro, progress);
        if (r && args.has("--routes")) {
            Result<nlohmann::json> rj = routesJson(qs, cs, *match, anchors, r->queryPositions, req.options, progress);
            if (!rj) {
                progress.finish();
                return reportError(rj.error());
            }
            routes = std::move(*rj);
        }
        progress.finish();
        if (!r) return reportError(r.error());
        nQueries = static_cast<Index>(r->rank.size());
        nCandidates = static_cast<Index>(r->candidateRows.size());
        top1 = r->top1;
        top5 = r->top5;
        chance = 1.0 / static_cast<double>(nCandidates);
    }
    nlohmann::json j{{"mode", classMode ? "classes" : "retrieval"},
                     {"accuracy", top1},
                     {"top5", top5},
                     {"chance", chance},
                     {"n_queries", nQueries},
                     {"n_candidates", nCandidates},
                     {"k", static_cast<Index>(anchors.size())},
                     {"topk", std::min(req.options.topk, static_cast<Index>(anchors.size()))},
                     {"p", req.options.p},
                     {"seed", req.seed},
                     {"max_queries", req.maxQueries}};
    if (!routes.is_null()) j.update(routes);
    if (args.has("--json")) {
        printJson(j);
    } else {
        std::printf("ASIF %s: %lld queries, %lld candidates, %lld anchors (topk %lld, p %g)\n",
                    classMode ? "classification" : "retrieval", static_cast<long long>(nQueries),
                    static_cast<long long>(nCandidates), static_cast<long long>(anchors.size()),
                    j["topk"].get<long long>(), req.options.p);
        std::printf("  accuracy %.4f  top5 %.4f  chance %.4f\n", top1, top5, chance);
        if (!routes.is_null()) {
            std::printf("Routes on the same queries and candidates:\n");
            for (const char* name : {"absolute", "relative", "translated", "asif"}) {
                const nlohmann::json& v = routes["routes"][name];
                if (v.contains("why"))
                    std::printf("  %-10s  -  (%s)\n", name, v["why"].get<std::string>().c_str());
                else
                    std::printf("  %-10s  top1 %.4f  top5 %.4f\n", name, v["top1"].get<double>(),
                                v["top5"].get<double>());
            }
        }
    }
    return kExitOk;
}

}  // namespace lb::cli
