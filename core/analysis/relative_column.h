// The similarity table's relative column (similarity_table.h), streamed over blocks of the evaluated rows.
//
// Both spaces' relative representations R_a, R_b (E × K each, E × D in their compact form when K > D:
// compact_relative.h) are computed a block of rows at a time; each block feeds every metric and is dropped. The
// column so needs the two mapped spaces and a few blocks (~150 MB per thread), not R_a and R_b whole plus a
// normalized copy of R_b for the kNN search (3.6 GB at 1M rows and K = 300). Every metric is the one
// pointwise.h, cka.h and knn.h compute on whole matrices, up to float round-off:
//   linear CKA      LinearCkaStream's moments of R_a and R_b (cka.h); or, when both are linear maps of the
//                   normalized rows, the pair's moments of those rows through the maps; or on the settings'
//                   linearRows subsample, or on every row when they are few (their Gram space is cheaper)
//   RBF CKA         on its seeded rows, projected beforehand
//   Jaccard, MRR, top-1 / top-5   the query rows (projected beforehand) searched among R_b's rows block by
//                   block (StreamedCosineTopK, knn.h)
//   mean cosine, random-pair cosine, MSE   per row (pointwise.h's terms) in fixedOrderSum's order; the baseline's
//                   partner rows of R_b (sampling.h's seededDerangement) are projected beside each block
// Cost: three relative projections of E rows (A's, B's and B's partner rows: O(E·D·min(K, D)) each) and the
// kNN search O(2Q·E·min(K, D)), in two parts over the two halves of the rows, which run on two threads.
#pragma once

#include "core/analysis/row_pass.h"
#include "core/analysis/similarity_column.h"
#include "core/metrics/cka.h"
#include "core/metrics/knn.h"

#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace lb {

struct RelativeColumnInput {
    ConstRowMatrixMap a, b;             // the two spaces, as loaded
    const std::vector<Index>* rowsA;    // E evaluated rows of A
    const std::vector<Index>* rowsB;    // the same samples' rows of B
    const RowMatrixXf* anchorsA;        // K × Da
    const RowMatrixXf* anchorsB;        // K × Db
    const std::vector<Index>* queries;  // kNN queries (ascending positions among the E rows), or null: a seeded
                                        // sample of maxQueries of them (knnAgreement's)
};

// One half of the rows' sums (RelativeColumn::parts).
struct RelativeColumnPart {
    std::optional<StreamedCosineTopK> search;  // the queries' neighbours among this half's rows of R_b
    std::optional<LinearCkaStream> linear;     // when linear CKA streams
    std::string failure;                       // why a block could not be computed (other than cancellation)
};

struct RelativeColumn {
    // Set by prepareRelativeColumn: the seeded rows (positions among E) projected beforehand, and their rows.
    std::vector<Index> sampled;                       // ascending: the queries, RBF rows and linear-CKA rows
    CompactRelative a, b;                             // R_a's and R_b's rows at `sampled` (and their bases, maps and K)
    std::vector<Index> queries, rbfRows, linearRows;  // positions among E
    std::vector<Index> partner;                       // E: the random-pair baseline's partner of each row
    std::string failure;                              // why the column does not apply (its options or anchors)
    Index e = 0;
    // Set by planRelativeColumn.
    bool run = false;                      // the parts run (else the column's cells say why not)
    bool streamLinear = false;             // linear CKA from the parts' LinearCkaStreams
    Eigen::MatrixXf aToB;                  // ra × rb: R_a's compact rows into R_b's basis (empty when both full)
    RowMatrixXf searchQueries;             // 2Q × rb: R_b's query rows, then R_a's in R_b's basis, normalized
    Index kJaccard = 0, kMrr = 0, kS = 0;  // as used (clamped to E)
    // Written by the parts.
    std::array<RelativeColumnPart, 2> parts;
    RowTermSums sums;
    MetricValue rbf, sampledLinear;
    Index rbfUsed = 0;
};

// Phase 1 (a task beside the table's others): the seeded rows of both sides projected, and the plan's inputs.
// A failure other than cancellation goes to rel.failure.
Status prepareRelativeColumn(RelativeColumn& rel, const RelativeColumnInput& in, const ColumnSettings& settings,
                             JobContext& ctx);
// Between the phases: whether the parts run (else the column's cells in `out` say why), and how linear CKA is
// computed (out.abUnitLinear when set and the representations are linear maps of the normalized rows).
void planRelativeColumn(RelativeColumn& rel, const SimilarityTable& out, const ColumnSettings& settings);

// Phase 2: parts 0 and 1 stream the first and second half of the rows, part 2 computes RBF CKA (and linear CKA
// on a subsample when the settings ask for one). Each writes its own fields of `rel`; run them on any threads.
constexpr int kRelativeColumnParts = 3;
Status fillRelativePart(RelativeColumn& rel, int part, const RelativeColumnInput& in, const ColumnSettings& settings,
                        JobContext& ctx);

// After phase 2: the column's cells, nQueries, kJaccard, kMrr, rbfRows and linearRows in `out`.
void finishRelativeColumn(RelativeColumn& rel, SimilarityTable& out, const ColumnSettings& settings);

}  // namespace lb
