// `latentbridge-cli anchors SPACE --strategy S --count K [--seed S] [--out FILE]`: choose anchor samples.

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "core/relative/anchor_selection.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace lb::cli {

static const char* kAnchorsHelp =
    "Usage: latentbridge-cli anchors SPACE --count K [--strategy random|per-class|fps|kmeans|prototypes] [--seed S]\n"
    "                                [--iterations N] [--out anchors.txt] [--json] [--quiet]\n\n"
    "Chooses K distinct anchor samples in SPACE (deterministic for a seed) and writes them one per line to\n"
    "--out (keys when the space has keys, else 0-based row indices); without --out they are printed.\n"
    "  --strategy    random (default, uniform without replacement), per-class (seeded shuffle, then\n"
    "                round-robin over classes; needs labels), fps (farthest-point sampling on L2-normalized\n"
    "                rows, random start), kmeans (k-means++ + Lloyd on L2-normalized rows, anchor = nearest\n"
    "                real sample to each centroid), prototypes (k-means within each class, K split over the\n"
    "                classes by size; each anchor the real sample nearest a class centroid; needs labels)\n"
    "  --count K     number of anchors, 1 <= K <= N (required)\n"
    "  --seed S      random seed (default 0)\n"
    "  --iterations  k-means Lloyd iterations (default 30)\n"
    "  --json        print one JSON object {space, strategy, count, seed, rows, anchors, out} on stdout\n"
    "  --quiet       no progress on stderr\n"
    "Exit codes: 0 ok, 1 usage, 2 bad input or impossible request (K = 0, K > N, no labels), 4 I/O,\n"
    "5 out of memory, 6 internal error.\n";

int runAnchors(int argc, char** argv) {
    Args args;
    std::string error;
    const ArgSpec spec{{"--strategy", "--count", "--seed", "--out", "--iterations"}, {"--json", "--quiet", "--help"}};
    if (!args.parse(argc, argv, 1, spec, error)) return usageError("anchors", error);
    if (args.has("--help")) return std::fputs(kAnchorsHelp, stdout), kExitOk;
    if (args.positional().size() != 1) return usageError("anchors", "expected exactly one SPACE file");
    if (!args.has("--count")) return usageError("anchors", "--count K is required");

    AnchorSelectionOptions options;
    if (!parseAnchorStrategy(args.getOr("--strategy", "random"), options.strategy))
        return usageError("anchors", "unknown --strategy '" + args.getOr("--strategy", "") + "'");
    long long count = 0, iterations = 30;
    if (!args.getInt("--count", 0, count, error) || !args.getInt("--iterations", 30, iterations, error) ||
        !getSeed(args, options.seed, error))
        return usageError("anchors", error);
    options.count = static_cast<Index>(count);
    options.kmeansIterations = static_cast<int>(std::min<long long>(iterations, 1 << 20));
    if (args.getOr("--out", "") == kStdoutPath && args.has("--json"))
        return usageError("anchors", "--out - and --json both write stdout; choose one");
    const bool quiet = args.has("--quiet");

    Result<LatentSpace> space = loadSpaceOrError(args.positional()[0], quiet);
    if (!space) return reportError(space.error());
    CliProgress progress(quiet);
    Result<std::vector<Index>> rows = selectAnchors(space->embeddings.view(), space->labels, options, progress);
    progress.finish();
    if (!rows) return reportError(rows.error());

    const std::string out = args.getOr("--out", "");
    if (out == kStdoutPath) {
        // `--out -`: the anchor file on stdout, for pipes (`--json` also writes stdout, so not both).
        Result<std::string> text = formatAnchorFile(*space, *rows);
        if (!text) return reportError(text.error());
        std::fputs(text->c_str(), stdout);
        return kExitOk;
    }
    if (!out.empty())
        if (Status st = writeAnchorFile(out, *space, *rows); !st) return reportError(st.error());

    if (args.has("--json")) {
        nlohmann::json names = nlohmann::json::array();
        for (Index r : *rows)
            names.push_back(space->hasKeys() ? nlohmann::json(space->keys[static_cast<size_t>(r)]) : nlohmann::json(r));
        printJson({{"space", space->path},
                   {"strategy", anchorStrategyName(options.strategy)},
                   {"count", rows->size()},
                   {"seed", options.seed},
                   {"rows", *rows},
                   {"anchors", names},
                   {"out", out.empty() ? nlohmann::json() : nlohmann::json(out)}});
    } else if (out.empty()) {
        for (Index r : *rows)
            std::printf("%s\n",
                        space->hasKeys() ? space->keys[static_cast<size_t>(r)].c_str() : std::to_string(r).c_str());
    } else if (!quiet) {
        std::fprintf(stderr, "wrote %zu %s anchors to %s\n", rows->size(), anchorStrategyName(options.strategy),
                     out.c_str());
    }
    return kExitOk;
}

}  // namespace lb::cli
