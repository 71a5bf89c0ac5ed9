#include "core/analysis/sample_agreement.h"

#include "core/metrics/knn.h"
#include "core/relative/compact_relative.h"
#include "core/space/row_matching.h"

#include <algorithm>
#include <limits>

namespace lb {

namespace {

std::vector<Index> pickPositions(const std::vector<Index>& rows, const std::vector<Index>& positions) {
    std::vector<Index> out;
    out.reserve(positions.size());
    for (Index p : positions) out.push_back(rows[static_cast<size_t>(p)]);
    return out;
}

// N_T and N_S (E x k each, positions among the evaluated rows) for the representation asked; `why` set instead when
// it cannot be computed. T's rows are normalized once for both searches.
struct Lists {
    IndexMatrix nt, ns;
    std::string why;
};

Result<Lists> searchPair(const ConstRowMatrixRef& sRows, const ConstRowMatrixRef& tRows, bool sAmongItself, Index k,
                         JobContext& ctx) {
    const RowMatrixXf tn = cosineSearchRows(tRows);
    Result<IndexMatrix> nt = cosineTopKOfNormalized(tn, tn, k, ctx);
    if (!nt) return nt.error();
    const RowMatrixXf sn = cosineSearchRows(sRows);
    Result<IndexMatrix> ns = cosineTopKOfNormalized(sn, sAmongItself ? sn : tn, k, ctx);
    if (!ns) return ns.error();
    return Lists{std::move(*nt), std::move(*ns), {}};
}

Result<Lists> listsOf(const AgreementInput& in, SimilarityColumn rep, const RowMatrixXf& A, const RowMatrixXf& B,
                      Index k, JobContext& ctx) {
    const RowMatrixXf anchorsA = gatherRows(in.space->embeddings.view(), pickPositions(in.rows.rowsA, in.rows.anchors));
    const RowMatrixXf anchorsB =
        gatherRows(in.reference->embeddings.view(), pickPositions(in.rows.rowsB, in.rows.anchors));
    switch (rep) {
        case SimilarityColumn::Absolute:
            // Each space's own neighbourhoods: raw coordinates of two models are not comparable, their neighbours are.
            return searchPair(A, B, true, k, ctx);
        case SimilarityColumn::Relative: {
            if (anchorsA.rows() < 1) return Lists{{}, {}, "no anchors yet: pick anchors to compare relative views"};
            // The similarity table's relative column: compact representations, A's rows in B's basis (the same
            // cosines with B's relative rows as A's full relative rows, so the same neighbours).
            Result<CompactRelative> ra = compactRelative(A, anchorsA, in.relative, ctx);
            if (!ra)
                return ra.error().code == ErrorCode::Cancelled ? Result<Lists>(ra.error())
                                                               : Lists{{}, {}, ra.error().message};
            Result<CompactRelative> rb = compactRelative(B, anchorsB, in.relative, ctx);
            if (!rb)
                return rb.error().code == ErrorCode::Cancelled ? Result<Lists>(rb.error())
                                                               : Lists{{}, {}, rb.error().message};
            return searchPair(inBasisOf(*ra, *rb), rb->Y, false, k, ctx);
        }
        case SimilarityColumn::Translated: {
            if (anchorsA.rows() < 2) return Lists{{}, {}, "translation needs at least 2 anchors"};
            Result<Translator> t = Translator::fit(anchorsA, anchorsB, in.translation, ctx, FitReport::Skip);
            if (!t)
                return t.error().code == ErrorCode::Cancelled ? Result<Lists>(t.error())
                                                              : Lists{{}, {}, "translator: " + t.error().message};
            return searchPair(t->apply(A), B, false, k, ctx);
        }
    }
    return Lists{{}, {}, "unknown representation"};
}

}  // namespace

const char* agreementRepresentationName(SimilarityColumn c) {
    return similarityColumnKey(c);
}

AgreementInput agreementInput(const Session& session, size_t i) {
    AgreementInput in;
    in.space = session.entry(i).space;
    in.reference = session.entry(session.reference()).space;
    in.rows = pairRows(session, i, session.reference());
    in.relative = session.settings.relative;
    in.translation = session.settings.translation;
    return in;
}

Result<SampleAgreement> sampleAgreement(const AgreementInput& in, const AgreementSettings& settings, JobContext& ctx) {
    if (settings.k < 1) return invalidArgument("agreement k must be >= 1 (got " + std::to_string(settings.k) + ")");
    SampleAgreement out;
    out.settings = settings;
    out.values.assign(static_cast<size_t>(in.space->n()), std::numeric_limits<float>::quiet_NaN());
    const std::vector<Index> eval = evaluatedPositions(in.rows, settings.protocol);
    if (eval.size() < 2) {
        out.why = in.rows.rowsA.size() < 2 ? "the space shares fewer than 2 samples with the reference"
                                           : "fewer than 2 shared samples are left outside the anchors";
        return out;
    }
    const std::vector<Index> rowsA = pickPositions(in.rows.rowsA, eval);
    const RowMatrixXf A = gatherRows(in.space->embeddings.view(), rowsA);                                   // E x Da
    const RowMatrixXf B = gatherRows(in.reference->embeddings.view(), pickPositions(in.rows.rowsB, eval));  // E x Db
    out.k = std::min<Index>(settings.k, static_cast<Index>(eval.size()));
    ctx.setStage("neighbourhood agreement", 1);
    Result<Lists> lists = listsOf(in, settings.representation, A, B, out.k, ctx);
    if (!lists) return lists.error();
    if (!lists->why.empty()) {
        out.why = lists->why;
        return out;
    }
    const std::vector<double> jaccard = jaccardOfLists(lists->nt, lists->ns, out.k);
    out.evaluated = static_cast<Index>(jaccard.size());
    out.min = 1.0f;
    out.max = 0.0f;
    double sum = 0;
    for (size_t e = 0; e < jaccard.size(); ++e) {
        const auto v = static_cast<float>(jaccard[e]);
        out.values[static_cast<size_t>(rowsA[e])] = v;
        out.min = std::min(out.min, v);
        out.max = std::max(out.max, v);
        sum += jaccard[e];
    }
    out.mean = sum / static_cast<double>(jaccard.size());
    return ctx.cancelled() ? Result<SampleAgreement>(Status::cancelled().error()) : out;
}

}  // namespace lb
