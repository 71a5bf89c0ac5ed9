#include "core/analysis/cross_retrieval.h"

#include "core/metrics/knn.h"
#include "core/metrics/sampling.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace lb {

const char* retrievalRouteName(RetrievalRoute r) {
    static const char* names[] = {"absolute", "relative", "translated", "asif"};
    const int i = static_cast<int>(r);
    return i >= 0 && i < kRetrievalRoutes ? names[i] : "";
}

namespace {

// Each side of a route: the query rows (Q × W) and the candidates (M × W), compared by dot product.
struct RouteSides {
    RowMatrixXf queries, candidates;
    std::string why;
};

Result<RouteSides> routeSides(RetrievalRoute route, const CrossRetrievalInput& in, const RowMatrixXf& q,
                              const RowMatrixXf& c, const RowMatrixXf& anchorsA, const RowMatrixXf& anchorsB,
                              JobContext& ctx) {
    RouteSides s;
    switch (route) {
        case RetrievalRoute::Absolute:
            if (q.cols() != c.cols()) {
                s.why = "A has " + std::to_string(q.cols()) + " dims and B " + std::to_string(c.cols()) +
                        ": raw rows cannot be compared";
                return s;
            }
            s.queries = cosineSearchRows(q);
            s.candidates = cosineSearchRows(c);
            return s;
        case RetrievalRoute::Relative: {
            Result<RowMatrixXf> rq = relativeProjection(q, anchorsA, in.relative, ctx);
            if (!rq) return rq.error();
            Result<RowMatrixXf> rc = relativeProjection(c, anchorsB, in.relative, ctx);
            if (!rc) return rc.error();
            s.queries = cosineSearchRows(std::move(*rq));
            s.candidates = cosineSearchRows(std::move(*rc));
            return s;
        }
        case RetrievalRoute::Translated: {
            Result<Translator> t = Translator::fit(anchorsA, anchorsB, in.translation, ctx, FitReport::Skip);
            if (!t) {
                if (t.error().code == ErrorCode::Cancelled) return t.error();
                s.why = "translator: " + t.error().message;
                return s;
            }
            s.queries = cosineSearchRows(t->apply(q));
            s.candidates = cosineSearchRows(c);
            return s;
        }
        case RetrievalRoute::Asif: {
            Result<RowMatrixXf> eq = asifEncode(q, anchorsA, in.asif, ctx);
            if (!eq) return eq.error();
            Result<RowMatrixXf> ec = asifEncode(c, anchorsB, in.asif, ctx);
            if (!ec) return ec.error();
            s.queries = std::move(*eq);
            s.candidates = std::move(*ec);
            return s;
        }
    }
    return s;
}

}  // namespace

Result<CrossRetrieval> crossRetrieval(const CrossRetrievalInput& in, const std::vector<Index>& queries, Index topN,
                                      JobContext& ctx) {
    std::vector<Index> anchorRowsA = in.anchorRowsA, anchorRowsB = in.anchorRowsB;
    if (anchorRowsA.empty() || anchorRowsA.size() != anchorRowsB.size()) {
        anchorRowsA.clear();
        anchorRowsB.clear();
        for (Index p : in.anchorPositions) {
            if (p < 0 || static_cast<size_t>(p) >= std::min(in.match.rowsA.size(), in.match.rowsB.size()))
                return invalidArgument("anchor position " + std::to_string(p) + " is out of range");
            anchorRowsA.push_back(in.match.rowsA[static_cast<size_t>(p)]);
            anchorRowsB.push_back(in.match.rowsB[static_cast<size_t>(p)]);
        }
    }
    if (anchorRowsA.size() < 2) return invalidArgument("cross-space retrieval needs at least 2 anchors");
    const LatentSpace &a = *in.a, &b = *in.b;
    for (Index q : queries)
        if (q < 0 || q >= a.n()) return invalidArgument("query row " + std::to_string(q) + " is out of range");
    std::vector<char> isAnchorB(static_cast<size_t>(b.n()), 0);
    for (Index r : anchorRowsB) isAnchorB[static_cast<size_t>(r)] = 1;
    std::vector<Index> candidateRows;
    for (Index r = 0; r < b.n(); ++r)
        if (!isAnchorB[static_cast<size_t>(r)]) candidateRows.push_back(r);
    if (candidateRows.empty()) return invalidArgument("every row of B is an anchor: no candidate left");
    std::unordered_map<Index, Index> truthOf;  // A row -> B row
    for (size_t i = 0; i < in.match.size(); ++i) truthOf[in.match.rowsA[i]] = in.match.rowsB[i];
    std::unordered_map<Index, Index> candidateIndex;
    for (size_t i = 0; i < candidateRows.size(); ++i) candidateIndex[candidateRows[i]] = static_cast<Index>(i);

    const RowMatrixXf q = gatherRows(a.embeddings.view(), queries);
    const RowMatrixXf c = gatherRows(b.embeddings.view(), candidateRows);
    const RowMatrixXf anchorsA = gatherRows(a.embeddings.view(), anchorRowsA);
    const RowMatrixXf anchorsB = gatherRows(b.embeddings.view(), anchorRowsB);
    CrossRetrieval out;
    out.candidates = static_cast<Index>(candidateRows.size());
    out.queries.resize(queries.size());
    for (size_t i = 0; i < queries.size(); ++i) {
        out.queries[i].query = queries[i];
        const auto t = truthOf.find(queries[i]);
        if (t != truthOf.end() && candidateIndex.count(t->second)) out.queries[i].truth = t->second;
    }
    ctx.setStage("retrieval", kRetrievalRoutes);
    const Index keep = std::min<Index>(std::max<Index>(topN, 1), out.candidates);
    for (int r = 0; r < kRetrievalRoutes; ++r) {
        const auto route = static_cast<RetrievalRoute>(r);
        Result<RouteSides> sides = routeSides(route, in, q, c, anchorsA, anchorsB, ctx);
        if (!sides) return sides.error();
        Index hit1 = 0, hit5 = 0, counted = 0;
        std::vector<Index> order(static_cast<size_t>(out.candidates));
        for (size_t i = 0; i < queries.size(); ++i) {
            RouteMatches& m = out.queries[i].routes[static_cast<size_t>(r)];
            if (!sides->why.empty()) {
                m.why = sides->why;
                continue;
            }
            const Eigen::VectorXf scores = sides->candidates * sides->queries.row(static_cast<Index>(i)).transpose();
            std::iota(order.begin(), order.end(), Index{0});
            std::partial_sort(order.begin(), order.begin() + keep, order.end(), [&](Index x, Index y) {
                return scores(x) > scores(y) || (scores(x) == scores(y) && x < y);
            });
            for (Index k = 0; k < keep; ++k) {
                m.top.push_back(candidateRows[static_cast<size_t>(order[static_cast<size_t>(k)])]);
                m.scores.push_back(scores(order[static_cast<size_t>(k)]));
            }
            const Index truth = out.queries[i].truth;
            if (truth < 0) continue;
            // Candidates ahead of the truth: higher scores, and equal ones of lower row (as asifRetrieval counts).
            const Index at = candidateIndex.at(truth);
            const float s = scores(at);
            Index ahead = 0;
            for (Index j = 0; j < out.candidates; ++j) ahead += scores(j) > s || (scores(j) == s && j < at);
            m.trueRank = ahead;
            ++counted;
            hit1 += ahead < 1;
            hit5 += ahead < 5;
        }
        out.withTruth = counted;
        out.top1[static_cast<size_t>(r)] = sides->why.empty() && counted > 0 ? static_cast<double>(hit1) / counted : -1;
        out.top5[static_cast<size_t>(r)] = sides->why.empty() && counted > 0 ? static_cast<double>(hit5) / counted : -1;
        ctx.advance(1);
        if (ctx.cancelled()) return Status::cancelled();
    }
    return out;
}

}  // namespace lb
