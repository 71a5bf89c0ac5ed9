// Where do two spaces agree? Each sample's neighbourhood agreement with the reference space: the Jaccard of its k
// nearest neighbours in a space and in the reference (docs/methods.md §4, "Per-sample agreement"), for one of the
// three representations the views show. The app colours a view by it; its mean over the evaluated rows is the
// similarity table's Jaccard@k for the relative and translated columns (every row a query).
#pragma once

#include "core/analysis/analysis_settings.h"
#include "core/analysis/pair_rows.h"
#include "core/analysis/similarity_table.h"
#include "core/jobs/job_context.h"
#include "core/relative/relative_projection.h"
#include "core/space/latent_space.h"
#include "core/translate/translator.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

namespace lb {

struct AgreementSettings {
    Index k = 10;  // neighbours per sample (default 10, the similarity table's Jaccard@k)
    // Which representation is compared (default absolute). The neighbourhoods N_T(w) are always the reference's own
    // (among its evaluated rows), and N_S(w) are:
    //   Absolute:   the space's own neighbours among its evaluated rows (each space in its own coordinates, so a
    //               rotated or rescaled copy of the reference agrees everywhere; any widths),
    //   Relative:   the space's relative row searched among the reference's relative rows (the same anchors),
    //   Translated: the space's row translated into the reference with the anchors, searched among its rows.
    SimilarityColumn representation = SimilarityColumn::Absolute;
    EvaluationProtocol protocol = EvaluationProtocol::Standard;  // standard: anchors are not evaluated (default)
};
const char* agreementRepresentationName(SimilarityColumn c);  // "absolute", "relative", "translated"

// What one space's agreement depends on, copied from a session on the main thread; computed on any thread.
struct AgreementInput {
    std::shared_ptr<const LatentSpace> space, reference;
    PairRows rows;  // the space's rows shared with the reference (rowsA: the space's, rowsB: the reference's)
    RelativeOptions relative;
    TranslationOptions translation;
};
// Space i of `session` against its reference, with the document's relative and translation settings.
AgreementInput agreementInput(const Session& session, size_t i);

struct SampleAgreement {
    std::vector<float> values;  // N (the space's rows): Jaccard in [0, 1]; NaN where not evaluated (not shared
                                // with the reference, or an anchor under the standard protocol)
    Index evaluated = 0;        // E rows with a value
    Index k = 0;                // as used: min(settings.k, E)
    double mean = 0;            // over the E values
    float min = 0, max = 0;     // over the E values (the colour bar's ends)
    std::string why;            // when no row has a value: why not (no anchors yet, too few shared rows)
    AgreementSettings settings;
};

// The reference's side of the searches (its normalized rows and own neighbourhoods N_T, and its relative
// representation), shared by every space compared with it on the same rows within one computation: same reference,
// anchors, settings and protocol (a session's spaces after one edit). Not thread-safe; one per computation.
class AgreementTargets {
   public:
    struct Side;
    AgreementTargets();
    ~AgreementTargets();
    AgreementTargets(const AgreementTargets&) = delete;
    AgreementTargets& operator=(const AgreementTargets&) = delete;
    std::vector<std::unique_ptr<Side>> sides;
};

// Cost: two cosine top-k searches among the E evaluated rows (knn.h), O(E²·D) with D the compared width (the
// compact relative width min(K, D) for relative), plus the relative projections or translator fit; one when
// `targets` already holds the reference's side, none for the reference itself (agreement 1 on every row: a space
// compared with itself, and the reference's translated view is the reference). Multithreaded (OpenMP, as
// cosineTopK); honours ctx.cancelled(). Errors: InvalidArgument (k < 1), Cancelled; a representation that cannot be
// computed (too few anchors, a failed fit) is an empty result with `why`.
Result<SampleAgreement> sampleAgreement(const AgreementInput& in, const AgreementSettings& settings,
                                        JobContext& ctx = silentJob(), AgreementTargets* targets = nullptr);

// Every space of a session against the reference, in the three representations: what the app colours its views
// by. inputs: agreementInput of each space (main thread); result[i][c] for space i and SimilarityColumn c.
// settings.representation is ignored. Cost: 2 reference searches + 3 per other space, as sampleAgreement.
using SpaceAgreement = std::array<SampleAgreement, kSimilarityColumns>;
Result<std::vector<SpaceAgreement>> sessionAgreement(const std::vector<AgreementInput>& inputs,
                                                     const AgreementSettings& settings, JobContext& ctx = silentJob());
std::vector<AgreementInput> agreementInputs(const Session& session);

}  // namespace lb
