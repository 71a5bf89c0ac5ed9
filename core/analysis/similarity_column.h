// One column of the similarity table (similarity_table.h): the metrics of two row sets S and T of the same E
// samples, and how each column builds its S and T. Used by similarity_table.cpp only.
#pragma once

#include "core/analysis/similarity_table.h"
#include "core/relative/compact_relative.h"

#include <optional>

namespace lb {

struct ColumnSettings {
    const SimilaritySettings& metrics;
    const RelativeOptions& relative;
    const TranslationOptions& translation;
};

// S (E × Ds) and T (E × Dt) are the same E samples in two spaces; the CKAs need nothing more. Neighbours, cosines
// and MSE compare S's rows with T's, so they need S in T's coordinates: sInT (E × Dt, the same dot products with
// T's rows as S's true rows; null when the two share no coordinates, `whyNot` says why), S's true row norms
// (null: sInT's own) and the true width of S and T (trueWidth, for MSE; 0: T's).
struct ColumnInput {
    ConstRowMatrixRef S, T;
    const RowMatrixXf* sInT;
    const Eigen::VectorXf* sNorms;
    Index trueWidth = 0;
    std::string whyNot;
    // T's kNN side and RBF kernel: when the pointer is set, used if non-null, else computed and kept there.
    std::shared_ptr<const KnnTargetSide>* tNeighbours = nullptr;
    std::shared_ptr<const RbfKernelSide>* tKernel = nullptr;
    // When set: S = X·linearMap + offset, T = Z·linearMapT + offset' (empty: T = Z) and linear CKA comes from the
    // moments of X and Z (linearCkaOfMaps), not from S and T's rows.
    const LinearCkaMoments* linearMoments = nullptr;
    Eigen::MatrixXd linearMap, linearMapT;
    ColumnInput(const ConstRowMatrixRef& s, const ConstRowMatrixRef& t, const RowMatrixXf* inT = nullptr,
                const Eigen::VectorXf* norms = nullptr)
        : S(s), T(t), sInT(inT), sNorms(norms) {}
};

// Every metric of column `c` marked as not applying, with `why`.
void setColumn(SimilarityTable& out, SimilarityColumn c, const std::string& why);

// A column's metrics in three parts that may run on different threads, costliest first: neighbours (kNN
// agreement, retrieval, cosines, MSE), RBF CKA, linear CKA. Each part writes its own entries of `out` (its
// metrics, and nQueries / kJaccard / kMrr, rbfRows, linearRows respectively), so two threads can fill one column.
constexpr int kColumnParts = 3;
Status fillColumnPart(SimilarityTable& out, SimilarityColumn c, int part, const ColumnInput& in,
                      const ColumnSettings& settings, JobContext& ctx);

// A (E × Da) and B (E × Db) as they are; keeps B's kNN side and kernel in `out` for the translated column.
Status fillAbsoluteColumn(SimilarityTable& out, const RowMatrixXf& A, const RowMatrixXf& B, const ColumnSettings& settings,
                          JobContext& ctx);

// The relative column's inputs: both spaces' compact relative representations on the shared anchors (E × min(K, D)
// each; every metric of the table is the same as on the E × K matrices), and A's rows in B's basis. `input` stays
// empty when the column does not apply (its cells say why).
struct RelativeColumn {
    CompactRelative a, b;
    RowMatrixXf aInB;
    Eigen::VectorXf normsA;
    std::optional<ColumnInput> input;
};
Status prepareRelativeColumn(RelativeColumn& rel, SimilarityTable& out, const RowMatrixXf& A, const RowMatrixXf& B,
                             const RowMatrixXf& anchorsA, const RowMatrixXf& anchorsB, const ColumnSettings& settings,
                             JobContext& ctx);

// A translated into B with the anchors (K × Da, K × Db), against B; B's kNN side and kernel from `out`.
Status fillTranslatedColumn(SimilarityTable& out, const RowMatrixXf& A, const RowMatrixXf& B, const RowMatrixXf& anchorsA,
                            const RowMatrixXf& anchorsB, const ColumnSettings& settings, JobContext& ctx);

}  // namespace lb
