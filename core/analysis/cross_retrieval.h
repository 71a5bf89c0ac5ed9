// Cross-space retrieval, query by query (docs/methods.md §7; the app's Retrieval panel): for query rows of space A,
// the best matches among B's candidates — every row of B that is not an anchor, as in asif_retrieval.h — through
// four routes, and where each route ranks the true counterpart (the B row matched with the query):
//   absolute    cosine of the raw rows (A and B of one width only);
//   relative    cosine of the relative representations, each space on its own rows of the K anchors;
//   translated  A translated into B with the anchors (Translator, the session's method), cosine with B's rows;
//   ASIF        dot product of the ASIF encodings (asif.h), each space on its own anchors.
// B's side of every route is encoded once per call, so many queries cost one encoding plus Q·M·K.
#pragma once

#include "core/relative/relative_projection.h"
#include "core/space/row_matching.h"
#include "core/stitch/asif.h"
#include "core/translate/translator.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace lb {

enum class RetrievalRoute { Absolute, Relative, Translated, Asif };
constexpr int kRetrievalRoutes = 4;
const char* retrievalRouteName(RetrievalRoute r);  // "absolute", "relative", "translated", "asif"

struct CrossRetrievalInput {
    std::shared_ptr<const LatentSpace> a, b;
    RowMatch match;                      // which rows of A and B are the same sample
    std::vector<Index> anchorPositions;  // K positions into match
    // When set (a session whose anchors have discovered partners, PairRows): the anchors' K rows of A and of B,
    // used in place of anchorPositions' rows; anchorPositions then only marks the rows left out as anchors.
    std::vector<Index> anchorRowsA, anchorRowsB;
    RelativeOptions relative;
    TranslationOptions translation;
    AsifOptions asif;
};

struct RouteMatches {
    std::string why;            // non-empty when the route does not apply (then the rest is empty)
    std::vector<Index> top;     // the best candidates (rows of B), best first; ties to the lower row
    std::vector<float> scores;  // their scores
    Index trueRank = -1;        // candidates ranked ahead of the true counterpart; −1 when the query has none
};

struct QueryMatches {
    Index query = 0;   // row of A
    Index truth = -1;  // its counterpart's row of B, or −1
    std::array<RouteMatches, kRetrievalRoutes> routes;
};

struct CrossRetrieval {
    Index candidates = 0;  // M rows of B
    std::vector<QueryMatches> queries;
    // Over the queries with a counterpart, per route: share with trueRank < 1 and < 5 (−1 when it does not apply).
    std::array<double, kRetrievalRoutes> top1{}, top5{};
    Index withTruth = 0;
};

// queries: rows of A (any, anchors included). topN: matches kept per query and route. Errors: InvalidArgument
// (fewer than 2 anchors, a query out of range, no candidate), Cancelled. A route that cannot run (widths differ,
// a translator that fails) has its reason in `why`, not an error.
Result<CrossRetrieval> crossRetrieval(const CrossRetrievalInput& in, const std::vector<Index>& queries, Index topN,
                                      JobContext& ctx = silentJob());

}  // namespace lb
