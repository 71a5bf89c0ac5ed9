#include "core/jobs/allocator_reuse.h"

#include <cstdlib>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace lb {

namespace {

// Above the largest per-edit buffer of a 100k-row session (100k × 300 floats = 120 MB), below a 1M-row one's.
constexpr int kMapThresholdBytes = 160 << 20;
// Free heap top kept before trimming: one such buffer and a margin.
constexpr int kTrimThresholdBytes = 256 << 20;

}  // namespace

void keepFreedBuffersForReuse() {
#if defined(__GLIBC__)
    if (std::getenv("GLIBC_TUNABLES") != nullptr) return;
    if (std::getenv("MALLOC_MMAP_THRESHOLD_") == nullptr) mallopt(M_MMAP_THRESHOLD, kMapThresholdBytes);
    if (std::getenv("MALLOC_TRIM_THRESHOLD_") == nullptr) mallopt(M_TRIM_THRESHOLD, kTrimThresholdBytes);
#endif
}

}  // namespace lb
