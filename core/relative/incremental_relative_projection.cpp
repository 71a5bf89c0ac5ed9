// IncrementalRelativeProjection: the raw similarity columns of one space, edited one anchor at a time.
// Columns are stored anchor-major: m_rawColumns[k * m + s] = similarity s of every row to anchor k.

#include "core/relative/relative_projection.h"

#include "core/relative/similarity_kernels.h"

namespace lb {

IncrementalRelativeProjection::IncrementalRelativeProjection(const ConstRowMatrixRef& X, RelativeOptions options)
    : m_X(X), m_options(std::move(options)) {}

Result<IncrementalRelativeProjection> IncrementalRelativeProjection::create(const ConstRowMatrixRef& X,
                                                                            const RelativeOptions& options) {
    if (options.transform != AbsoluteTransform::None)
        return invalidArgument("incremental relative projection needs transform 'none' (a centered or standardized "
                               "projection changes every column when an anchor changes)");
    if (options.similarities.empty()) return invalidArgument("relative projection needs at least one similarity");
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
    m_rawColumns.resize(rows.size() * m);
    RowMatrixXf raw(m_X.rows(), anchors.rows());
    for (size_t s = 0; s < m; ++s) {
        detail::similarityBlock(m_options.similarities[s], m_X, prepared, raw);
        for (size_t k = 0; k < rows.size(); ++k) m_rawColumns[k * m + s] = raw.col(static_cast<Index>(k));
    }
    m_anchorRows = rows;
}

RowMatrixXf IncrementalRelativeProjection::result() const {
    const size_t m = m_options.similarities.size();
    const Index k = anchorCount(), n = m_X.rows();
    std::vector<RowMatrixXf> raw(m, RowMatrixXf(n, k));
    for (Index j = 0; j < k; ++j)
        for (size_t s = 0; s < m; ++s) raw[s].col(j) = m_rawColumns[static_cast<size_t>(j) * m + s];
    RowMatrixXf out(n, relativeOutputCols(m_options, k));
    if (k > 0) detail::combineInto(raw, m_options, out);
    return out;
}

}  // namespace lb
