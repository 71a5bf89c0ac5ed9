#include "core/analysis/pair_measures.h"

#include "core/relative/relative_projection.h"
#include "core/space/row_matching.h"
#include "core/translate/translator.h"

#include <nlohmann/json.hpp>

namespace lb {

namespace {

std::vector<Index> pickRows(const std::vector<Index>& rows, const std::vector<Index>& positions) {
    std::vector<Index> out;
    out.reserve(positions.size());
    for (Index p : positions) out.push_back(rows[static_cast<size_t>(p)]);
    return out;
}

}  // namespace

Result<PairMeasures> computePairMeasures(const SimilarityInput& in, SimilarityColumn space,
                                         const std::vector<std::string>& names, const MeasureSettings& settings,
                                         JobContext& ctx) {
    if (!in.a || !in.b) return invalidArgument("two spaces are needed to compare");
    const std::vector<Index> eval = evaluatedPositions(in.rows, in.settings.protocol);
    if (eval.size() < 2)
        return badInput(in.b->name, "fewer than 2 shared samples (outside the anchors) to compare with " + in.a->name);
    const RowMatrixXf A = gatherRows(in.a->embeddings.view(), pickRows(in.rows.rowsA, eval));  // E × Da
    const RowMatrixXf B = gatherRows(in.b->embeddings.view(), pickRows(in.rows.rowsB, eval));  // E × Db
    PairMeasures out;
    out.space = space;
    out.evaluated = static_cast<Index>(eval.size());
    out.settings = settings;
    RowMatrixXf repA, repB;
    if (space == SimilarityColumn::Absolute) {
        repA = A;
        repB = B;
    } else {
        if (in.rows.anchorRowsA.empty())
            return badInput(in.b->name, std::string("the ") + similarityColumnKey(space) + " measures need anchors");
        const RowMatrixXf anchorsA = gatherRows(in.a->embeddings.view(), in.rows.anchorRowsA);
        const RowMatrixXf anchorsB = gatherRows(in.b->embeddings.view(), in.rows.anchorRowsB);
        if (space == SimilarityColumn::Relative) {
            Result<RowMatrixXf> ra = relativeProjection(A, anchorsA, in.relative, ctx);
            if (!ra) return ra.error();
            Result<RowMatrixXf> rb = relativeProjection(B, anchorsB, in.relative, ctx);
            if (!rb) return rb.error();
            repA = std::move(*ra);
            repB = std::move(*rb);
        } else {
            Result<Translator> t = Translator::fit(anchorsA, anchorsB, in.translation, ctx, FitReport::Skip);
            if (!t) return t.error();
            repA = t->apply(A);
            repB = B;
        }
    }
    out.widthA = repA.cols();
    out.widthB = repB.cols();
    Result<std::vector<MeasureResult>> r = computeMeasures(repA, repB, names, settings, ctx);
    if (!r) return r.error();
    out.results = std::move(*r);
    return out;
}

nlohmann::json toJson(const PairMeasures& m) {
    return {{"space", similarityColumnKey(m.space)},
            {"evaluated", m.evaluated},
            {"width_a", m.widthA},
            {"width_b", m.widthB},
            {"settings", toJson(m.settings)},
            {"values", toJson(m.results)}};
}

}  // namespace lb
