// IncrementalRelativeProjection: the raw similarity columns of one space, edited one anchor at a time.
// Columns are stored anchor-major: m_rawColumns[k * m + s] = similarity s of every row to anchor k.

#include "core/relative/relative_projection.h"

#include "core/relative/similarity_kernels.h"

#include <algorithm>

namespace lb {

// Moving between the column store and row-major N x K matrices one column at a time touches a new cache line
// for every element (stride K): 3M misses for 10,000 x 300, more than the arithmetic of an interactive anchor
// edit. Tiles of kTileRows rows keep the tile's K-wide rows in L2 while the columns are walked, so each line
// is loaded once.
constexpr Index kTileRows = 64;

// out(i, j) = columns[j * stride + offset](i) for all i < N, j < K.
static void gatherColumns(const std::vector<Eigen::VectorXf>& columns, size_t stride, size_t offset, RowMatrixXf& out) {
    const Index n = out.rows(), k = out.cols();
    for (Index i0 = 0; i0 < n; i0 += kTileRows) {
        const Index rows = std::min(kTileRows, n - i0);
        for (Index j = 0; j < k; ++j) {
            const float* src = columns[static_cast<size_t>(j) * stride + offset].data() + i0;
            for (Index i = 0; i < rows; ++i) out(i0 + i, j) = src[i];
        }
    }
}

// columns[j * stride + offset] = in.col(j) for all j < K (each column already sized N).
static void scatterColumns(const RowMatrixXf& in, size_t stride, size_t offset, std::vector<Eigen::VectorXf>& columns) {
    const Index n = in.rows(), k = in.cols();
    for (Index i0 = 0; i0 < n; i0 += kTileRows) {
        const Index rows = std::min(kTileRows, n - i0);
        for (Index j = 0; j < k; ++j) {
            float* dst = columns[static_cast<size_t>(j) * stride + offset].data() + i0;
            for (Index i = 0; i < rows; ++i) dst[i] = in(i0 + i, j);
        }
    }
}

IncrementalRelativeProjection::IncrementalRelativeProjection(const ConstRowMatrixRef& X, RelativeOptions options)
    : m_X(X), m_options(std::move(options)) {}

Result<IncrementalRelativeProjection> IncrementalRelativeProjection::create(const ConstRowMatrixRef& X,
                                                                            const RelativeOptions& options) {
    if (options.transform != AbsoluteTransform::None)
        return invalidArgument(
            "incremental relative projection needs transform 'none' (a centered or standardized "
            "projection changes every column when an anchor changes)");
    if (options.similarities.empty()) return invalidArgument("relative projection needs at least one similarity");
    for (Similarity s : options.similarities)
        if (s == Similarity::Whitened)
            return invalidArgument(
                "incremental relative projection cannot use the whitened similarity (the anchors' covariance "
                "changes every column when an anchor changes)");
    IncrementalRelativeProjection p(X, options);
    p.m_rowNorms.resize(X.rows());
    // Stored as 1 / max(‖x‖, 1e-12), the factor the cosine kernels multiply by.
    for (Index i = 0; i < X.rows(); ++i) p.m_rowNorms[i] = 1.0f / std::max(X.row(i).norm(), 1e-12f);
    return p;
}

void IncrementalRelativeProjection::addAnchor(Index row) {
    assert(row >= 0 && row < m_X.rows() && "anchor row out of range");
    const Eigen::RowVectorXf anchor = m_X.row(row);
    for (Similarity s : m_options.similarities)
        m_rawColumns.push_back(detail::similarityColumn(s, m_X, m_rowNorms, anchor));
    m_anchorRows.push_back(row);
}

void IncrementalRelativeProjection::removeAnchor(Index position) {
    assert(position >= 0 && position < anchorCount() && "anchor position out of range");
    const auto m = static_cast<std::ptrdiff_t>(m_options.similarities.size());
    const auto first = m_rawColumns.begin() + position * m;
    m_rawColumns.erase(first, first + m);
    m_anchorRows.erase(m_anchorRows.begin() + position);
}

void IncrementalRelativeProjection::setAnchors(const std::vector<Index>& rows) {
    m_anchorRows.clear();
    m_rawColumns.clear();
    if (rows.empty()) return;
    // Full recompute through the block kernels (GEMM) rather than K column passes.
    RowMatrixXf anchors(static_cast<Index>(rows.size()), m_X.cols());
    for (size_t k = 0; k < rows.size(); ++k) anchors.row(static_cast<Index>(k)) = m_X.row(rows[k]);
    const detail::PreparedAnchors prepared = detail::prepareAnchors(anchors, m_options.similarities);
    const size_t m = m_options.similarities.size();
    m_rawColumns.assign(rows.size() * m, Eigen::VectorXf(m_X.rows()));
    RowMatrixXf raw(m_X.rows(), anchors.rows());
    for (size_t s = 0; s < m; ++s) {
        detail::similarityBlock(m_options.similarities[s], m_X, prepared, raw);
        scatterColumns(raw, m, s, m_rawColumns);
    }
    m_anchorRows = rows;
}

RowMatrixXf IncrementalRelativeProjection::result() const {
    const size_t m = m_options.similarities.size();
    const Index k = anchorCount(), n = m_X.rows();
    if (m == 1) {  // one similarity: gather straight into the output (no N x K intermediate)
        RowMatrixXf out(n, k);
        gatherColumns(m_rawColumns, 1, 0, out);
        detail::postNormalize(out, m_options);
        return out;
    }
    std::vector<RowMatrixXf> raw(m, RowMatrixXf(n, k));
    for (size_t s = 0; s < m; ++s) gatherColumns(m_rawColumns, m, s, raw[s]);
    RowMatrixXf out(n, relativeOutputCols(m_options, k));
    if (k > 0) detail::combineInto(raw, m_options, out);
    return out;
}

}  // namespace lb
