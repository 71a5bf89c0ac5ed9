#include "core/analysis/pair_neighbours.h"

#include "core/analysis/settings_json.h"
#include "core/jobs/concurrency.h"
#include "core/metrics/sampling.h"
#include "core/space/row_matching.h"

#include <algorithm>

namespace lb {

namespace {

// Rows beyond kS kept in every list: a query keeps its exact top kS through up to this many excluded neighbours.
// Random anchors rarely take more than one of a query's first dozen neighbours; a selection of a dense cluster may,
// and those queries are searched again.
constexpr Index kSlack = 16;

Index depthFor(Index kS, Index m) {
    return std::min(m, kS + kSlack);
}

// The first k kept rows of `list` (depth entries, positions) into `out`: false when fewer than k are kept.
bool keptPrefix(const Index* list, Index depth, const std::vector<Index>& keptIndex, Index k, Index* out) {
    Index n = 0;
    for (Index r = 0; r < depth && n < k; ++r)
        if (keptIndex[static_cast<size_t>(list[r])] >= 0) out[n++] = list[r];
    return n == k;
}

RowMatrixXf pickRows(const RowMatrixXf& m, const std::vector<Index>& rows) {
    RowMatrixXf out(static_cast<Index>(rows.size()), m.cols());
    for (Index i = 0; i < out.rows(); ++i) out.row(i) = m.row(rows[static_cast<size_t>(i)]);
    return out;
}

// For normalized queries (n x D): their top k among the kept rows of `base` (M x D), positions. One search `depth`
// deep, then one exact search (k + excluded deep) for the queries that lost too many rows to the exclusion.
Result<IndexMatrix> topKAmongKept(const RowMatrixXf& queries, const RowMatrixXf& base, Index k, Index depth,
                                  const std::vector<Index>& keptIndex, Index excluded, JobContext& ctx) {
    IndexMatrix out(queries.rows(), k);
    if (queries.rows() == 0) return out;
    Result<IndexMatrix> deep = cosineTopKOfNormalized(queries, base, depth, ctx);
    if (!deep) return deep.error();
    std::vector<Index> again;
    for (Index i = 0; i < queries.rows(); ++i)
        if (!keptPrefix(deep->row(i).data(), depth, keptIndex, k, out.row(i).data())) again.push_back(i);
    if (again.empty()) return out;
    const Index full = std::min(base.rows(), k + excluded);
    Result<IndexMatrix> exact = cosineTopKOfNormalized(pickRows(queries, again), base, full, ctx);
    if (!exact) return exact.error();
    for (size_t j = 0; j < again.size(); ++j)
        keptPrefix(exact->row(static_cast<Index>(j)).data(), full, keptIndex, k, out.row(again[j]).data());
    return out;
}

// A's rows at `positions` of the pair, normalized as searches compare them.
RowMatrixXf aQueries(const LatentSpace& a, const PairNeighbours& p, const std::vector<Index>& positions) {
    std::vector<Index> rows;
    rows.reserve(positions.size());
    for (Index i : positions) rows.push_back(p.rowsA[static_cast<size_t>(i)]);
    return cosineSearchRows(gatherRows(a.embeddings.view(), rows));
}

}  // namespace

uint64_t pairNeighboursKey(const PairRows& rows, const SimilaritySettings& s) {
    uint64_t h = fingerprintOf(
        nlohmann::json{{"k_jaccard", s.kJaccard}, {"k_mrr", s.kMrr}, {"max_queries", s.maxQueries}, {"seed", s.seed}});
    for (const std::vector<Index>* r : {&rows.rowsA, &rows.rowsB})
        for (Index i : *r) h = (h ^ static_cast<uint64_t>(i)) * 1099511628211ull;
    return h;
}

Result<PairNeighbours> pairNeighbours(std::shared_ptr<const LatentSpace> a, std::shared_ptr<const LatentSpace> b,
                                      const PairRows& rows, const SimilaritySettings& s, JobContext& ctx) {
    PairNeighbours p;
    p.m = static_cast<Index>(rows.rowsB.size());
    if (p.m < 1) return invalidArgument("kNN agreement needs at least one shared row");
    if (s.kJaccard < 1 || s.kMrr < 1) return invalidArgument("Jaccard/MRR k must be >= 1");
    p.spaceA = a;
    p.spaceB = b;
    p.key = pairNeighboursKey(rows, s);
    p.kJaccard = s.kJaccard;
    p.kMrr = s.kMrr;
    p.kS = std::min(p.m, std::max({s.kJaccard, s.kMrr, Index{5}}));
    p.depth = depthFor(p.kS, p.m);
    p.order = seededPermutation(p.m, s.seed);
    // Lists for the first Q rows of the order and a few more: an anchor edit takes about Q·K/M of the queries.
    p.candidates = s.maxQueries <= 0 ? p.m : std::min(p.m, s.maxQueries + s.maxQueries / 64 + 32);
    p.bSearch = std::make_shared<const RowMatrixXf>(cosineSearchRows(gatherRows(b->embeddings.view(), rows.rowsB)));
    p.rowsA = rows.rowsA;
    const bool sameWidth = a->embeddings.cols() == b->embeddings.cols();
    const std::vector<Index> first(p.order.begin(), p.order.begin() + p.candidates);
    ctx.setStage("kNN agreement (every shared row)",
                 static_cast<uint64_t>(sameWidth ? 2 : 1) * static_cast<uint64_t>(p.candidates));
    // B's own lists and A's among B's rows: two independent searches, one per thread.
    Status status[2] = {Status::ok(), Status::ok()};
    runTasksOnTwoThreads(
        sameWidth ? 2 : 1,
        [&](size_t task, JobContext& c) {
            const RowMatrixXf queries = task == 0 ? pickRows(*p.bSearch, first) : aQueries(*a, p, first);
            Result<IndexMatrix> lists = cosineTopKOfNormalized(queries, *p.bSearch, p.depth, c);
            if (!lists)
                status[task] = lists.error();
            else
                (task == 0 ? p.tDeep : p.sDeep) = std::move(*lists);
        },
        ctx);
    for (const Status& st : status)
        if (!st) return st.error();
    if (ctx.cancelled()) return Status::cancelled();
    return p;
}

namespace {

// The queries: the first Q evaluated rows in the pair's seeded `order` (M positions), ascending, each with its index
// in the order (where its list is, if any). Fills e's counts, kept indices, queries and query rows.
Result<std::vector<std::pair<Index, Index>>> drawQueries(EvaluatedNeighbours& e, const std::vector<Index>& order,
                                                         const std::vector<Index>& evaluated, Index kJaccard,
                                                         Index kMrr, Index maxQueries) {
    const Index m = static_cast<Index>(order.size());
    e.evaluated = static_cast<Index>(evaluated.size());
    e.excluded = m - e.evaluated;
    if (e.evaluated < 1) return invalidArgument("Jaccard/MRR need at least one row");
    e.keptIndex.assign(static_cast<size_t>(m), -1);
    for (Index i = 0; i < e.evaluated; ++i) e.keptIndex[static_cast<size_t>(evaluated[static_cast<size_t>(i)])] = i;
    e.kJaccard = std::min(kJaccard, e.evaluated);
    e.kMrr = std::min(kMrr, e.evaluated);
    e.kS = std::max({e.kJaccard, e.kMrr, std::min<Index>(5, e.evaluated)});
    const Index q = maxQueries <= 0 ? e.evaluated : std::min(maxQueries, e.evaluated);
    std::vector<std::pair<Index, Index>> chosen;  // (position, index in the order)
    for (Index i = 0; i < m && static_cast<Index>(chosen.size()) < q; ++i) {
        const Index pos = order[static_cast<size_t>(i)];
        if (e.keptIndex[static_cast<size_t>(pos)] >= 0) chosen.emplace_back(pos, i);
    }
    std::sort(chosen.begin(), chosen.end());
    for (const auto& [pos, at] : chosen) {
        e.queries.push_back(pos);
        e.queryRows.push_back(e.keptIndex[static_cast<size_t>(pos)]);
    }
    return chosen;
}

}  // namespace

Result<EvaluatedNeighbours> evaluatedQueries(Index m, const std::vector<Index>& evaluated,
                                             const SimilaritySettings& s) {
    if (s.kJaccard < 1 || s.kMrr < 1) return invalidArgument("Jaccard/MRR k must be >= 1");
    EvaluatedNeighbours e;
    Result<std::vector<std::pair<Index, Index>>> chosen =
        drawQueries(e, seededPermutation(m, s.seed), evaluated, s.kJaccard, s.kMrr, s.maxQueries);
    if (!chosen) return chosen.error();
    return e;
}

Result<EvaluatedNeighbours> evaluatedNeighbours(const PairNeighbours& p, const std::vector<Index>& evaluated,
                                                Index maxQueries, JobContext& ctx) {
    // The queries, with where their lists are (the order's index; beyond p.candidates there are none).
    EvaluatedNeighbours e;
    Result<std::vector<std::pair<Index, Index>>> drawn =
        drawQueries(e, p.order, evaluated, p.kJaccard, p.kMrr, maxQueries);
    if (!drawn) return drawn.error();
    const std::vector<std::pair<Index, Index>>& chosen = *drawn;
    const Index q = static_cast<Index>(chosen.size());

    const bool withS = p.sDeep.size() > 0;
    e.nt.resize(q, e.kJaccard);
    if (withS) e.ns.resize(q, e.kS);
    std::vector<Index> againT, againS;
    for (Index i = 0; i < q; ++i) {
        const Index at = chosen[static_cast<size_t>(i)].second;
        if (at >= p.candidates ||
            !keptPrefix(p.tDeep.row(at).data(), p.depth, e.keptIndex, e.kJaccard, e.nt.row(i).data()))
            againT.push_back(i);
        if (withS &&
            (at >= p.candidates || !keptPrefix(p.sDeep.row(at).data(), p.depth, e.keptIndex, e.kS, e.ns.row(i).data())))
            againS.push_back(i);
    }
    // The few queries whose lists are missing or too short: searched again among B's rows, exactly.
    for (int side = 0; side < (withS ? 2 : 1); ++side) {
        const std::vector<Index>& again = side == 0 ? againT : againS;
        if (again.empty()) continue;
        std::vector<Index> positions;
        for (Index i : again) positions.push_back(e.queries[static_cast<size_t>(i)]);
        const std::shared_ptr<const LatentSpace> a = p.spaceA.lock();
        if (side == 1 && !a) return invalidArgument("kNN agreement: space A is no longer loaded");
        const RowMatrixXf queries = side == 0 ? pickRows(*p.bSearch, positions) : aQueries(*a, p, positions);
        const Index k = side == 0 ? e.kJaccard : e.kS;
        Result<IndexMatrix> lists =
            topKAmongKept(queries, *p.bSearch, k, std::min(p.m, k + e.excluded), e.keptIndex, e.excluded, ctx);
        if (!lists) return lists.error();
        IndexMatrix& into = side == 0 ? e.nt : e.ns;
        for (size_t j = 0; j < again.size(); ++j) into.row(again[j]) = lists->row(static_cast<Index>(j));
    }
    return e;
}

Result<KnnAgreement> agreementAmongEvaluated(const PairNeighbours& p, const EvaluatedNeighbours& e,
                                             const RowMatrixXf& sQueries, JobContext& ctx) {
    if (sQueries.rows() != static_cast<Index>(e.queries.size()) || sQueries.cols() != p.bSearch->cols())
        return invalidArgument("Jaccard/MRR: the query rows do not match the pair's queries");
    ctx.setStage("kNN agreement", static_cast<uint64_t>(sQueries.rows()));
    Result<IndexMatrix> ns = topKAmongKept(cosineSearchRows(sQueries), *p.bSearch, e.kS, std::min(p.m, e.kS + kSlack),
                                           e.keptIndex, e.excluded, ctx);
    if (!ns) return ns.error();
    return knnAgreementOfLists(e.queries, e.nt, *ns, e.kJaccard, e.kMrr, e.evaluated);
}

KnnAgreement absoluteAgreement(const EvaluatedNeighbours& e) {
    return knnAgreementOfLists(e.queries, e.nt, e.ns, e.kJaccard, e.kMrr, e.evaluated);
}

}  // namespace lb
