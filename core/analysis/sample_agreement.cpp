#include "core/analysis/sample_agreement.h"

#include "core/metrics/knn.h"
#include "core/relative/compact_relative.h"
#include "core/space/row_matching.h"

#include <algorithm>
#include <limits>
#include <optional>

namespace lb {

// The reference's rows of one computation (E evaluated rows), normalized as the cosine searches compare them, and
// their own k nearest neighbours N_T (E x k). `relative`: of its relative representation (kept in rel).
struct AgreementTargets::Side {
    std::vector<Index> rows;
    bool relative = false;
    Index k = 0;
    RowMatrixXf tn;
    IndexMatrix nt;
    std::optional<CompactRelative> rel;
};
AgreementTargets::AgreementTargets() = default;
AgreementTargets::~AgreementTargets() = default;

namespace {

std::vector<Index> pickPositions(const std::vector<Index>& rows, const std::vector<Index>& positions) {
    std::vector<Index> out;
    out.reserve(positions.size());
    for (Index p : positions) out.push_back(rows[static_cast<size_t>(p)]);
    return out;
}

// N_T and N_S (E x k each, positions among the evaluated rows), or why they cannot be computed.
struct Lists {
    IndexMatrix nt, ns;
    std::string why;
};

Result<Lists> failedWith(const Error& e, const std::string& prefix = {}) {
    if (e.code == ErrorCode::Cancelled) return e;
    return Lists{{}, {}, prefix + e.message};
}

// The side for these reference rows: from `targets` when it holds one, else computed (and kept there).
Result<const AgreementTargets::Side*> sideOf(const AgreementInput& in, const std::vector<Index>& rowsB,
                                             const RowMatrixXf& anchorsB, bool relative, Index k,
                                             AgreementTargets& targets, JobContext& ctx) {
    for (const auto& s : targets.sides)
        if (s->relative == relative && s->k == k && s->rows == rowsB) return s.get();
    const RowMatrixXf B = gatherRows(in.reference->embeddings.view(), rowsB);  // E x Db
    auto side = std::make_unique<AgreementTargets::Side>();
    side->rows = rowsB;
    side->relative = relative;
    side->k = k;
    if (relative) {
        Result<CompactRelative> rb = compactRelative(B, anchorsB, in.relative, ctx);
        if (!rb) return rb.error();
        side->tn = cosineSearchRows(rb->Y);
        side->rel = std::move(*rb);
    } else {
        side->tn = cosineSearchRows(B);
    }
    Result<IndexMatrix> nt = cosineTopKOfNormalized(side->tn, side->tn, k, ctx);
    if (!nt) return nt.error();
    side->nt = std::move(*nt);
    targets.sides.push_back(std::move(side));
    return static_cast<const AgreementTargets::Side*>(targets.sides.back().get());
}

// N_T and N_S for the representation asked; `why` set instead when it cannot be computed.
Result<Lists> listsOf(const AgreementInput& in, SimilarityColumn rep, const std::vector<Index>& rowsA,
                      const std::vector<Index>& rowsB, Index k, AgreementTargets& targets, JobContext& ctx) {
    const std::vector<Index>& anchorsA = in.rows.anchorRowsA;
    if (rep == SimilarityColumn::Relative && anchorsA.empty())
        return Lists{{}, {}, "no anchors yet: pick anchors to compare relative views"};
    if (rep == SimilarityColumn::Translated && anchorsA.size() < 2)
        return Lists{{}, {}, "translation needs at least 2 anchors"};
    const RowMatrixXf anchorsB = gatherRows(in.reference->embeddings.view(), in.rows.anchorRowsB);  // K x Db
    Result<const AgreementTargets::Side*> side =
        sideOf(in, rowsB, anchorsB, rep == SimilarityColumn::Relative, k, targets, ctx);
    if (!side) return failedWith(side.error());
    const AgreementTargets::Side& t = **side;
    // The reference against itself: S = T in every representation (its translated view is the reference).
    if (in.space == in.reference && rowsA == rowsB) return Lists{t.nt, t.nt, {}};
    const RowMatrixXf A = gatherRows(in.space->embeddings.view(), rowsA);  // E x Da
    RowMatrixXf sn;
    switch (rep) {
        case SimilarityColumn::Absolute: {
            // Each space's own neighbourhoods: raw coordinates of two models are not comparable, their neighbours are.
            sn = cosineSearchRows(A);
            Result<IndexMatrix> ns = cosineTopKOfNormalized(sn, sn, k, ctx);
            if (!ns) return ns.error();
            return Lists{t.nt, std::move(*ns), {}};
        }
        case SimilarityColumn::Relative: {
            // The similarity table's relative column: compact representations, A's rows in B's basis (the same
            // cosines with B's relative rows as A's full relative rows, so the same neighbours).
            Result<CompactRelative> ra =
                compactRelative(A, gatherRows(in.space->embeddings.view(), anchorsA), in.relative, ctx);
            if (!ra) return failedWith(ra.error());
            sn = cosineSearchRows(inBasisOf(*ra, *t.rel));
            break;
        }
        case SimilarityColumn::Translated: {
            Result<Translator> tr = Translator::fit(gatherRows(in.space->embeddings.view(), anchorsA), anchorsB,
                                                    in.translation, ctx, FitReport::Skip);
            if (!tr) return failedWith(tr.error(), "translator: ");
            sn = cosineSearchRows(tr->apply(A));
            break;
        }
    }
    Result<IndexMatrix> ns = cosineTopKOfNormalized(sn, t.tn, k, ctx);
    if (!ns) return ns.error();
    return Lists{t.nt, std::move(*ns), {}};
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

std::vector<AgreementInput> agreementInputs(const Session& session) {
    std::vector<AgreementInput> out;
    for (size_t i = 0; i < session.spaceCount(); ++i) out.push_back(agreementInput(session, i));
    return out;
}

Result<SampleAgreement> sampleAgreement(const AgreementInput& in, const AgreementSettings& settings, JobContext& ctx,
                                        AgreementTargets* targets) {
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
    const std::vector<Index> rowsA = pickPositions(in.rows.rowsA, eval), rowsB = pickPositions(in.rows.rowsB, eval);
    out.k = std::min<Index>(settings.k, static_cast<Index>(eval.size()));
    AgreementTargets own;
    Result<Lists> lists = listsOf(in, settings.representation, rowsA, rowsB, out.k, targets ? *targets : own, ctx);
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
    if (ctx.cancelled()) return Status::cancelled();
    return out;
}

Result<std::vector<SpaceAgreement>> sessionAgreement(const std::vector<AgreementInput>& inputs,
                                                     const AgreementSettings& settings, JobContext& ctx) {
    std::vector<SpaceAgreement> out(inputs.size());
    AgreementTargets targets;
    ctx.setStage("neighbourhood agreement", static_cast<uint64_t>(inputs.size() * kSimilarityColumns));
    for (size_t i = 0; i < inputs.size(); ++i)
        for (int c = 0; c < kSimilarityColumns; ++c) {
            AgreementSettings s = settings;
            s.representation = static_cast<SimilarityColumn>(c);
            Result<SampleAgreement> r = sampleAgreement(inputs[i], s, ctx, &targets);
            if (!r) return r.error();
            out[i][static_cast<size_t>(c)] = std::move(*r);
            ctx.advance(1);
        }
    return out;
}

}  // namespace lb
