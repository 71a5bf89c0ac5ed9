// What the similarity table's streamed columns (relative_column.h, streamed_column.h) share: a pass over the E
// evaluated rows in blocks, cut into two halves for two threads, the row-wise metrics' sums in fixedOrderSum's
// order, and the seeded rows each column computes beforehand.
#pragma once

#include "core/analysis/similarity_table.h"
#include "core/linalg/fixed_order_sum.h"
#include "core/metrics/cka.h"
#include "core/types.h"

#include <array>
#include <initializer_list>
#include <vector>

namespace lb {

// Positions p0, p0 + 1, ..., p1 − 1.
std::vector<Index> positionRange(Index p0, Index p1);

// The sorted union of sorted position lists.
std::vector<Index> sortedUnion(std::initializer_list<const std::vector<Index>*> lists);

// Rows `positions` (each one of `sampled`, which is ascending) of `m`, whose rows are those of `sampled`.
RowMatrixXf rowsOfSample(const std::vector<Index>& sampled, const RowMatrixXf& m, const std::vector<Index>& positions);

// RBF CKA's options for a column's seeded RBF rows, drawn beforehand as rbfCka draws them (sampleRows(E, rbfRows,
// seed)): on exactly those `drawn` rows it takes them all; rbfRows < 2 keeps rbfCka's error.
RbfCkaOptions sampledRbfOptions(const SimilaritySettings& s, Index drawn);

// Where the second half of a pass over e rows in blocks of blockRows starts: on a block boundary (blockRows is a
// multiple of kFixedOrderBlock, so the halves' sums add up in fixedOrderSum's order).
Index secondHalfStart(Index e, Index blockRows);

// The row-wise metrics' sums over the E rows, one per kFixedOrderBlock rows: mean cosine, the random-pair cosine
// baseline and the squared error (pointwise.h's terms). Parts of a pass fill disjoint blocks from any thread.
struct RowTermSums {
    std::vector<double> cosine, pair, squaredError;
    void reset(Index e);
    // Rows [b0, b0 + nb) of the pass (b0 on a kFixedOrderBlock boundary): terms(i) gives row b0 + i's three terms
    // {cosine, pair cosine, squared error}, added in row order within each block.
    template <class Terms>
    void add(Index b0, Index nb, Terms terms) {
        for (Index c0 = 0; c0 < nb; c0 += kFixedOrderBlock) {
            std::array<double, 3> sum{0, 0, 0};
            for (Index i = c0; i < std::min(nb, c0 + kFixedOrderBlock); ++i) {
                const std::array<double, 3> t = terms(i);
                for (int j = 0; j < 3; ++j) sum[static_cast<size_t>(j)] += t[static_cast<size_t>(j)];
            }
            const size_t chunk = static_cast<size_t>((b0 + c0) / kFixedOrderBlock);
            cosine[chunk] = sum[0];
            pair[chunk] = sum[1];
            squaredError[chunk] = sum[2];
        }
    }
};

// The three cells of `column` from the sums: means over e rows (MSE over e·width entries).
void setRowTermCells(SimilarityTable& out, SimilarityColumn column, const RowTermSums& sums, Index e, Index width);

// Jaccard, MRR, top-1 and top-5 of `column` (and the table's query counts) from a neighbour agreement.
void setNeighbourCells(SimilarityTable& out, SimilarityColumn column, const KnnAgreement& knn);
// The same four cells marked with `why`.
void setNeighbourFailure(SimilarityTable& out, SimilarityColumn column, const std::string& why);

}  // namespace lb
