// `latentbridge-cli bootstrap SOURCE TARGET --seed-anchors FILE|K --target-count K2 --out PAIRS.json`: discovers
// parallel anchor pairs from a small seed (core/relative/anchor_bootstrap.h) and, where the two files' rows are
// matched (by key, else by row index), says how many are right and what they do for zero-shot stitching.

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/metric_args.h"
#include "core/io/atomic_file.h"
#include "core/metrics/sampling.h"
#include "core/relative/anchor_bootstrap.h"
#include "core/relative/anchor_selection.h"
#include "core/stitch/paired_anchor_stitching.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <unordered_map>

namespace lb::cli {

static const char* kBootstrapHelp =
    "Usage: latentbridge-cli bootstrap SOURCE TARGET --seed-anchors FILE|K --target-count K2 [--out PAIRS.json]\n"
    "           [--rounds 4] [--candidates 0] [--seed S] [--no-stitching] [--json] [--quiet]\n\n"
    "Bootstrapping parallel anchors (docs/methods.md §3): from a few anchor pairs known to be the same sample in\n"
    "SOURCE and TARGET (the seed), finds K2 more pairs that play the same role in both spaces: samples whose\n"
    "standardized relative representations on the pairs found so far are each other's best match, in rounds.\n"
    "  --seed-anchors FILE|K  the seed: an anchor file (keys/row indices of SOURCE, present in TARGET) or K random\n"
    "                         shared rows (matched by key, else by row index)\n"
    "  --target-count K2      pairs to discover beyond the seed (fewer when no more mutual matches exist)\n"
    "  --rounds R             rounds of matching (default 4); each adds about K2 / R pairs\n"
    "  --candidates C         SOURCE rows tried per round: a seeded sample of C (default 0 = every row)\n"
    "  --out PAIRS.json       the seed and the discovered pairs (keys when the files have keys, else rows)\n"
    "  --no-stitching         skip the stitching evaluation below\n"
    "The truth is known for the files' matched rows, so the report gives the precision of the discovered pairs\n"
    "and zero-shot stitching accuracy (ridge head on TARGET, held-out 20%; relative and Procrustes-translated)\n"
    "with the seed alone, with seed + discovered, and with as many true parallel anchors as seed + discovered.\n"
    "JSON: {seed_pairs, target_count, discovered, per_round, precision, same_class, truth, mean_similarity,\n"
    "       stitching: {seed, bootstrapped, true_parallel: {anchors, relative, translated, native, chance, n_test}},\n"
    "       settings, input, out}\n"
    "Pairs file: {format: \"latentbridge-anchor-pairs\", source, target, by, pairs: [{source, target, seed,\n"
    "       similarity, round}]}\n"
    "Exit codes: 0 ok, 1 usage, 2 bad input or impossible request, 3 numerical failure, 4 I/O or cancelled,\n"
    "5 out of memory, 6 internal error.\n";

namespace {

using Pairs = std::vector<std::pair<Index, Index>>;

// A row as the pairs file names it: its key when the space has keys, else its index.
nlohmann::json rowName(const LatentSpace& s, Index row) {
    return s.hasKeys() ? nlohmann::json(s.keys[static_cast<size_t>(row)]) : nlohmann::json(row);
}

nlohmann::json stitchingJson(const Result<StitchingResult>& r, Index anchors) {
    if (!r) return {{"anchors", anchors}, {"error", r.error().message}};
    std::optional<double> translated;
    for (const auto& [method, value] : r->scores.translated)
        if (method == TranslationMethod::Procrustes) translated = value;
    return {{"anchors", anchors},
            {"relative", jsonOrNull(r->scores.relative)},
            {"translated", jsonOrNull(translated)},
            {"native", r->scores.native},
            {"chance", r->chance},
            {"n_test", r->nTest}};
}

}  // namespace

int runBootstrap(int argc, char** argv) {
    Args args;
    std::string error;
    const ArgSpec spec{{"--seed-anchors", "--target-count", "--rounds", "--candidates", "--seed", "--out"},
                       {"--no-stitching", "--json", "--quiet", "--help"}};
    if (!args.parse(argc, argv, 1, spec, error)) return usageError("bootstrap", error);
    if (args.has("--help")) return std::fputs(kBootstrapHelp, stdout), kExitOk;
    if (args.positional().size() != 2) return usageError("bootstrap", "expected SOURCE and TARGET files");
    if (!args.has("--seed-anchors")) return usageError("bootstrap", "--seed-anchors FILE|K is required");
    if (!args.has("--target-count")) return usageError("bootstrap", "--target-count K2 is required");
    AnchorBootstrapSettings settings;
    Index rounds = 4;
    if (!getSeed(args, settings.seed, error) ||
        !getCount(args, "--target-count", 100, false, settings.targetCount, error) ||
        !getCount(args, "--rounds", 4, false, rounds, error) ||
        !getCount(args, "--candidates", 0, true, settings.candidates, error))
        return usageError("bootstrap", error);
    if (rounds > 1000) return usageError("bootstrap", "--rounds must be at most 1000");
    settings.rounds = static_cast<int>(rounds);
    const bool quiet = args.has("--quiet");

    Result<LatentSpace> a = loadSpaceOrError(args.positional()[0], quiet);
    if (!a) return reportError(a.error());
    Result<LatentSpace> b = loadSpaceOrError(args.positional()[1], quiet);
    if (!b) return reportError(b.error());
    Result<RowMatch> match = matchRows(*a, *b);
    if (!match) return reportError(match.error());
    warnIfMatchedByIndex(*match, a->hasKeys(), b->hasKeys(), quiet);
    Result<std::vector<Index>> seedRows =
        resolveAnchorsAmong(*args.get("--seed-anchors"), *a, settings.seed, match->rowsA, b->path);
    if (!seedRows) return reportError(seedRows.error());
    const std::vector<Index> seedPositions = matchPositionsOf(*match, *seedRows);
    Pairs seed;
    for (Index p : seedPositions)
        seed.emplace_back(match->rowsA[static_cast<size_t>(p)], match->rowsB[static_cast<size_t>(p)]);

    CliProgress progress(quiet);
    Result<AnchorBootstrap> found =
        bootstrapAnchors(a->embeddings.view(), b->embeddings.view(), seed, settings, progress);
    if (!found) return progress.finish(), reportError(found.error());

    // The truth, for the matched rows: a pair is right when its target row is the source row's match.
    std::unordered_map<Index, Index> matchOf;
    for (size_t i = 0; i < match->size(); ++i) matchOf[match->rowsA[i]] = match->rowsB[i];
    // A pair of two samples of one class is no parallel anchor, but still carries the class: counted apart.
    const bool labelled = a->hasLabels() && b->hasLabels();
    Index right = 0, sameClass = 0;
    double similarity = 0;
    Pairs grown = seed;
    for (const DiscoveredPair& p : found->pairs) {
        const auto it = matchOf.find(p.a);
        right += it != matchOf.end() && it->second == p.b;
        if (labelled) sameClass += a->labels[static_cast<size_t>(p.a)] == b->labels[static_cast<size_t>(p.b)];
        similarity += p.similarity;
        grown.emplace_back(p.a, p.b);
    }
    const auto discovered = static_cast<Index>(found->pairs.size());
    auto share = [discovered](Index n) {
        return discovered > 0 ? nlohmann::json(static_cast<double>(n) / static_cast<double>(discovered))
                              : nlohmann::json(nullptr);
    };
    nlohmann::json j{
        {"seed_pairs", static_cast<Index>(seed.size())},
        {"target_count", settings.targetCount},
        {"discovered", discovered},
        {"per_round", found->perRound},
        {"precision", share(right)},
        {"same_class", labelled ? share(sameClass) : nlohmann::json(nullptr)},
        {"truth", match->byKey ? "keys" : "row index"},
        {"mean_similarity", discovered > 0 ? nlohmann::json(similarity / discovered) : nlohmann::json(nullptr)},
        {"settings",
         {{"target_count", settings.targetCount},
          {"rounds", settings.rounds},
          {"candidates", settings.candidates},
          {"seed", settings.seed}}},
        {"input", {{"source", a->path}, {"target", b->path}, {"seed_anchors", *args.get("--seed-anchors")}}}};

    if (!args.has("--no-stitching")) {
        Result<StitchingData> data = prepareStitchingData(*a, *b, StitchingRows::Only);
        if (!data) return progress.finish(), reportError(data.error());
        StitchingOptions options;
        options.seed = settings.seed;
        options.methods = {TranslationMethod::Procrustes};
        // As many true pairs as seed + discovered: the seed and a seeded draw of other matched rows.
        std::vector<char> taken(match->size(), 0);
        for (Index p : seedPositions) taken[static_cast<size_t>(p)] = 1;
        Pairs truth = seed;
        for (Index p : seededPermutation(static_cast<Index>(match->size()), settings.seed + 1)) {
            if (truth.size() >= grown.size()) break;
            if (taken[static_cast<size_t>(p)]) continue;
            truth.emplace_back(match->rowsA[static_cast<size_t>(p)], match->rowsB[static_cast<size_t>(p)]);
        }
        nlohmann::json st;
        const std::pair<const char*, const Pairs*> runs[] = {
            {"seed", &seed}, {"bootstrapped", &grown}, {"true_parallel", &truth}};
        for (const auto& [name, pairs] : runs)
            st[name] = stitchingJson(stitchWithAnchorPairs(*a, *b, *data, *pairs, options, progress),
                                     static_cast<Index>(pairs->size()));
        j["stitching"] = st;
    }
    progress.finish();

    if (const std::optional<std::string> out = args.get("--out")) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& [sa, sb] : seed)
            list.push_back({{"source", rowName(*a, sa)}, {"target", rowName(*b, sb)}, {"seed", true}});
        for (const DiscoveredPair& p : found->pairs)
            list.push_back({{"source", rowName(*a, p.a)},
                            {"target", rowName(*b, p.b)},
                            {"seed", false},
                            {"similarity", p.similarity},
                            {"round", p.round}});
        const nlohmann::json file{{"format", "latentbridge-anchor-pairs"},
                                  {"source", a->path},
                                  {"target", b->path},
                                  {"by", a->hasKeys() && b->hasKeys() ? "key" : "row"},
                                  {"pairs", list},
                                  {"settings", j["settings"]}};
        if (*out == kStdoutPath) return printJson(file), kExitOk;
        if (Status st = io::writeFileAtomic(*out, file.dump(2) + "\n"); !st) return reportError(st.error());
        j["out"] = *out;
    }
    if (args.has("--json")) {
        printJson(j);
        return kExitOk;
    }
    auto number = [](const nlohmann::json& v) {
        char text[32] = "-";
        if (v.is_number()) std::snprintf(text, sizeof text, "%.3f", v.get<double>());
        return std::string(text);
    };
    std::printf(
        "bootstrap: %lld seed pairs, %lld discovered (asked %lld); the same sample: %s, the same class: %s "
        "(truth by %s)\n",
        static_cast<long long>(seed.size()), static_cast<long long>(discovered),
        static_cast<long long>(settings.targetCount), number(j["precision"]).c_str(), number(j["same_class"]).c_str(),
        match->byKey ? "keys" : "row index");
    if (j.contains("stitching"))
        for (const char* name : {"seed", "bootstrapped", "true_parallel"}) {
            const nlohmann::json& s = j["stitching"][name];
            std::printf("  %-14s K = %-5lld relative %s  translated %s\n", name, s["anchors"].get<long long>(),
                        number(s.value("relative", nlohmann::json())).c_str(),
                        number(s.value("translated", nlohmann::json())).c_str());
        }
    return kExitOk;
}

}  // namespace lb::cli
