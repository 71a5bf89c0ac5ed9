#include "core/metrics/blocked_top_k.h"

#include "core/metrics/top_k_buffer.h"

#include <algorithm>

#ifdef __AVX512F__
#include <immintrin.h>
#include <omp.h>
#endif

namespace lb::detail {

BlockedRows blockRows(const ConstRowMatrixRef& X) {
    BlockedRows out;
    out.n = X.rows();
    out.d = X.cols();
    Index blocks = (out.n + 15) / 16;
    blocks += blocks % 2;  // the kernel takes blocks in pairs
    out.data.assign(static_cast<size_t>(blocks * 16 * out.d), 0.0f);
#pragma omp parallel for schedule(static) if (out.n * out.d >= (Index{1} << 18))
    for (Index r = 0; r < out.n; ++r) {
        float* dst = out.data.data() + (r / 16) * out.d * 16 + r % 16;
        const float* src = X.row(r).data();
        for (Index i = 0; i < out.d; ++i) dst[i * 16] = src[i];
    }
    return out;
}

#ifdef __AVX512F__

bool blockedTopKAvailable() {
    return true;
}

namespace {

constexpr int kTile = 8;  // queries per register tile: 8 queries × 2 blocks = 16 accumulators of 16 rows

// Base blocks per chunk: a chunk (~256 KB) stays in L2 while every query tile of the thread passes over it.
Index chunkBlocks(Index d) {
    const Index blockBytes = 16 * std::max<Index>(d, 1) * static_cast<Index>(sizeof(float));
    return std::max<Index>(2, (Index(256) << 10) / blockBytes / 2 * 2);
}

// Offers one query's 16 dot products with rows row0 … row0 + 15 (only the first `valid`) to its top-k buffer.
inline void offerBlock(__m512 sims, Index row0, Index valid, TopKBuffer& best) {
    __mmask16 candidates = static_cast<__mmask16>((1u << valid) - 1u);
    if (best.full()) candidates &= _mm512_cmp_ps_mask(sims, _mm512_set1_ps(best.threshold()), _CMP_GT_OQ);
    if (candidates == 0) return;  // the usual case once the buffer holds good rows
    alignas(64) float values[16];
    _mm512_store_ps(values, sims);
    for (unsigned m = candidates; m != 0; m &= m - 1) {
        const int lane = __builtin_ctz(m);
        best.offer(values[lane], row0 + lane);
    }
}

// Dot products of kTile queries (pointers q[t], D floats each) with blocks b and b + 1, offered to best[t].
void tileTimesBlockPair(const float* const* q, int count, const BlockedRows& base, Index b, TopKBuffer* best) {
    const Index d = base.d;
    const float* x0 = base.data.data() + b * d * 16;
    const float* x1 = x0 + d * 16;
    __m512 a0[kTile], a1[kTile];
    for (int t = 0; t < kTile; ++t) a0[t] = a1[t] = _mm512_setzero_ps();
    for (Index i = 0; i < d; ++i) {
        const __m512 r0 = _mm512_loadu_ps(x0 + i * 16), r1 = _mm512_loadu_ps(x1 + i * 16);
        for (int t = 0; t < kTile; ++t) {
            const __m512 qi = _mm512_set1_ps(q[t][i]);
            a0[t] = _mm512_fmadd_ps(qi, r0, a0[t]);
            a1[t] = _mm512_fmadd_ps(qi, r1, a1[t]);
        }
    }
    const Index row0 = b * 16;
    const Index valid0 = std::clamp<Index>(base.n - row0, 0, 16), valid1 = std::clamp<Index>(base.n - row0 - 16, 0, 16);
    for (int t = 0; t < count; ++t) {
        if (valid0 > 0) offerBlock(a0[t], row0, valid0, best[t]);
        if (valid1 > 0) offerBlock(a1[t], row0 + 16, valid1, best[t]);
    }
}

}  // namespace

Result<IndexMatrix> blockedTopK(const ConstRowMatrixRef& queries, const BlockedRows& base, Index k, JobContext& ctx) {
    IndexMatrix out(queries.rows(), k);
    const Index tiles = (queries.rows() + kTile - 1) / kTile;
    const Index chunk = chunkBlocks(base.d);
    const std::vector<float> zeros(static_cast<size_t>(base.d),
                                   0.0f);  // stands in for a partial tile's missing queries
#pragma omp parallel if (tiles > 1 && queries.rows() * base.n * base.d >= (Index{1} << 20))
    {
        // Each thread owns a contiguous range of tiles, so its queries' buffers live across the chunks.
        const Index threads = omp_get_num_threads(), me = omp_get_thread_num();
        const Index t0 = tiles * me / threads, t1 = tiles * (me + 1) / threads;
        const Index q0 = t0 * kTile, q1 = std::min(queries.rows(), t1 * kTile);
        std::vector<TopKBuffer> best(static_cast<size_t>(std::max<Index>(q1 - q0, 0)));
        for (auto& b : best) b.reset(k);
        for (Index c0 = 0; c0 < base.blocks() && !ctx.cancelled(); c0 += chunk) {
            const Index c1 = std::min(base.blocks(), c0 + chunk);
            for (Index t = t0; t < t1; ++t) {
                const float* q[kTile];
                const int count = static_cast<int>(std::min<Index>(kTile, queries.rows() - t * kTile));
                for (int i = 0; i < kTile; ++i) q[i] = i < count ? queries.row(t * kTile + i).data() : zeros.data();
                TopKBuffer* tileBest = best.data() + (t * kTile - q0);
                for (Index b = c0; b < c1; b += 2) tileTimesBlockPair(q, count, base, b, tileBest);
            }
        }
        for (Index i = q0; i < q1; ++i) best[static_cast<size_t>(i - q0)].writeRows(out.row(i).data());
        ctx.advance(static_cast<uint64_t>(std::max<Index>(q1 - q0, 0)));
    }
    if (ctx.cancelled()) return Status::cancelled();
    return out;
}

#else  // no AVX-512 in this build: knn.cpp searches with its GEMM path

bool blockedTopKAvailable() {
    return false;
}

Result<IndexMatrix> blockedTopK(const ConstRowMatrixRef&, const BlockedRows&, Index, JobContext&) {
    return invalidArgument("the blocked kNN kernel needs a build with AVX-512");
}

#endif

}  // namespace lb::detail
