// The similarity table's neighbour searches among B's rows, over all M rows a pair shares, kept across anchor edits.
//
// Under the standard protocol every metric leaves the anchors out, so each anchor edit changes the evaluated rows
// E = M − anchors. Searching again among E rows would cost O(Q·E·D) per edit for neighbourhoods that do not depend
// on the anchors at all (B's own, and A's when A and B share coordinates: the absolute column). Instead the lists
// are found once among all M rows, a few deeper than asked (depth = kS + kSlack), and each edit drops the excluded
// rows from them: the first k kept rows of a list are exactly the top k among the kept rows. A query that loses
// more than kSlack of its list to excluded rows is searched again, deep enough to be exact (kS + excluded rows).
// The queries are the first Q evaluated rows of one seeded permutation of the M rows (a uniform sample of E, and
// the same rows edit after edit unless an anchor hits one).
// Every search reads B's rows block by block from the mapped space, normalizing each block as it comes
// (StreamedCosineTopK, knn.h): no M x Db copy of B is made or kept (3 GB at 1M rows x 768).
#pragma once

#include "core/analysis/analysis_settings.h"
#include "core/analysis/pair_rows.h"
#include "core/jobs/job_context.h"
#include "core/metrics/knn.h"
#include "core/space/latent_space.h"

#include <memory>
#include <vector>

namespace lb {

struct PairNeighbours {
    std::weak_ptr<const LatentSpace> spaceA, spaceB;
    uint64_t key = 0;                      // pairNeighboursKey: the pair's rows and the kNN settings
    Index m = 0;                           // M shared rows
    Index kJaccard = 0, kMrr = 0, kS = 0;  // as asked (kS: the depth Jaccard, MRR and top-5 need)
    Index depth = 0;                       // depth of the kept lists: kS + kSlack, at most M
    std::vector<Index> order;              // a seeded permutation of 0..M-1: queries are drawn in this order
    Index candidates = 0;                  // the first `candidates` rows of `order` have lists
    IndexMatrix tDeep;                     // candidates x depth: B(w)'s neighbours among B's M rows (positions)
    IndexMatrix sDeep;  // candidates x depth: A(w)'s among B's rows (same widths, when asked for), else empty
    std::vector<Index> rowsA, rowsB;  // M: the pair's rows of A and B (searches read them there)
};

// What a PairNeighbours depends on: the two spaces' shared rows and the kNN settings (not the anchors).
uint64_t pairNeighboursKey(const PairRows& rows, const SimilaritySettings& s);

// The lists for the pair (a, b) on rows.rowsA / rows.rowsB (M pairs): B's own, and A's among B's rows when
// `listsOfA` and the widths agree (the absolute column's). Settings: kJaccard, kMrr, maxQueries (0: every row a
// query), seed. Cost O(C·M·Db) per side for C = min(M, Q + Q/64 + 32) candidate queries, the two halves of B's rows
// on two threads; memory: the lists and one block of B's rows per thread. Errors: InvalidArgument (M < 1), Cancelled.
Result<PairNeighbours> pairNeighbours(std::shared_ptr<const LatentSpace> a, std::shared_ptr<const LatentSpace> b,
                                      const PairRows& rows, const SimilaritySettings& s, bool listsOfA,
                                      JobContext& ctx);
// Whether `p` has what a table asks for: A's lists when `listsOfA` (and the widths allow them).
bool hasListsOfA(const PairNeighbours& p, bool listsOfA, Index widthA, Index widthB);

// One evaluation's share of them: `evaluated` ascending positions in 0..M-1 (E of them).
struct EvaluatedNeighbours {
    std::vector<Index> queries;    // Q positions in 0..M-1, ascending
    std::vector<Index> queryRows;  // the same queries as indices among the E evaluated rows
    std::vector<Index> keptIndex;  // M: a position's index among the evaluated rows, or −1
    Index evaluated = 0, excluded = 0;
    Index kJaccard = 0, kMrr = 0, kS = 0;  // as used: clamped to the evaluated rows
    IndexMatrix nt;  // Q x kJaccard: N_T of each query among B's evaluated rows (positions in 0..M-1)
    IndexMatrix ns;  // Q x kS: N_S of A's rows among them (same widths only; the absolute column), else empty
};
Result<EvaluatedNeighbours> evaluatedNeighbours(const PairNeighbours& p, const std::vector<Index>& evaluated,
                                                Index maxQueries, JobContext& ctx);
// The same queries (queries, queryRows, keptIndex and the clamped k's; no lists) without a PairNeighbours: for a
// table whose columns all search their own rows (the relative column alone), which need no search among B's rows.
// m: the pair's M shared rows. Settings: kJaccard, kMrr, maxQueries, seed.
Result<EvaluatedNeighbours> evaluatedQueries(Index m, const std::vector<Index>& evaluated, const SimilaritySettings& s);

// knnAgreement of S against B's evaluated rows for the queries: sQueries (Q x Db, S's rows of e.queryRows in B's
// coordinates, not normalized) searched among B's rows, excluded rows dropped. Cost O(Q·M·Db), single-threaded.
// Errors: InvalidArgument (shapes, B no longer loaded), Cancelled.
Result<KnnAgreement> agreementAmongEvaluated(const PairNeighbours& p, const EvaluatedNeighbours& e,
                                             const RowMatrixXf& sQueries, JobContext& ctx);
// The absolute column's, from the lists alone (A and B of one width).
KnnAgreement absoluteAgreement(const EvaluatedNeighbours& e);

}  // namespace lb
