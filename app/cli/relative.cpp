// `latentbridge-cli relative SPACE --anchors A [...] [--out rel.npy]`: relative representations, streamed to a
// .npy row block by row block (peak memory = the input mapping + one block).

#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/metric_args.h"
#include "core/io/npy_stream_writer.h"
#include "core/relative/relative_projection.h"
#include "core/space/row_matching.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <limits>
#include <optional>

namespace lb::cli {

static const char* kRelativeHelp =
    "Usage: latentbridge-cli relative SPACE --anchors FILE|K [--anchors-from REF] [--seed S] [--similarity LIST]\n"
    "                                 [--transform T]\n"
    "                                 [--post P] [--aggregate concat|sum] [--out rel.npy] [--json] [--quiet]\n\n"
    "Encodes every row of SPACE by its similarities to K anchors (docs/methods.md §1) and streams the N x K\n"
    "float32 result to --out (.npy, C order).\n"
    "  --anchors      an anchor file (keys or row indices, one per line) or a count K of random anchors\n"
    "  --anchors-from REF  take the anchor vectors from the file REF instead of SPACE (the --anchors rows of REF,\n"
    "                 or every row of REF without --anchors): encodes a shard that holds no anchors\n"
    "  --seed S       seed for random anchors (default 0)\n"
    "  --similarity   cosine (default), angular, euclidean, l1, linf, whitened (inner product after whitening\n"
    "                 the anchors' covariance, affine-invariant); a comma-separated list is a product of\n"
    "                 invariances (each standardized over its K coordinates, then aggregated)\n"
    "  --transform    none (default), center, standard: fitted on the anchors, applied to rows and anchors\n"
    "  --post         none (default), l2, standardize: over the output coordinates of each row\n"
    "  --aggregate    concat (default, N x mK) or sum (N x K) for several similarities\n"
    "  --block-rows   rows per block (default 4096)\n"
    "  --json         one JSON object {space, n, k, cols, similarities, ..., min, max, mean, out, anchors_from,\n"
    "                 seconds}\n"
    "Exit codes: 0 ok, 1 usage, 2 bad input or impossible request (K = 0, K > N, unknown anchor), 4 I/O,\n"
    "5 out of memory, 6 internal error.\n";

// The K x D anchor vectors: rows of SPACE, or (--anchors-from REF) rows of REF, which must have SPACE's width.
static Result<RowMatrixXf> relativeAnchors(const Args& args, const LatentSpace& space, uint64_t seed, bool quiet) {
    const std::optional<std::string> from = args.get("--anchors-from");
    if (!from) {
        Result<std::vector<Index>> rows = resolveAnchors(*args.get("--anchors"), space, seed);
        if (!rows) return rows.error();
        return gatherRows(space.embeddings.view(), *rows);
    }
    Result<LatentSpace> ref = loadSpaceOrError(*from, quiet);
    if (!ref) return ref.error();
    if (ref->d() != space.d())
        return badInput(ref->path, "anchors have " + std::to_string(ref->d()) + " columns, " + space.path + " has " +
                                       std::to_string(space.d()));
    if (!args.has("--anchors")) return RowMatrixXf(ref->embeddings.view());
    Result<std::vector<Index>> rows = resolveAnchors(*args.get("--anchors"), *ref, seed);
    if (!rows) return rows.error();
    return gatherRows(ref->embeddings.view(), *rows);
}

int runRelative(int argc, char** argv) {
    Args args;
    std::string error;
    const ArgSpec spec{{"--anchors", "--anchors-from", "--seed", "--similarity", "--transform", "--post", "--aggregate",
                        "--out", "--block-rows"},
                       {"--json", "--quiet", "--help"}};
    if (!args.parse(argc, argv, 1, spec, error)) return usageError("relative", error);
    if (args.has("--help")) return std::fputs(kRelativeHelp, stdout), kExitOk;
    if (args.positional().size() != 1) return usageError("relative", "expected exactly one SPACE file");
    if (!args.has("--anchors") && !args.has("--anchors-from"))
        return usageError("relative", "--anchors FILE|K (or --anchors-from REF) is required");
    RelativeOptions options;
    uint64_t seed = 0;
    long long blockRows = 4096;
    if (!parseRelativeArgs(args, options, error) || !getSeed(args, seed, error) ||
        !args.getInt("--block-rows", 4096, blockRows, error))
        return usageError("relative", error);
    if (blockRows < 1) return usageError("relative", "--block-rows must be >= 1");
    const bool quiet = args.has("--quiet");
    const auto start = std::chrono::steady_clock::now();

    Result<LatentSpace> space = loadSpaceOrError(args.positional()[0], quiet);
    if (!space) return reportError(space.error());
    const ConstRowMatrixMap X = space->embeddings.view();
    Result<RowMatrixXf> anchorsOr = relativeAnchors(args, *space, seed, quiet);
    if (!anchorsOr) return reportError(anchorsOr.error());
    const RowMatrixXf& anchors = *anchorsOr;
    const Index cols = relativeOutputCols(options, anchors.rows());

    const std::string out = args.getOr("--out", "");
    if (int code = refuseBinaryStdout("relative", out)) return code;
    std::optional<NpyStreamWriter> writer;
    if (!out.empty()) {
        Result<NpyStreamWriter> opened = NpyStreamWriter::open(out, X.rows(), cols);
        if (!opened) return reportError(opened.error());
        writer.emplace(std::move(*opened));
    }
    double sum = 0.0;
    float lo = std::numeric_limits<float>::infinity(), hi = -lo;
    CliProgress progress(quiet);
    const Status st = relativeProjectionBlocks(
        X, anchors, options,
        [&](Index, const RowMatrixXf& block) {
            sum += block.cast<double>().sum();
            lo = std::min(lo, block.minCoeff());
            hi = std::max(hi, block.maxCoeff());
            return writer ? writer->writeRows(block) : Status::ok();
        },
        progress, static_cast<Index>(blockRows));
    progress.finish();
    if (!st) return reportError(st.error());
    if (writer)
        if (Status fin = writer->finish(); !fin) return reportError(fin.error());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    nlohmann::json sims = nlohmann::json::array();
    for (Similarity s : options.similarities) sims.push_back(similarityName(s));
    const double count = static_cast<double>(X.rows()) * static_cast<double>(cols);
    const nlohmann::json report = {
        {"space", space->path},
        {"n", X.rows()},
        {"k", anchors.rows()},
        {"cols", cols},
        {"similarities", sims},
        {"transform", transformName(options.transform)},
        {"post", postNormalizationName(options.post)},
        {"aggregate", options.aggregation == Aggregation::Sum ? "sum" : "concat"},
        {"min", lo},
        {"max", hi},
        {"mean", count > 0 ? sum / count : 0.0},
        {"out", out.empty() ? nlohmann::json() : nlohmann::json(out)},
        {"anchors_from", args.has("--anchors-from") ? nlohmann::json(*args.get("--anchors-from")) : nlohmann::json()},
        {"seconds", seconds}};
    if (args.has("--json"))
        printJson(report);
    else
        std::printf("%s: %lld x %lld relative representation (%s, K = %lld)%s%s\n", space->path.c_str(),
                    static_cast<long long>(X.rows()), static_cast<long long>(cols),
                    args.getOr("--similarity", "cosine").c_str(), static_cast<long long>(anchors.rows()),
                    out.empty() ? "" : " -> ", out.c_str());
    return kExitOk;
}

}  // namespace lb::cli
