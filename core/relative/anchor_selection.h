// Choosing anchor samples (docs/methods.md §3) and reading/writing anchor files (one key or row index per line).
#pragma once

#include "core/jobs/job_context.h"
#include "core/space/latent_space.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lb {

// Prototypes: per-class k-means prototypes (each the real sample nearest a class centroid), docs/methods.md §3.
enum class AnchorStrategy { Random, PerClass, FarthestPoint, KMeans, Prototypes };
// "random", "per-class", "fps", "kmeans", "prototypes".
const char* anchorStrategyName(AnchorStrategy s);
bool parseAnchorStrategy(const std::string& name, AnchorStrategy& out);

struct AnchorSelectionOptions {
    AnchorStrategy strategy = AnchorStrategy::Random;  // default random
    Index count = 0;                                   // K, required (1 <= K <= N)
    uint64_t seed = 0;                                 // default 0; same seed -> same anchors
    int kmeansIterations = 30;                         // Lloyd iterations after k-means++ (default 30)
};

// X: N x D (the reference space), labels: N class ids (required for per-class and prototypes, else may be empty).
// Returns K distinct row indices of X. Deterministic for a seed. Errors: InvalidArgument (K = 0, K > N,
// per-class without labels), Cancelled. Cost: random O(K), fps O(N·D·K), kmeans O(iters·N·D·K).
Result<std::vector<Index>> selectAnchors(const ConstRowMatrixRef& X, const std::vector<int32_t>& labels,
                                         const AnchorSelectionOptions& options, JobContext& ctx = silentJob());

// K distinct indices drawn uniformly without replacement from [0, n), in draw order: a partial Fisher-Yates
// shuffle driven by std::mt19937_64(seed) with our own unbiased bounded draw, so the result is the same with
// every standard library. Requires 0 <= k <= n. Cost O(n) memory, O(k) draws. pure; any thread.
std::vector<Index> randomSubset(Index n, Index k, uint64_t seed);

// Reads one anchor per line (a key when the space has keys, else a 0-based row index; blank lines and
// lines starting with '#' ignored). Errors: BadInput naming the file, the line number and the key that
// is missing from `space`, duplicates, or an out-of-range index.
Result<std::vector<Index>> readAnchorFile(const std::string& path, const LatentSpace& space);
// Writes the anchors as keys (or row indices without keys), one per line, atomically (io::writeFileAtomic).
// Errors: InvalidArgument when a key cannot round-trip through the line format (empty, starts with '#',
// leading/trailing whitespace, newline) or a row is out of range; Io when the file cannot be written.
Status writeAnchorFile(const std::string& path, const LatentSpace& space, const std::vector<Index>& rows);
// The text writeAnchorFile writes (for `--out -`, stdout). Same errors except Io.
Result<std::string> formatAnchorFile(const LatentSpace& space, const std::vector<Index>& rows);

}  // namespace lb
