#include "core/analysis/pair_moments.h"

#include "core/jobs/concurrency.h"
#include "core/relative/compact_relative.h"
#include "core/space/row_matching.h"

namespace lb {

namespace {

// rows of X as one matrix: X itself when they are all its rows in order (aligned spaces), else gathered.
RowMatrixXf rowsOf(const LatentSpace& s, const std::vector<Index>& rows, bool unit) {
    if (unit) return cosineNormalizedRows(gatherRows(s.embeddings.view(), rows));
    return gatherRows(s.embeddings.view(), rows);
}

bool allRowsInOrder(const LatentSpace& s, const std::vector<Index>& rows) {
    if (static_cast<Index>(rows.size()) != s.embeddings.rows()) return false;
    for (size_t i = 0; i < rows.size(); ++i)
        if (rows[i] != static_cast<Index>(i)) return false;
    return true;
}

Result<LinearCkaAllRows> allRowsMoments(const LatentSpace& a, const LatentSpace& b, const PairRows& rows, bool unit,
                                        JobContext& ctx) {
    // Aligned spaces' raw rows are read in place (no M x D copy).
    if (!unit && allRowsInOrder(a, rows.rowsA) && allRowsInOrder(b, rows.rowsB))
        return linearCkaAllRows(a.embeddings.view(), b.embeddings.view(), ctx);
    return linearCkaAllRows(rowsOf(a, rows.rowsA, unit), rowsOf(b, rows.rowsB, unit), ctx);
}

}  // namespace

uint64_t pairMomentsKey(const PairRows& rows) {
    uint64_t h = 1469598103934665603ull;
    for (const std::vector<Index>* r : {&rows.rowsA, &rows.rowsB}) {
        for (Index i : *r) h = (h ^ static_cast<uint64_t>(i)) * 1099511628211ull;
        h = (h ^ 0xffu) * 1099511628211ull;  // where rowsA ends
    }
    return h;
}

Result<std::shared_ptr<const PairMoments>> pairMoments(const std::shared_ptr<const PairMoments>& previous,
                                                       const std::shared_ptr<const LatentSpace>& a,
                                                       const std::shared_ptr<const LatentSpace>& b,
                                                       const PairRows& rows, bool raw, bool unit, JobContext& ctx) {
    auto out = std::make_shared<PairMoments>();
    out->spaceA = a;
    out->spaceB = b;
    out->key = pairMomentsKey(rows);
    if (previous && previous->key == out->key && previous->spaceA.lock() == a && previous->spaceB.lock() == b) {
        out->raw = previous->raw;
        out->unit = previous->unit;
    }
    const bool missing[2] = {raw && !out->raw, unit && !out->unit};
    Status status[2] = {Status::ok(), Status::ok()};
    std::shared_ptr<const LinearCkaAllRows> computed[2];
    std::vector<int> parts;
    for (int i = 0; i < 2; ++i)
        if (missing[i]) parts.push_back(i);
    runTasksOnTwoThreads(
        parts.size(),
        [&](size_t task, JobContext& c) {
            const int part = parts[task];
            Result<LinearCkaAllRows> m = allRowsMoments(*a, *b, rows, part == 1, c);
            if (m)
                computed[part] = std::make_shared<const LinearCkaAllRows>(std::move(*m));
            else
                status[part] = m.error();
        },
        ctx);
    for (const Status& st : status)
        if (!st) return st.error();
    if (computed[0]) out->raw = computed[0];
    if (computed[1]) out->unit = computed[1];
    return std::shared_ptr<const PairMoments>(out);
}

Result<LinearCkaMoments> evaluatedMoments(const LinearCkaAllRows& all, bool unit, const LatentSpace& a,
                                          const LatentSpace& b, const PairRows& rows,
                                          const std::vector<Index>& excluded) {
    std::vector<Index> ra, rb;
    for (Index p : excluded) {
        ra.push_back(rows.rowsA[static_cast<size_t>(p)]);
        rb.push_back(rows.rowsB[static_cast<size_t>(p)]);
    }
    return linearCkaMomentsWithout(all, rowsOf(a, ra, unit), rowsOf(b, rb, unit));
}

}  // namespace lb
