// The C allocator keeps freed work buffers of up to a few hundred megabytes for the next allocation instead of
// handing them back to the kernel at once, for the CLI and the app.
//
// Why: glibc maps every block above its threshold (128 KB at first, adapting up to 32 MB) straight from the
// kernel and unmaps it on free, and returns the heap's free top beyond a trim threshold. Every analysis here
// allocates the same shapes again and again (W × W maps in a translation fit, N × K relative blocks per anchor
// edit at 100k rows, row gathers in stitching), so each new buffer is first touched page by page: page faults
// were ~20% of an anchor edit's CPU at 100k × 768 and ~90% of the allocations' kernel time in a 768-d
// Procrustes fit. Blocks larger than the threshold below (a 1M-row space's N × K buffers) are still mapped
// and unmapped, so peak memory at scale stays bounded by the data, not by what was freed earlier.
#pragma once

namespace lb {

// Call once at the start of main(). Leaves a setting alone when the user chose it (MALLOC_MMAP_THRESHOLD_,
// MALLOC_TRIM_THRESHOLD_ or GLIBC_TUNABLES in the environment). No-op on other C libraries.
void keepFreedBuffersForReuse();

}  // namespace lb
