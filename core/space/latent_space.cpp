#include "core/space/latent_space.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_set>

namespace lb {

Embeddings::Embeddings(RowMatrixXf owned) : m_rows(owned.rows()), m_cols(owned.cols()) {
    auto holder = std::make_shared<RowMatrixXf>(std::move(owned));
    m_data = holder->data();
    m_keepAlive = std::move(holder);
}

Embeddings::Embeddings(const float* data, Index rows, Index cols, std::shared_ptr<const void> keepAlive)
    : m_data(data), m_rows(rows), m_cols(cols), m_mapped(true), m_keepAlive(std::move(keepAlive)) {}

int LatentSpace::numClasses() const {
    if (labels.empty()) return 0;
    // In 64 bits: a label of 2^31 - 1 must not wrap to a class count of 0 (validateSpace bounds it anyway).
    const int64_t maxLabel = *std::max_element(labels.begin(), labels.end());
    const int64_t count = std::max<int64_t>(maxLabel + 1, static_cast<int64_t>(labelNames.size()));
    return static_cast<int>(std::min<int64_t>(count, std::numeric_limits<int>::max()));
}

int64_t maxClassCount(const LatentSpace& s) {
    if (!s.labelNames.empty()) return static_cast<int64_t>(s.labelNames.size());
    return std::max<int64_t>(s.n(), kMaxUnnamedClasses);
}

static Status lengthMismatch(const LatentSpace& s, const char* what, size_t got) {
    return badInput(s.path, std::string(what) + " has " + std::to_string(got) + " entries but the embeddings have " +
                                std::to_string(s.n()) + " rows");
}

Status validateSpace(const LatentSpace& s) {
    const auto n = static_cast<size_t>(s.n());
    if (s.n() == 0) return badInput(s.path, "no rows (N = 0)");
    if (s.d() == 0) return badInput(s.path, "rows have no dimensions (D = 0)");
    if (!s.keys.empty() && s.keys.size() != n) return lengthMismatch(s, "keys", s.keys.size());
    if (!s.labels.empty() && s.labels.size() != n) return lengthMismatch(s, "labels", s.labels.size());
    if (!s.texts.empty() && s.texts.size() != n) return lengthMismatch(s, "texts", s.texts.size());
    if (!s.images.empty()) {
        const size_t per = static_cast<size_t>(s.images.height) * static_cast<size_t>(s.images.width);
        if (per == 0 || s.images.pixels.size() != n * per)
            return lengthMismatch(s, "images", per == 0 ? 0 : s.images.pixels.size() / per);
    }
    const int64_t classLimit = maxClassCount(s);
    for (size_t i = 0; i < s.labels.size(); ++i) {
        if (s.labels[i] < 0)
            return badInput(s.path, "negative label " + std::to_string(s.labels[i]), "row " + std::to_string(i));
        // Memory (heads, per-class sums) follows the class count: a stray huge label must not decide it.
        if (s.labels[i] >= classLimit)
            return badInput(
                s.path,
                "label " + std::to_string(s.labels[i]) + " at row " + std::to_string(i) +
                    (s.labelNames.empty()
                         ? " is too large: without label_names, labels must be below " + std::to_string(classLimit) +
                               " (the larger of the row count and " + std::to_string(kMaxUnnamedClasses) + ")"
                         : " has no name: there are " + std::to_string(s.labelNames.size()) +
                               " label_names, so labels must be below that"),
                "row " + std::to_string(i));
    }
    if (!s.keys.empty()) {
        std::unordered_set<std::string> seen;
        seen.reserve(n);
        for (size_t i = 0; i < n; ++i)
            if (!seen.insert(s.keys[i]).second)
                return badInput(s.path, "duplicate key \"" + s.keys[i] + "\"", "row " + std::to_string(i));
    }
    return Status::ok();
}

NonFiniteReport findNonFiniteRows(const LatentSpace& space) {
    NonFiniteReport report;
    const ConstRowMatrixMap X = space.embeddings.view();
    for (Index i = 0; i < X.rows(); ++i) {
        if (!isAllFinite(X.row(i))) {
            ++report.count;
            if (report.firstRows.size() < 10) report.firstRows.push_back(i);
        }
    }
    return report;
}

template <class T>
static std::vector<T> keepRows(const std::vector<T>& v, const std::vector<Index>& rows) {
    if (v.empty()) return {};
    std::vector<T> out;
    out.reserve(rows.size());
    for (Index r : rows) out.push_back(v[static_cast<size_t>(r)]);
    return out;
}

LatentSpace dropNonFiniteRows(const LatentSpace& space) {
    const ConstRowMatrixMap X = space.embeddings.view();
    std::vector<Index> kept;
    kept.reserve(static_cast<size_t>(X.rows()));
    for (Index i = 0; i < X.rows(); ++i)
        if (isAllFinite(X.row(i))) kept.push_back(i);

    LatentSpace out;
    out.name = space.name;
    out.path = space.path;
    out.dtype = space.dtype;
    out.labelNames = space.labelNames;
    out.warnings = space.warnings;
    RowMatrixXf M(static_cast<Index>(kept.size()), X.cols());
    for (size_t r = 0; r < kept.size(); ++r) M.row(static_cast<Index>(r)) = X.row(kept[r]);
    out.embeddings = Embeddings(std::move(M));
    out.keys = keepRows(space.keys, kept);
    out.labels = keepRows(space.labels, kept);
    out.texts = keepRows(space.texts, kept);
    if (!space.images.empty()) {
        out.images.height = space.images.height;
        out.images.width = space.images.width;
        const size_t per = static_cast<size_t>(space.images.height) * space.images.width;
        out.images.pixels.reserve(kept.size() * per);
        for (Index r : kept)
            out.images.pixels.insert(out.images.pixels.end(), space.images.image(r), space.images.image(r) + per);
    }
    const Index dropped = X.rows() - static_cast<Index>(kept.size());
    if (dropped > 0) out.warnings.push_back({std::to_string(dropped) + " rows with NaN/Inf dropped", space.path});
    return out;
}

std::string describeNonFinite(const NonFiniteReport& report) {
    std::string rows;
    for (size_t i = 0; i < report.firstRows.size(); ++i) rows += (i ? ", " : "") + std::to_string(report.firstRows[i]);
    if (static_cast<Index>(report.firstRows.size()) < report.count) rows += ", ...";
    return std::to_string(report.count) + (report.count == 1 ? " row contains" : " rows contain") +
           " NaN/Inf (first rows: " + rows + ")";
}

NonFiniteReport nonFiniteRows(const LatentSpace& space) {
    return space.nonFinite ? *space.nonFinite : findNonFiniteRows(space);
}

void reportOrDropNonFinite(LatentSpace& space, bool drop) {
    const NonFiniteReport nf = findNonFiniteRows(space);
    space.nonFinite = nf;
    if (nf.count == 0) return;
    if (drop) {
        space = dropNonFiniteRows(space);
        space.nonFinite = NonFiniteReport{};
    } else {
        space.warnings.push_back({describeNonFinite(nf), space.path});
    }
}

double meanRowNorm(const LatentSpace& space) {
    const ConstRowMatrixMap X = space.embeddings.view();
    double sum = 0.0;
    Index count = 0;
    for (Index i = 0; i < X.rows(); ++i) {
        const double norm = X.row(i).cast<double>().norm();
        if (std::isfinite(norm)) {
            sum += norm;
            ++count;
        }
    }
    return count > 0 ? sum / static_cast<double>(count) : 0.0;
}

}  // namespace lb
