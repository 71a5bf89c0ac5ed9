// Helpers shared by the latentbridge-cli subcommands that work on spaces and anchors (relative, translate,
// anchors, pca, compare, stitch, asif): loading a space with a clean error, resolving `--anchors`, a progress
// printer, and JSON output. Everything here runs on the main thread of the CLI.
//
// Typical use inside a command:
//   CliProgress progress(args.has("--quiet"));
//   Result<LatentSpace> space = loadSpaceOrError(path);
//   if (!space) return reportError(space.error());
//   Result<std::vector<Index>> anchors = resolveAnchors(*args.get("--anchors"), *space, seed);
//   if (!anchors) return reportError(anchors.error());
//   ...
//   printJson(json);   // exactly one JSON object on stdout
#pragma once

#include "app/cli/cli_args.h"
#include "core/jobs/job_context.h"
#include "core/space/latent_space.h"
#include "core/status.h"

#include <nlohmann/json_fwd.hpp>

#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

namespace lb::cli {

// `--drop-nonfinite` is accepted by every command: main() takes it out of argv and calls this. Then rows
// holding NaN/Inf are left out of every space loadSpaceOrError() loads (with a warning saying how many).
void setDropNonFinite(bool drop);

// Loads `path` with loadSpace(); on success prints each load warning to stderr as
// "latentbridge-cli: warning: <path>: <message>" (unless quiet). Errors pass through unchanged, so
// `return reportError(result.error())` gives exit code 2 for a missing or malformed file. A space with
// NaN/Inf rows is refused (BadInput naming the file, the count and the first rows, suggesting
// --drop-nonfinite) unless setDropNonFinite(true): a NaN row would silently poison every mean, PCA and fit.
Result<LatentSpace> loadSpaceOrError(const std::string& path, bool quiet = false);

// Prints each warning to stderr as "latentbridge-cli: warning: <message>" (unless quiet), and returns their
// messages as a JSON array for the command's output.
nlohmann::json reportWarnings(const std::vector<Warning>& warnings, bool quiet);

// Resolves the value of `--anchors` against `space`:
//  - an existing file path -> readAnchorFile(path, space) (keys when the space has keys, else row indices);
//  - otherwise a positive integer K -> K random distinct rows of `space` (randomSubset(N, K, seed));
//  - anything else -> InvalidArgument ("... is neither an anchor file nor a count").
// Errors: InvalidArgument for K = 0 or K > N (message names both numbers), BadInput from the anchor file.
Result<std::vector<Index>> resolveAnchors(const std::string& spec, const LatentSpace& space, uint64_t seed);

// Same as resolveAnchors, but a count K draws K random entries of `candidates` (rows of `space`, e.g. the
// rows matched with another space), and a file's anchors must all be among `candidates` (InvalidArgument
// naming the first anchor that is not, e.g. a key missing from the other space). Returns rows of `space`.
Result<std::vector<Index>> resolveAnchorsAmong(const std::string& spec, const LatentSpace& space, uint64_t seed,
                                               const std::vector<Index>& candidates, const std::string& otherPath);

// Reads --seed (default 0, must be >= 0). On a malformed value returns false and sets `error`.
bool getSeed(const Args& args, uint64_t& seed, std::string& error);

// Splits "a,b,c" into {"a","b","c"} (empty items dropped).
std::vector<std::string> splitList(const std::string& text, char sep = ',');

// `--out -` means stdout where the output is text (anchor files); binary .npy outputs refuse it.
inline constexpr const char* kStdoutPath = "-";
// Usage error (exit 1) when `out` is "-" for a binary output; 0 otherwise.
int refuseBinaryStdout(const std::string& command, const std::string& out);

// Prints exactly one JSON object on stdout followed by a newline (the --json contract).
void printJson(const nlohmann::json& object);

// A JobContext that prints throttled progress ("[relative] 61%") to stderr, at most ~4 per second plus the
// end of each stage; prints nothing when quiet. On a terminal (isatty) each stage is one line rewritten in
// place with \r and an ETA; otherwise (logs, pipes) plain lines. Safe to advance from several threads.
class CliProgress : public JobContext {
   public:
    explicit CliProgress(bool quiet);
    ~CliProgress() override;
    // Prints a finished line for a stage still shown as in progress.
    void finish();

   protected:
    void onProgress() override;

   private:
    bool m_quiet;
    std::mutex m_printMutex;
    std::chrono::steady_clock::time_point m_lastPrint{};
    std::string m_lastStage;
    bool m_lineOpen = false;
    bool m_terminal = false;
    std::chrono::steady_clock::time_point m_stageStart{};
};

}  // namespace lb::cli
