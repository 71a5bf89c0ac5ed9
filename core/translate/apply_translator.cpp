#include "core/translate/apply_translator.h"

#include <atomic>
#include <optional>
#include <string>

namespace lb {

Status applyTranslator(const Translator& t, const ConstRowMatrixRef& X, RowMatrixXf& out, JobContext& ctx) {
    if (X.cols() != t.sourceDim())
        return invalidArgument("rows have " + std::to_string(X.cols()) + " columns, the translator maps " +
                               std::to_string(t.sourceDim()));
    const Index n = X.rows();
    out.resize(n, t.targetDim());
    ctx.setStage("translate", static_cast<uint64_t>(n));
    const Index chunks = (n + kTranslateChunkRows - 1) / kTranslateChunkRows;
    // The map of an affine translator once for every chunk, each chunk's product written straight into its rows
    // of `out`: Translator::apply would form the D x D' map and a result matrix per chunk.
    const std::optional<Translator::AffineMap> affine = t.affineMap();
    std::atomic<bool> stopped{false};
    // Always a parallel region, even for one chunk: inside it the BLAS runs single-threaded, as for every chunk.
#pragma omp parallel for schedule(dynamic)
    for (Index c = 0; c < chunks; ++c) {
        if (stopped.load(std::memory_order_relaxed) || ctx.cancelled()) {
            stopped.store(true, std::memory_order_relaxed);
            continue;
        }
        const Index r0 = c * kTranslateChunkRows, b = std::min(kTranslateChunkRows, n - r0);
        if (affine) {
            auto rows = out.middleRows(r0, b);
            rows.noalias() = X.middleRows(r0, b) * affine->map;
            rows.rowwise() += affine->offset;
        } else {
            out.middleRows(r0, b) = t.apply(X.middleRows(r0, b));
        }
        ctx.advance(static_cast<uint64_t>(b));
    }
    if (stopped.load() || ctx.cancelled()) return Status::cancelled();
    return Status::ok();
}

}  // namespace lb
