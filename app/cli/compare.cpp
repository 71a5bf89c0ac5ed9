// `latentbridge-cli compare A B [--anchors A] [--space absolute|relative|translated|all]` and
// `compare --session S [--a NAME --b NAME]`: the similarity table of core/analysis/similarity_table.h, the same
// code and rows the app's Similarity panel uses.

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_session.h"
#include "app/cli/commands.h"
#include "app/cli/metric_args.h"
#include "core/analysis/measure_matrix.h"
#include "core/analysis/pair_measures.h"
#include "core/analysis/similarity_table.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

namespace lb::cli {

static const char* kCompareHelp =
    "Usage: latentbridge-cli compare A B [--space absolute|relative|translated|all] [--anchors FILE|K] [--seed S]\n"
    "       latentbridge-cli compare --session S [--a NAME] [--b NAME]\n"
    "           [--protocol standard|paper] [--k 10] [--k-mrr 5] [--queries 2000] [--rbf-rows 1000]\n"
    "           [--linear-rows 0] [--max-rows 0] [--similarity LIST] [--transform T] [--post P]\n"
    "           [--method procrustes|linear|linear-ortho|affine] [--scaling S] [--l2] [--json]\n"
    "           [--measures LIST|all] [--measure-k 10] [--measure-rows 2000]\n"
    "       latentbridge-cli compare --session S --measure-matrix NAME [--space absolute|relative|translated]\n\n"
    "Compares two spaces on the samples they share (matched by key, else by row index; docs/methods.md §4), in\n"
    "one or all of three places:\n"
    "  absolute    A and B as loaded (neighbours, cosines, MSE and retrieval need equal widths)\n"
    "  relative    both as relative representations on the shared anchors (needs anchors)\n"
    "  translated  A translated into B's space on the anchors (--method), against B (needs anchors)\n"
    "--session S takes the spaces, reference, anchors and settings from a session saved by the app (or\n"
    "assets/demo/demo.json) and prints the whole table the app shows for the pair --a/--b (default: the pair\n"
    "the session shows; else the first space that is not the reference, against the reference). Flags given\n"
    "override the session's settings.\n"
    "  --protocol     standard (default): every metric on the shared samples that are not anchors;\n"
    "                 paper: every sample, anchors included, Jaccard and MRR at k = 5\n"
    "  --k K          Jaccard@K (default 10)   --k-mrr K  MRR@K (default 5)\n"
    "  --queries Q    kNN metrics on a seeded subsample of Q query rows (default 2000, 0 = all rows)\n"
    "  --rbf-rows R   RBF CKA on a seeded subsample of at most R rows (default 1000)\n"
    "  --linear-rows R linear CKA on R seeded rows when the widths add up to more than 256 (default 0 = all)\n"
    "  --max-rows R   every metric on a seeded subsample of R evaluated rows, the kNN search included\n"
    "                 (default 0 = all; the app's preview uses 5000)\n"
    "  --anchors      anchor file (keys/row indices of A, present in B) or a count K of random shared rows\n"
    "  --measures     representational similarity measures (docs/methods.md §4), comma-separated or all:\n"
    "                 mean_cca svcca pwcca procrustes angular_shape linear_regression aligned_cosine rsa_pearson\n"
    "                 rsa_spearman rsm_norm_difference dcor eigenspace_overlap gulp second_order_cosine\n"
    "                 rank_similarity joint_rank_jaccard magnitude_difference concentricity_difference\n"
    "                 uniformity_difference, and linear_cka (not ReSi: the cka_linear above, listed to be\n"
    "                 chosen like the others, e.g. by --measure-matrix); on the evaluated rows of each space shown\n"
    "  --measure-matrix NAME  one measure over every pair of the session's spaces (or of A and B): the\n"
    "                 spaces x spaces matrix the app's Similarity panel draws; row = A, column = B. JSON: {measure,\n"
    "                 space, names, values (n x n, null where it does not apply), why, rows, settings, input}\n"
    "  --measure-k K  neighbourhood size of the neighbourhood measures (default 10)\n"
    "  --measure-rows R  the N x N measures (RSA, dcor, neighbourhood, uniformity) on at most R seeded rows\n"
    "                 (default 2000, 0 = all)\n"
    "JSON (one column, --space absolute|relative|translated): {space, n, matched, anchors, cka_linear, cka_rbf,\n"
    "       rbf_rows, jaccard, mrr, k, k_mrr, n_queries, cosine, random_pair_cosine, mse, top1, top5, settings,\n"
    "       input}; a metric that does not apply is null. With --measures: measures: {space, evaluated, width_a,\n"
    "       width_b, settings: {k, max_rows, seed, svcca_variance, gulp_lambda}, values: {name: {value, rows,\n"
    "       higher_is_more_similar}}}.\n"
    "JSON (--space all, the default with --session): {a, b, matched, evaluated, anchors, queries, rbf_rows,\n"
    "       absolute: {linear_cka, rbf_cka, jaccard, mrr, top1, top5, mean_cosine, random_pair_cosine, mse, ...},\n"
    "       relative: {...}, translated: {...}, why: {...}, settings: {similarity, relative, translation},\n"
    "       input: {session} or {files, anchors, seed}}; with --measures, measures: {absolute: {...}, relative: ...,\n"
    "       translated: ...} (a space where they do not apply: {why}).\n"
    "Exit codes: 0 ok, 1 usage, 2 bad input or impossible request, 3 numerical failure, 4 I/O or cancelled,\n"
    "5 out of memory, 6 internal error.\n";

namespace {

// One column in the flat form of earlier versions of this command.
nlohmann::json columnJson(const nlohmann::json& table, const std::string& space) {
    const nlohmann::json& c = table[space];
    return {{"space", space},
            {"n", table["evaluated"]},
            {"matched", table["matched"]},
            {"anchors", table["anchors"]},
            {"cka_linear", c["linear_cka"]},
            {"cka_rbf", c["rbf_cka"]},
            {"rbf_rows", table["rbf_rows"]},
            {"jaccard", c["jaccard"]},
            {"mrr", c["mrr"]},
            {"k", table["k_jaccard"]},
            {"k_mrr", table["k_mrr"]},
            {"n_queries", c["jaccard"].is_null() ? nlohmann::json(nullptr) : table["queries"]},
            {"cosine", c["mean_cosine"]},
            {"random_pair_cosine", c["random_pair_cosine"]},
            {"mse", c["mse"]},
            {"top1", c["top1"]},
            {"top5", c["top5"]},
            {"why", table["why"][space]},
            {"settings", table["settings"]},
            {"input", table["input"]}};
}

void printValue(const char* name, const nlohmann::json& v) {
    if (v.is_null())
        std::printf("  %-19s n/a\n", name);
    else
        std::printf("  %-19s %.6f\n", name, v.get<double>());
}

void printHuman(const nlohmann::json& t, const std::vector<std::string>& spaces) {
    std::printf("compare %s vs %s: %lld shared samples, %lld anchors, metrics on %lld\n",
                t["a"].get<std::string>().c_str(), t["b"].get<std::string>().c_str(), t["matched"].get<long long>(),
                t["anchors"].get<long long>(), t["evaluated"].get<long long>());
    for (const std::string& space : spaces) {
        std::printf("%s\n", space.c_str());
        for (const char* key :
             {"linear_cka", "rbf_cka", "jaccard", "mrr", "top1", "top5", "mean_cosine", "random_pair_cosine", "mse"})
            printValue(key, t[space][key]);
    }
}

// A constant (e.g. all-zero) space makes CKA 0 / 0: the table holds null with the reason; say it on stderr too.
void warnUndefinedCka(const nlohmann::json& t, bool quiet) {
    if (quiet || !t.contains("why")) return;
    for (const auto& [column, reasons] : t["why"].items())
        for (const char* metric : {"linear_cka", "rbf_cka"})
            if (reasons.contains(metric) && reasons[metric].get<std::string>().rfind("CKA is undefined", 0) == 0)
                std::fprintf(stderr, "latentbridge-cli: warning: %s %s: %s\n", column.c_str(), metric,
                             reasons[metric].get<std::string>().c_str());
}

void printMeasures(const std::string& space, const nlohmann::json& m) {
    if (m.contains("why")) {
        std::printf("measures (%s): n/a, %s\n", space.c_str(), m["why"].get<std::string>().c_str());
        return;
    }
    std::printf("measures (%s, %lld rows, k = %lld, N x N ones on <= %lld rows, seed %llu)\n", space.c_str(),
                m["evaluated"].get<long long>(), m["settings"]["k"].get<long long>(),
                m["settings"]["max_rows"].get<long long>(), m["settings"]["seed"].get<unsigned long long>());
    for (const MeasureInfo& info : measureRegistry())
        if (m["values"].contains(info.name))
            std::printf("  %-25s %.6f%s\n", info.name, m["values"][info.name]["value"].get<double>(),
                        info.higherIsMoreSimilar ? "" : "  (0 = alike)");
}

// The measures of each shown space: their JSON, or {why} where they do not apply. Only cancellation and
// out-of-memory are returned as errors.
Result<nlohmann::json> measuresOfSpaces(const SimilarityInput& in, const std::vector<std::string>& spaces,
                                        const std::vector<std::string>& names, const MeasureSettings& settings,
                                        JobContext& ctx) {
    nlohmann::json out = nlohmann::json::object();
    for (int c = 0; c < kSimilarityColumns; ++c) {
        const auto column = static_cast<SimilarityColumn>(c);
        const std::string key = similarityColumnKey(column);
        if (std::find(spaces.begin(), spaces.end(), key) == spaces.end()) continue;
        Result<PairMeasures> m = computePairMeasures(in, column, names, settings, ctx);
        if (m)
            out[key] = toJson(*m);
        else if (m.error().code == ErrorCode::Cancelled || m.error().code == ErrorCode::OutOfMemory)
            return m.error();
        else
            out[key] = {{"why", m.error().describe()}};
    }
    return out;
}

// --measure-matrix NAME: the measure over every pair of the session's spaces (core/analysis/measure_matrix.h).
int runMeasureMatrix(const Session& s, const std::string& measure, const std::string& space,
                     const MeasureSettings& settings, const Args& args, uint64_t seed, bool quiet) {
    SimilarityColumn column = SimilarityColumn::Absolute;
    for (int c = 0; c < kSimilarityColumns; ++c)
        if (space == similarityColumnKey(static_cast<SimilarityColumn>(c))) column = static_cast<SimilarityColumn>(c);
    CliProgress progress(quiet);
    Result<MeasureMatrix> m = computeMeasureMatrix(measureMatrixInput(s, measure, column, settings), progress);
    progress.finish();
    if (!m) return reportError(m.error());
    if (args.has("--json")) {
        nlohmann::json j = toJson(*m);
        j["input"] = commandInput(args, seed);
        printJson(j);
        return kExitOk;
    }
    std::printf("%s (%s space, %s)\n", measure.c_str(), space.c_str(),
                m->higherIsMoreSimilar ? "higher = more similar" : "0 = alike");
    for (size_t i = 0; i < m->n(); ++i) {
        std::printf("  %-24s", m->names[i].c_str());
        for (size_t j = 0; j < m->n(); ++j) {
            if (m->at(i, j))
                std::printf(" %10.4f", *m->at(i, j));
            else
                std::printf(" %10s", "n/a");
        }
        std::printf("\n");
    }
    return kExitOk;
}

}  // namespace

int runCompare(int argc, char** argv) {
    Args args;
    std::string error;
    ArgSpec spec{{"--space", "--a", "--b", "--measures", "--measure-k", "--measure-rows", "--measure-matrix"},
                 {"--json", "--quiet", "--help"}};
    spec.valueOptions.insert(kSessionValueOptions.begin(), kSessionValueOptions.end());
    spec.flags.insert(kSessionFlags.begin(), kSessionFlags.end());
    if (!args.parse(argc, argv, 1, spec, error)) return usageError("compare", error);
    if (args.has("--help")) return std::fputs(kCompareHelp, stdout), kExitOk;
    const bool fromSession = args.has("--session");
    if (fromSession && !args.positional().empty())
        return usageError("compare", "give --session or two files, not both");
    if (!fromSession && args.positional().size() != 2) return usageError("compare", "expected two space files A and B");
    if (!fromSession && (args.has("--a") || args.has("--b")))
        return usageError("compare", "--a and --b name spaces of a --session");
    const std::string space = args.getOr("--space", fromSession && !args.has("--measure-matrix") ? "all" : "absolute");
    if (space != "absolute" && space != "relative" && space != "translated" && space != "all")
        return usageError("compare", "unknown --space '" + space + "'");
    if (!fromSession && space != "absolute" && !args.has("--anchors"))
        return usageError("compare", "--space " + space + " needs --anchors");
    uint64_t seed = 0;
    if (!getSeed(args, seed, error)) return usageError("compare", error);
    SessionSettings flags;  // checked before any file is read
    if (!applySettingsFlags(args, flags, error)) return usageError("compare", error);
    const bool quiet = args.has("--quiet");
    std::vector<std::string> measureNames;
    MeasureSettings measureSettings;
    measureSettings.seed = seed;
    if (const std::optional<std::string> list = args.get("--measures")) {
        Result<std::vector<std::string>> names = parseMeasureList(*list);
        if (!names) return usageError("compare", "--measures: " + names.error().message);
        measureNames = std::move(*names);
    } else if ((args.has("--measure-k") || args.has("--measure-rows")) && !args.has("--measure-matrix")) {
        return usageError("compare", "--measure-k and --measure-rows go with --measures or --measure-matrix");
    }
    const std::optional<std::string> matrixMeasure = args.get("--measure-matrix");
    if (matrixMeasure) {
        if (!findMeasure(*matrixMeasure))
            return usageError("compare", "--measure-matrix: unknown measure '" + *matrixMeasure + "'");
        if (args.has("--measures")) return usageError("compare", "give --measures or --measure-matrix, not both");
        if (space == "all")
            return usageError("compare", "--measure-matrix needs one --space: absolute, relative or translated");
    }
    if (!getCount(args, "--measure-k", measureSettings.k, false, measureSettings.k, error) ||
        !getCount(args, "--measure-rows", measureSettings.maxRows, true, measureSettings.maxRows, error))
        return usageError("compare", error);
    if (measureSettings.maxRows == 1) return usageError("compare", "--measure-rows must be 0 (all) or >= 2");

    Result<Session> session = commandSession(args, args.positional(), seed, quiet);
    if (!session) return reportError(session.error());
    Session& s = *session;
    if (!applySettingsFlags(args, s.settings, error)) return usageError("compare", error);
    if (matrixMeasure) return runMeasureMatrix(s, *matrixMeasure, space, measureSettings, args, seed, quiet);
    int a = fromSession ? s.layout.similarityA : 0, b = fromSession ? s.layout.similarityB : 1;
    const std::string sessionPath = args.getOr("--session", "");
    for (const auto& [option, index] : {std::make_pair("--a", &a), std::make_pair("--b", &b)})
        if (const std::optional<std::string> name = args.get(option)) {
            Result<size_t> i = spaceNamed(s, *name, sessionPath);
            if (!i) return reportError(i.error());
            *index = static_cast<int>(*i);
        }
    if (!resolvePair(s, a, b)) return reportError(badInput(sessionPath, "needs at least two spaces to compare"));
    SimilarityInput in = similarityInput(s, static_cast<size_t>(a), static_cast<size_t>(b));
    if (space != "all")
        for (int c = 0; c < kSimilarityColumns; ++c)
            in.columns[static_cast<size_t>(c)] = space == similarityColumnKey(static_cast<SimilarityColumn>(c));
    if (in.rows.rowsA.empty())
        return reportError(badInput(s.entry(static_cast<size_t>(b)).path,
                                    "shares no rows with " + s.entry(static_cast<size_t>(a)).path));

    CliProgress progress(quiet);
    Result<SimilarityTable> table = computeSimilarityTable(in, progress);
    if (!table) {
        progress.finish();
        return reportError(table.error());
    }
    nlohmann::json t = toJson(*table);
    warnUndefinedCka(t, quiet);
    t["input"] = commandInput(args, seed);
    const std::vector<std::string> shown = space == "all"
                                               ? std::vector<std::string>{"absolute", "relative", "translated"}
                                               : std::vector<std::string>{space};
    nlohmann::json measures;
    if (!measureNames.empty()) {
        Result<nlohmann::json> m = measuresOfSpaces(in, shown, measureNames, measureSettings, progress);
        if (!m) {
            progress.finish();
            return reportError(m.error());
        }
        measures = std::move(*m);
    }
    progress.finish();
    if (args.has("--json")) {
        nlohmann::json j = space == "all" ? t : columnJson(t, space);
        if (!measureNames.empty()) j["measures"] = space == "all" ? measures : measures[space];
        printJson(j);
    } else {
        printHuman(t, shown);
        for (const std::string& s2 : shown)
            if (measures.contains(s2)) printMeasures(s2, measures[s2]);
    }
    return kExitOk;
}

}  // namespace lb::cli
