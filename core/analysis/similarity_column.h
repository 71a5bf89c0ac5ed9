// What the similarity table's columns (similarity_table.h) share: their settings, how linear CKA is decided and
// read from kept moments, and how a column is marked as not applying. The columns themselves stream over the
// evaluated rows: relative_column.h (relative), streamed_column.h (absolute, translated). Used by those files and
// similarity_table.cpp only.
#pragma once

#include "core/analysis/similarity_table.h"
#include "core/relative/compact_relative.h"

namespace lb {

struct ColumnSettings {
    const SimilaritySettings& metrics;
    const RelativeOptions& relative;
    const TranslationOptions& translation;
};

// Linear CKA from kept moments through the maps Mx, My (cka.h's linearCkaOfMaps; empty = identity); a constant
// space (CKA 0 / 0) is reported as undefined, naming the side when the maps are identities, where the moments tell.
MetricValue ckaFromMoments(const LinearCkaMoments& m, const Eigen::MatrixXd& mx, const Eigen::MatrixXd& my);

// Every metric of column `c` marked as not applying, with `why`.
void setColumn(SimilarityTable& out, SimilarityColumn c, const std::string& why);

// Whether linear CKA of E rows of widths ds and dt runs on every row (else the settings' linearRows subsample).
bool linearCkaOnAllRows(Index e, Index ds, Index dt, const SimilaritySettings& s);
// The positions among the E evaluated rows that a column computes linear CKA on directly (linearCka of those rows):
// all E when they are so few that their Gram space costs less than any D × D moments (a preview's hundred rows:
// no moments streamed or carried through maps), the settings' seeded linearRows subsample when linearCkaOnAllRows
// says so, else none (the column's moments over every row).
std::vector<Index> linearCkaRows(Index e, Index ds, Index dt, const SimilaritySettings& s);

// Whether both relative representations are linear maps of the L2-normalized rows (one cosine similarity, no
// transform, no post-normalization, K above both widths): their linear CKA then comes from the moments of those
// rows (unitRowMoments, kept in out.abUnitLinear), O(D³) per anchor edit.
bool relativeLinearInUnitRows(const RelativeOptions& options, Index k, Index widthA, Index widthB);
// The moments of A's and B's L2-normalized rows at rowsA / rowsB (E each) into out.abUnitLinear unless it is set,
// streamed over blocks of rows (no E × D copy). A failure other than cancellation leaves it empty.
Status unitRowMoments(SimilarityTable& out, const ConstRowMatrixMap& a, const ConstRowMatrixMap& b,
                      const std::vector<Index>& rowsA, const std::vector<Index>& rowsB, JobContext& ctx);

}  // namespace lb
