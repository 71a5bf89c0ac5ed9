// One column of the similarity table (similarity_table.h): the metrics of two row sets S and T of the same E
// samples, and how each column builds its S and T. Used by similarity_table.cpp only.
#pragma once

#include "core/analysis/pair_neighbours.h"
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
    // When set (every protocol row evaluated): the table's queries, and for a column whose T is B, the searches among
    // all of B's shared rows (pair_neighbours.h): sIsA when S's lists are kept there too (the absolute column).
    const EvaluatedNeighbours* queries = nullptr;
    const PairNeighbours* amongB = nullptr;
    bool sIsA = false;
    ColumnInput(const ConstRowMatrixRef& s, const ConstRowMatrixRef& t, const RowMatrixXf* inT = nullptr,
                const Eigen::VectorXf* norms = nullptr)
        : S(s), T(t), sInT(inT), sNorms(norms) {}
};

// Linear CKA from kept moments through the maps Mx, My (cka.h's linearCkaOfMaps; empty = identity); a constant
// space (CKA 0 / 0) is reported as undefined, naming the side when the maps are identities, where the moments tell.
MetricValue ckaFromMoments(const LinearCkaMoments& m, const Eigen::MatrixXd& mx, const Eigen::MatrixXd& my);

// Every metric of column `c` marked as not applying, with `why`.
void setColumn(SimilarityTable& out, SimilarityColumn c, const std::string& why);

// A column's metrics in three parts that may run on different threads, costliest first: neighbours (kNN
// agreement, retrieval, cosines, MSE), RBF CKA, linear CKA. Each part writes its own entries of `out` (its
// metrics, and nQueries / kJaccard / kMrr, rbfRows, linearRows respectively), so two threads can fill one column.
constexpr int kColumnParts = 3;
enum ColumnPart { kPartNeighbours = 0, kPartRbf, kPartLinear };
Status fillColumnPart(SimilarityTable& out, SimilarityColumn c, int part, const ColumnInput& in,
                      const ColumnSettings& settings, JobContext& ctx);

// The absolute column's input: A (E × Da) and B (E × Db) as they are; B's kNN side and kernel are kept in `out`
// for the translated column.
ColumnInput absoluteColumn(SimilarityTable& out, const RowMatrixXf& A, const RowMatrixXf& B);
// Its linear CKA: through the pair's moments (kept in out.abLinear for the translated column) when every row is
// used, else as fillColumnPart does.
Status fillAbsoluteLinear(SimilarityTable& out, const ColumnInput& absolute, const ColumnSettings& settings,
                          JobContext& ctx);

// Whether both relative representations are linear maps of the L2-normalized rows (one cosine similarity, no
// transform, no post-normalization, K above both widths): their linear CKA then comes from the moments of those
// rows (unitRowMoments, kept in out.abUnitLinear), O(D³) per anchor edit.
bool relativeLinearInUnitRows(const RelativeOptions& options, Index k, Index widthA, Index widthB);
Status unitRowMoments(SimilarityTable& out, const RowMatrixXf& A, const RowMatrixXf& B, JobContext& ctx);

// The translated column's input: A translated into B with the anchors (K × Da, K × Db), against B. `input` stays
// empty when the column does not apply (its cells in `out` say why).
struct TranslatedColumn {
    RowMatrixXf translated;                       // E × Db
    std::optional<Translator::AffineMap> affine;  // the translation as x·map + offset, when it is affine
    std::optional<ColumnInput> input;
};
Status prepareTranslatedColumn(TranslatedColumn& tr, SimilarityTable& out, const RowMatrixXf& A, const RowMatrixXf& B,
                               const RowMatrixXf& anchorsA, const RowMatrixXf& anchorsB, const ColumnSettings& settings,
                               JobContext& ctx);
// Points the translated column at B's kNN side, kernel and the pair's moments kept in `sides` (computed by the
// absolute column, or by the first translated part that needs them).
// Whether linear CKA of E rows of widths ds and dt runs on every row (else the settings' linearRows subsample).
bool linearCkaOnAllRows(Index e, Index ds, Index dt, const SimilaritySettings& s);
void attachTargetSides(TranslatedColumn& tr, SimilarityTable& sides, const ColumnSettings& settings, Index rows,
                       Index widthB);

}  // namespace lb
