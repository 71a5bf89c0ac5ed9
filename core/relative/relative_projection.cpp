// Full (batch and streaming) relative projection: option names, validation, the absolute transform fitted on
// the anchors, and the row-block loop. Kernels live in similarity_kernels.cpp.

#include "core/relative/relative_projection.h"

#include "core/relative/similarity_kernels.h"

#include <cfloat>

namespace lb {

// ------------------------------------------------------------------------------------------------ names
const char* similarityName(Similarity s) {
    switch (s) {
        case Similarity::Cosine: return "cosine";
        case Similarity::Angular: return "angular";
        case Similarity::Euclidean: return "euclidean";
        case Similarity::L1: return "l1";
        case Similarity::LInf: return "linf";
        case Similarity::Whitened: return "whitened";
    }
    return "cosine";
}

bool parseSimilarity(const std::string& name, Similarity& out) {
    for (Similarity s : {Similarity::Cosine, Similarity::Angular, Similarity::Euclidean, Similarity::L1,
                         Similarity::LInf, Similarity::Whitened})
        if (name == similarityName(s)) return out = s, true;
    return false;
}

const char* transformName(AbsoluteTransform t) {
    switch (t) {
        case AbsoluteTransform::None: return "none";
        case AbsoluteTransform::Center: return "center";
        case AbsoluteTransform::Standard: return "standard";
    }
    return "none";
}

bool parseTransform(const std::string& name, AbsoluteTransform& out) {
    for (AbsoluteTransform t : {AbsoluteTransform::None, AbsoluteTransform::Center, AbsoluteTransform::Standard})
        if (name == transformName(t)) return out = t, true;
    return false;
}

const char* postNormalizationName(PostNormalization p) {
    switch (p) {
        case PostNormalization::None: return "none";
        case PostNormalization::L2: return "l2";
        case PostNormalization::Standardize: return "standardize";
    }
    return "none";
}

bool parsePostNormalization(const std::string& name, PostNormalization& out) {
    for (PostNormalization p : {PostNormalization::None, PostNormalization::L2, PostNormalization::Standardize})
        if (name == postNormalizationName(p)) return out = p, true;
    return false;
}

Index relativeOutputCols(const RelativeOptions& options, Index k) {
    const auto m = static_cast<Index>(options.similarities.size());
    return (options.aggregation == Aggregation::Concat && m > 1) ? m * k : k;
}

// ------------------------------------------------------------------------------------ absolute transform
namespace detail {

// μ and unbiased σ of the anchors in double; σ < 10·FLT_EPSILON -> 1 so constant coordinates pass unscaled.
AffineStats fitTransform(const ConstRowMatrixRef& anchors, AbsoluteTransform t) {
    const Index d = anchors.cols(), k = anchors.rows();
    AffineStats s{Eigen::RowVectorXf::Zero(d), Eigen::RowVectorXf::Ones(d)};
    if (t == AbsoluteTransform::None) return s;
    const RowMatrixXd a = anchors.cast<double>();
    const Eigen::RowVectorXd mean = a.colwise().mean();
    s.mean = mean.cast<float>();
    if (t == AbsoluteTransform::Standard) {
        const Eigen::RowVectorXd var = (a.rowwise() - mean).colwise().squaredNorm() / static_cast<double>(k - 1);
        for (Index j = 0; j < d; ++j) {
            const double sd = std::sqrt(var[j]);
            s.invStd[j] = sd < 10.0 * FLT_EPSILON ? 1.0f : static_cast<float>(1.0 / sd);
        }
    }
    return s;
}

RowMatrixXf applyTransform(const ConstRowMatrixRef& x, const AffineStats& s) {
    return (x.rowwise() - s.mean).array().rowwise() * s.invStd.array();
}

Status validateProjection(const ConstRowMatrixRef& X, const ConstRowMatrixRef& anchors,
                          const RelativeOptions& options) {
    if (anchors.rows() == 0) return invalidArgument("relative projection needs at least one anchor (K = 0)");
    if (options.similarities.empty()) return invalidArgument("relative projection needs at least one similarity");
    if (anchors.cols() != X.cols())
        return invalidArgument("anchors have " + std::to_string(anchors.cols()) + " dimensions but the space has " +
                               std::to_string(X.cols()));
    if (options.transform == AbsoluteTransform::Standard && anchors.rows() < 2)
        return invalidArgument("standard scaling needs at least 2 anchors (unbiased std)");
    if (!isAllFinite(anchors)) return Error{ErrorCode::NumericalIssue, "anchors contain NaN or Inf", {}, {}};
    return Status::ok();
}

}  // namespace detail

namespace {

using detail::AffineStats;
using detail::applyTransform;
using detail::fitTransform;

}  // namespace

// -------------------------------------------------------------------------------------------- projection
namespace {

constexpr Index kChunkRows = 256;  // rows per thread task inside a block

// The row-block loop shared by the streaming and the full projection: `dest(r0, b)` gives the b x cols output
// rows to fill (a reused buffer, or rows of the final matrix so nothing is copied twice), `done(r0, b)` is
// called after they are filled.
template <class Dest, class Done>
Status projectRows(const ConstRowMatrixRef& X, const ConstRowMatrixRef& anchors, const RelativeOptions& options,
                   JobContext& ctx, Index blockRows, Dest&& dest, Done&& done) {
    if (Status st = detail::validateProjection(X, anchors, options); !st) return st;
    const AffineStats stats = fitTransform(anchors, options.transform);
    const RowMatrixXf transformedAnchors = applyTransform(anchors, stats);
    const detail::PreparedAnchors prepared = detail::prepareAnchors(transformedAnchors, options.similarities);
    const Index n = X.rows();
    blockRows = std::max<Index>(1, blockRows);
    ctx.setStage("relative projection", static_cast<uint64_t>(n));
    for (Index r0 = 0; r0 < n; r0 += blockRows) {
        if (ctx.cancelled()) return Status::cancelled();
        const Index b = std::min(blockRows, n - r0);
        detail::OutBlock out = dest(r0, b);
        // Threads take chunks of kChunkRows rows and run the whole pipeline (single-threaded GEMM, norms,
        // post-normalization) on them while they are in cache. Eigen's own multithreaded GEMM called on
        // 4096-row blocks reaches only ~65-70% of one big GEMM (it re-packs and re-syncs per call); chunked
        // single-threaded GEMMs match the big one.
        const Index chunks = (b + kChunkRows - 1) / kChunkRows;
#pragma omp parallel if (detail::parallelWorth(b * X.cols() * anchors.rows()))
        {
            std::vector<RowMatrixXf> scratch;  // per thread
            RowMatrixXf transformed;
#pragma omp for schedule(dynamic)
            for (Index c = 0; c < chunks; ++c) {
                const Index c0 = c * kChunkRows, cb = std::min(kChunkRows, b - c0);
                // Without a transform the kernels read the (possibly mapped) rows in place; else a chunk copy.
                if (options.transform != AbsoluteTransform::None)
                    transformed = applyTransform(X.middleRows(r0 + c0, cb), stats);
                const ConstRowMatrixRef xb = options.transform == AbsoluteTransform::None
                                                 ? ConstRowMatrixRef(X.middleRows(r0 + c0, cb))
                                                 : ConstRowMatrixRef(transformed);
                detail::projectBlock(xb, prepared, options, scratch, out.middleRows(c0, cb));
            }
        }
        if (Status st = done(r0, b); !st) return st;
        ctx.advance(static_cast<uint64_t>(b));
    }
    return Status::ok();
}

}  // namespace

Status relativeProjectionBlocks(const ConstRowMatrixRef& X, const ConstRowMatrixRef& anchors,
                                const RelativeOptions& options, const RelativeBlockSink& sink, JobContext& ctx,
                                Index blockRows) {
    RowMatrixXf block;  // reused: allocated once (resized only for the last, shorter block)
    const Index cols = relativeOutputCols(options, anchors.rows());
    return projectRows(
        X, anchors, options, ctx, blockRows,
        [&](Index, Index b) -> detail::OutBlock {
            block.resize(b, cols);
            return block;
        },
        [&](Index r0, Index) { return sink(r0, block); });
}

Result<RowMatrixXf> relativeProjection(const ConstRowMatrixRef& X, const ConstRowMatrixRef& anchors,
                                       const RelativeOptions& options, JobContext& ctx) {
    RowMatrixXf out(X.rows(), relativeOutputCols(options, anchors.rows()));
    const Status st = projectRows(
        X, anchors, options, ctx, 4096, [&](Index r0, Index b) -> detail::OutBlock { return out.middleRows(r0, b); },
        [](Index, Index) { return Status::ok(); });
    if (!st) return st;
    return out;
}

}  // namespace lb
