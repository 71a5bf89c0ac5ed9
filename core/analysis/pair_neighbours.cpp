#include "core/analysis/pair_neighbours.h"

#include "core/analysis/row_pass.h"
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

// Rows of B gathered, normalized and searched at a time: 4096 x Db floats (12 MB at 768 dims).
constexpr Index kSearchBlockRows = 4096;

// B's rows at `positions` of the pair, normalized as searches compare them (n x Db).
RowMatrixXf bQueries(const LatentSpace& b, const PairNeighbours& p, const std::vector<Index>& positions) {
    return cosineSearchRows(gatherRows(b.embeddings.view(), rowsAt(p.rowsB, positions)));
}

// A's rows at `positions` of the pair, normalized as searches compare them.
RowMatrixXf aQueries(const LatentSpace& a, const PairNeighbours& p, const std::vector<Index>& positions) {
    return cosineSearchRows(gatherRows(a.embeddings.view(), rowsAt(p.rowsA, positions)));
}

// `search` (its queries normalized, n x Db) fed B's rows at positions [p0, p1) of the pair, block by block.
Status searchAmongB(StreamedCosineTopK& search, const LatentSpace& b, const PairNeighbours& p, Index p0, Index p1,
                    JobContext& ctx) {
    const ConstRowMatrixMap view = b.embeddings.view();
    std::vector<Index> rows;
    for (Index b0 = p0; b0 < p1; b0 += kSearchBlockRows) {
        if (ctx.cancelled()) return Status::cancelled();
        const Index nb = std::min(kSearchBlockRows, p1 - b0);
        rows.assign(p.rowsB.begin() + b0, p.rowsB.begin() + b0 + nb);
        search.add(cosineSearchRows(gatherRows(view, rows)), b0);
        ctx.advance(static_cast<uint64_t>(nb));
    }
    return Status::ok();
}

// For normalized queries (n x Db): their first k among all M rows of B (positions), on the calling thread.
Result<IndexMatrix> topKAmongB(const LatentSpace& b, const PairNeighbours& p, const RowMatrixXf& queries, Index k,
                               JobContext& ctx) {
    StreamedCosineTopK search(queries, k);
    if (Status st = searchAmongB(search, b, p, 0, p.m, ctx); !st) return st.error();
    return search.rows();
}

// For normalized queries (n x Db): their top k among the kept rows of B's M rows, positions. One search `depth`
// deep, then one exact search (k + excluded deep) for the queries that lost too many rows to the exclusion.
Result<IndexMatrix> topKAmongKept(const LatentSpace& b, const PairNeighbours& p, const RowMatrixXf& queries, Index k,
                                  Index depth, const std::vector<Index>& keptIndex, Index excluded, JobContext& ctx) {
    IndexMatrix out(queries.rows(), k);
    if (queries.rows() == 0) return out;
    Result<IndexMatrix> deep = topKAmongB(b, p, queries, depth, ctx);
    if (!deep) return deep.error();
    std::vector<Index> again;
    for (Index i = 0; i < queries.rows(); ++i)
        if (!keptPrefix(deep->row(i).data(), depth, keptIndex, k, out.row(i).data())) again.push_back(i);
    if (again.empty()) return out;
    const Index full = std::min(p.m, k + excluded);
    RowMatrixXf lost(static_cast<Index>(again.size()), queries.cols());
    for (size_t j = 0; j < again.size(); ++j) lost.row(static_cast<Index>(j)) = queries.row(again[j]);
    Result<IndexMatrix> exact = topKAmongB(b, p, lost, full, ctx);
    if (!exact) return exact.error();
    for (size_t j = 0; j < again.size(); ++j)
        keptPrefix(exact->row(static_cast<Index>(j)).data(), full, keptIndex, k, out.row(again[j]).data());
    return out;
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
                                      const PairRows& rows, const SimilaritySettings& s, bool listsOfA,
                                      JobContext& ctx) {
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
    p.rowsA = rows.rowsA;
    p.rowsB = rows.rowsB;
    const bool withS = listsOfA && a->embeddings.cols() == b->embeddings.cols();
    const std::vector<Index> first(p.order.begin(), p.order.begin() + p.candidates);
    // One search of B's candidate rows and A's (C or 2C x Db) over B's rows, its two halves on two threads.
    const Index c = p.candidates;
    RowMatrixXf queries(withS ? 2 * c : c, b->embeddings.cols());
    queries.topRows(c) = bQueries(*b, p, first);
    if (withS) queries.bottomRows(c) = aQueries(*a, p, first);
    const Index middle = secondHalfStart(p.m, kSearchBlockRows);
    StreamedCosineTopK halves[2] = {StreamedCosineTopK(queries, p.depth), StreamedCosineTopK(queries, p.depth)};
    Status status[2] = {Status::ok(), Status::ok()};
    runTasksOnTwoThreads(
        2,
        [&](size_t half, JobContext& hc) {
            hc.setStage("kNN agreement (every shared row)", static_cast<uint64_t>(half == 0 ? middle : p.m - middle));
            status[half] = searchAmongB(halves[half], *b, p, half == 0 ? 0 : middle, half == 0 ? middle : p.m, hc);
        },
        ctx);
    for (const Status& st : status)
        if (!st) return st.error();
    if (ctx.cancelled()) return Status::cancelled();
    halves[0].append(halves[1]);
    const IndexMatrix lists = halves[0].rows();  // C or 2C x depth
    p.tDeep = lists.topRows(c);
    if (withS) p.sDeep = lists.bottomRows(c);
    return p;
}

bool hasListsOfA(const PairNeighbours& p, bool listsOfA, Index widthA, Index widthB) {
    return !listsOfA || widthA != widthB || p.sDeep.size() > 0;
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
        const std::shared_ptr<const LatentSpace> a = p.spaceA.lock(), b = p.spaceB.lock();
        if (!a || !b) return invalidArgument("kNN agreement: a space of the pair is no longer loaded");
        const RowMatrixXf queries = side == 0 ? bQueries(*b, p, positions) : aQueries(*a, p, positions);
        const Index k = side == 0 ? e.kJaccard : e.kS;
        Result<IndexMatrix> lists =
            topKAmongKept(*b, p, queries, k, std::min(p.m, k + e.excluded), e.keptIndex, e.excluded, ctx);
        if (!lists) return lists.error();
        IndexMatrix& into = side == 0 ? e.nt : e.ns;
        for (size_t j = 0; j < again.size(); ++j) into.row(again[j]) = lists->row(static_cast<Index>(j));
    }
    return e;
}

Result<KnnAgreement> agreementAmongEvaluated(const PairNeighbours& p, const EvaluatedNeighbours& e,
                                             const RowMatrixXf& sQueries, JobContext& ctx) {
    const std::shared_ptr<const LatentSpace> b = p.spaceB.lock();
    if (!b) return invalidArgument("kNN agreement: space B is no longer loaded");
    if (sQueries.rows() != static_cast<Index>(e.queries.size()) || sQueries.cols() != b->embeddings.cols())
        return invalidArgument("Jaccard/MRR: the query rows do not match the pair's queries");
    ctx.setStage("kNN agreement", static_cast<uint64_t>(p.m));
    Result<IndexMatrix> ns = topKAmongKept(*b, p, cosineSearchRows(sQueries), e.kS, std::min(p.m, e.kS + kSlack),
                                           e.keptIndex, e.excluded, ctx);
    if (!ns) return ns.error();
    return knnAgreementOfLists(e.queries, e.nt, *ns, e.kJaccard, e.kMrr, e.evaluated);
}

KnnAgreement absoluteAgreement(const EvaluatedNeighbours& e) {
    return knnAgreementOfLists(e.queries, e.nt, e.ns, e.kJaccard, e.kMrr, e.evaluated);
}

}  // namespace lb
