// The similarity table's absolute and translated columns (similarity_table.h), streamed over blocks of the
// evaluated rows as the relative column is (relative_column.h).
//
// S is A's evaluated rows (the absolute column) or their translation into B (the translated column: the translator
// fitted on the K anchors and applied a block at a time); T is B's evaluated rows. Neither is ever held whole: a
// pass over the E rows gathers a block of A's rows, of B's and of B's random-pair partners (nb × D each) from the
// mapped spaces, feeds every row-wise metric and drops them. The column so needs a few blocks per thread (~50 MB at
// 4096 rows × 768) and its seeded rows, not E × D copies of A, B and translated A (3 GB each at 1M rows × 768).
// Every metric is the one pointwise.h, cka.h and knn.h compute on whole matrices, up to float round-off:
//   linear CKA     from A's and B's moments (the pair's over all its rows, or the absolute pass's) through the
//                  translation's affine map; else LinearCkaStream over the pass; or on the settings' linearRows
//                  subsample, or on every row when they are few (their Gram space is cheaper: a preview)
//   RBF CKA        on its seeded rows, gathered (and translated) beforehand; T's kernel is kept in the table
//                  (SimilarityTable::bKernel) for the other column and the next table
//   Jaccard, MRR, top-1 / top-5   every protocol row evaluated: the pair's lists (pair_neighbours.h), with S's
//                  translated queries searched among all of B's shared rows; a subsample: T's and S's query rows
//                  searched among T's rows during the pass (StreamedCosineTopK)
//   mean cosine, random-pair cosine, MSE   per row (pointwise.h's terms) in fixedOrderSum's order; the baseline's
//                  partner rows of T (sampling.h's seededDerangement) are gathered beside each block
#pragma once

#include "core/analysis/pair_neighbours.h"
#include "core/analysis/row_pass.h"
#include "core/analysis/similarity_column.h"
#include "core/metrics/cka.h"
#include "core/metrics/knn.h"
#include "core/translate/translator.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lb {

struct StreamedColumnInput {
    SimilarityColumn column;          // Absolute or Translated
    ConstRowMatrixMap a, b;           // the two spaces, as loaded
    const std::vector<Index>* rowsA;  // E evaluated rows of A
    const std::vector<Index>* rowsB;  // the same samples' rows of B
    const RowMatrixXf* anchorsA;      // K × Da (the translated column's fit)
    const RowMatrixXf* anchorsB;      // K × Db
    // Every protocol row evaluated: the pair's lists and this evaluation's share of them (its queries); else null,
    // and the queries are a seeded sample of maxQueries evaluated rows searched among T's rows.
    const PairNeighbours* amongB = nullptr;
    const EvaluatedNeighbours* lists = nullptr;
};

// One half of the pass's sums.
struct StreamedColumnPart {
    std::optional<StreamedCosineTopK> search;  // a subsample: the queries' neighbours among this half's rows of T
    std::optional<LinearCkaStream> linear;     // when linear CKA streams
};

struct StreamedColumn {
    // Set by prepareStreamedColumn.
    std::string failure;    // why no metric of the column applies (fewer than 2 anchors, the translator's fit)
    std::string whyNoRows;  // why the row-wise metrics do not apply (A's and B's widths differ), else empty
    std::optional<Translator> translator;
    std::vector<std::string> warnings;  // the translator's, for the table
    Index e = 0;
    std::vector<Index> sampled;                       // ascending: the queries, RBF rows and linear-CKA rows
    std::vector<Index> queries, rbfRows, linearRows;  // positions among E
    std::vector<Index> partner;                       // E: the random-pair baseline's partner of each row
    RowMatrixXf sSampled, tSampled;                   // S's and T's rows at `sampled`
    // Set by planStreamedColumn.
    bool run = false;                           // the parts run (else the cells say why not)
    bool pass = false;                          // the pass over the rows is needed
    const LinearCkaMoments* moments = nullptr;  // linear CKA from these through linearMap (empty: the identity)
    Eigen::MatrixXd linearMap;
    bool streamLinear = false;             // linear CKA from the parts' LinearCkaStreams
    Index kJaccard = 0, kMrr = 0, kS = 0;  // a subsample's search, as used (clamped to E)
    // Written by the parts.
    std::array<StreamedColumnPart, 2> parts;
    RowTermSums sums;
    std::optional<KnnAgreement> knn;  // every protocol row evaluated: from the pair's lists
    std::string knnFailure;
    MetricValue rbf, sampledLinear;
    Index rbfUsed = 0;
    std::shared_ptr<const RbfKernelSide> kernel;  // T's, taken from the table or computed by part 3
};

// Phase 1: the translator (translated column), the seeded rows gathered (and translated). A failure other than
// cancellation goes to col.failure.
Status prepareStreamedColumn(StreamedColumn& col, const StreamedColumnInput& in, const ColumnSettings& settings,
                             JobContext& ctx);
// Between the phases: whether and how the parts run, taking from `out` A's and B's moments (abLinear) and T's
// RBF kernel (bKernel) when set.
void planStreamedColumn(StreamedColumn& col, const StreamedColumnInput& in, const SimilarityTable& out,
                        const ColumnSettings& settings);

// Phase 2, costliest first: part 0 searches the translated queries among B's shared rows (every protocol row
// evaluated, translated column; else nothing), parts 1 and 2 stream the first and second half of the rows, part 3
// computes RBF CKA (and linear CKA on a subsample). Each writes its own fields of `col`; run them on any threads.
constexpr int kStreamedColumnParts = 4;
Status fillStreamedPart(StreamedColumn& col, int part, const StreamedColumnInput& in, const ColumnSettings& settings,
                        JobContext& ctx);

// After phase 2: the column's cells, the sampling counts and warnings in `out`; A's and B's streamed moments
// (absolute column) and T's kernel kept in out.abLinear and out.bKernel when those were empty.
void finishStreamedColumn(StreamedColumn& col, const StreamedColumnInput& in, SimilarityTable& out,
                          const ColumnSettings& settings);

}  // namespace lb
