#include "core/stitch/stitching_rows.h"

#include "core/linalg/covariance.h"
#include "core/space/row_blocks.h"

namespace lb::detail {

RowMatrixXf gather(const ConstRowMatrixRef& X, const std::vector<Index>& rows) {
    RowMatrixXf out(static_cast<Index>(rows.size()), X.cols());
    for (size_t r = 0; r < rows.size(); ++r) out.row(static_cast<Index>(r)) = X.row(rows[r]);
    return out;
}

std::vector<int32_t> gatherLabels(const std::vector<int32_t>& labels, const std::vector<Index>& rows) {
    std::vector<int32_t> out(rows.size());
    for (size_t r = 0; r < rows.size(); ++r) out[r] = labels[static_cast<size_t>(rows[r])];
    return out;
}

Result<RowMatrixXf> featureRows(const ConstRowMatrixRef& X, const std::vector<Index>& rows, const RowFeatures& features,
                                JobContext& ctx) {
    if (!features) return gather(X, rows);
    RowMatrixXf out;
    const Status st = forEachRowBlock(
        X, rows, kCrossProductBlockRows,
        [&](Index first, const RowMatrixXf& block) -> Status {
            Result<RowMatrixXf> f = features(block);
            if (!f) return f.error();
            if (out.size() == 0) out.resize(static_cast<Index>(rows.size()), f->cols());
            out.middleRows(first, f->rows()) = *f;
            return Status::ok();
        },
        ctx);
    if (!st) return st.error();
    return out;
}

Result<std::vector<int32_t>> predictRows(const LinearClassifier& head, const ConstRowMatrixRef& X,
                                         const std::vector<Index>& rows, JobContext& ctx, const RowFeatures& features) {
    StackedHeads stacked;
    stacked.add(head);
    std::vector<std::vector<int32_t>> out(1);
    const Status st = forEachRowBlock(
        X, rows, kCrossProductBlockRows,
        [&](Index, const RowMatrixXf& block) -> Status {
            if (!features) return stacked.predict(block, out), Status::ok();
            Result<RowMatrixXf> f = features(block);
            if (!f) return f.error();
            stacked.predict(*f, out);
            return Status::ok();
        },
        ctx);
    if (!st) return st.error();
    return std::move(out[0]);
}

}  // namespace lb::detail
