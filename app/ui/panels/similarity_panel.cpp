#include "app/ui/panels/similarity_panel.h"

#include "app/ui/app_state.h"
#include "app/ui/widgets/flow_layout.h"
#include "app/ui/widgets/job_progress.h"
#include "core/jobs/concurrency.h"
#include "core/metrics/pointwise.h"
#include "core/metrics/sampling.h"
#include "core/relative/compact_relative.h"
#include "core/space/row_matching.h"
#include "core/translate/translator.h"

#include <imgui.h>

#include <omp.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <optional>
#include <thread>

namespace lb::ui {

const char* similarityMetricKey(int metric) {
    static const char* names[] = {"linear_cka", "rbf_cka", "jaccard", "mrr", "mean_cosine"};
    return metric >= 0 && metric < kSimilarityMetrics ? names[metric] : "";
}

const char* similarityColumnKey(int column) {
    static const char* names[] = {"absolute", "relative", "translated"};
    return column >= 0 && column < kSimilarityColumns ? names[column] : "";
}

namespace {

MetricValue fromResult(const Result<double>& r) {
    if (r) return MetricValue{true, *r, {}};
    return MetricValue{false, 0, r.error().message};
}

void setAll(SimilarityResult& out, int col, const std::string& why) {
    for (int m = 0; m < kSimilarityMetrics; ++m) out.v[m][col] = MetricValue{false, 0, why};
}

// Linear CKA costs O(M·(Ds+Dt)²): above this total width it runs on a seeded subsample of linearRows rows.
// Compact relative reps (compact_relative.h) and demo-sized spaces stay below it and use every row.
constexpr Index kLinearCkaFullWidth = 256;

// Whether linear CKA of M rows of widths ds and dt uses every row (else the linearRows subsample).
bool linearCkaOnAllRows(Index m, Index ds, Index dt, const SimilarityInput& in) {
    return !(in.linearRows > 0 && m > in.linearRows && ds + dt > kLinearCkaFullWidth);
}

// The linear-CKA moments of X and Y into `slot`. A failure other than cancellation leaves it empty: the column
// then computes linear CKA from its rows.
Status fillMoments(std::shared_ptr<const LinearCkaMoments>& slot, const ConstRowMatrixRef& X,
                   const ConstRowMatrixRef& Y, JobContext& ctx) {
    Result<LinearCkaMoments> m = linearCkaMoments(X, Y, ctx);
    if (m) slot = std::make_shared<const LinearCkaMoments>(std::move(*m));
    else if (m.error().code == ErrorCode::Cancelled) return m.error();
    return Status::ok();
}

// One column of the table. S (M × Ds) and T (M × Dt) are the same M samples in two spaces; the CKAs need nothing
// more. Neighbours and cosines compare S's rows with T's, so they need S in T's coordinates: sInT (M × Dt, the
// same dot products with T's rows as S's true rows; null when the two share no coordinates, `whyNot` says why)
// and S's true row norms (null: sInT's own).
struct ColumnInput {
    ConstRowMatrixRef S, T;
    const RowMatrixXf* sInT;
    const Eigen::VectorXf* sNorms;
    std::string whyNot;
    // T's kNN side and RBF kernel: when the pointer is set, used if non-null, else computed and kept there.
    std::shared_ptr<const KnnTargetSide>* tNeighbours = nullptr;
    std::shared_ptr<const RbfKernelSide>* tKernel = nullptr;
    // When set: S = X·linearMap + offset, T = Z·linearMapT + offset' (empty: T = Z) and linear CKA comes from
    // the moments of X and Z (linearCkaOfMaps), not from S and T's rows.
    const LinearCkaMoments* linearMoments = nullptr;
    Eigen::MatrixXd linearMap, linearMapT;
    ColumnInput(const ConstRowMatrixRef& s, const ConstRowMatrixRef& t, const RowMatrixXf* inT = nullptr,
                const Eigen::VectorXf* norms = nullptr)
        : S(s), T(t), sInT(inT), sNorms(norms) {}
};

// knnAgreement, with T's side taken from `side` when set, else computed and stored there for the next caller.
Result<KnnAgreement> knnAgreementKeepingSide(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T,
                                            const KnnAgreementOptions& options,
                                            std::shared_ptr<const KnnTargetSide>& side, JobContext& ctx) {
    if (!side) {
        Result<KnnTargetSide> computed = knnTargetSide(T, options, ctx);
        if (!computed) return computed.error();
        side = std::make_shared<const KnnTargetSide>(std::move(*computed));
    }
    return knnAgreementWith(S, T, *side, ctx);
}

// rbfCka, with T's kernel taken from `side` when set, else computed and stored there for the next caller.
Result<RbfCkaResult> rbfCkaKeepingSide(const ConstRowMatrixRef& S, const ConstRowMatrixRef& T, const RbfCkaOptions& options,
                                       std::shared_ptr<const RbfKernelSide>& side, JobContext& ctx) {
    if (!side) {
        if (S.rows() != T.rows()) return rbfCka(S, T, options, ctx);  // its error
        Result<RbfKernelSide> computed = rbfKernelSide(T, options, ctx);
        if (!computed) return computed.error();
        side = std::make_shared<const RbfKernelSide>(std::move(*computed));
    }
    return rbfCkaWith(S, *side, ctx);
}

// A column's metrics in three parts that may run on different threads, costliest first: kNN agreement and mean
// cosine, RBF CKA, linear CKA. Each part writes its own entries of `out` (its metrics' values, and nQueries /
// kJaccard / kMrr, rbfRows, linearRows respectively), so two threads can fill one column.
enum ColumnPart { kPartNeighbours = 0, kPartRbf, kPartLinear, kColumnParts };

Status fillColumnPart(SimilarityResult& out, int col, int part, const ColumnInput& c, const SimilarityInput& in,
                      JobContext& ctx) {
    const ConstRowMatrixRef& S = c.S;
    const ConstRowMatrixRef& T = c.T;
    if (ctx.cancelled()) return Status::cancelled();
    if (part == kPartLinear) {
        if (c.linearMoments) {
            out.v[kLinearCka][col] = MetricValue{true, linearCkaOfMaps(*c.linearMoments, c.linearMap, c.linearMapT), {}};
        } else if (!linearCkaOnAllRows(S.rows(), S.cols(), T.cols(), in)) {
            // The same rows for S and T (they are the same samples).
            const std::vector<Index> rows = sampleRows(S.rows(), in.linearRows, 0);
            const RowMatrixXf s = gatherRows(ConstRowMatrixMap(S.data(), S.rows(), S.cols()), rows);
            const RowMatrixXf t = gatherRows(ConstRowMatrixMap(T.data(), T.rows(), T.cols()), rows);
            out.v[kLinearCka][col] = fromResult(linearCka(s, t, ctx));
            out.linearRows = in.linearRows;
        } else {
            out.v[kLinearCka][col] = fromResult(linearCka(S, T, ctx));
        }
    } else if (part == kPartRbf) {
        Result<RbfCkaResult> rbf = c.tKernel ? rbfCkaKeepingSide(S, T, in.rbf, *c.tKernel, ctx) : rbfCka(S, T, in.rbf, ctx);
        out.v[kRbfCka][col] = rbf ? MetricValue{true, rbf->value, {}} : MetricValue{false, 0, rbf.error().message};
        if (rbf) out.rbfRows = rbf->n;
    } else if (!c.sInT) {
        out.v[kJaccard][col] = out.v[kMrr][col] = out.v[kMeanCosine][col] = MetricValue{false, 0, c.whyNot};
    } else {
        Result<KnnAgreement> knn = c.tNeighbours ? knnAgreementKeepingSide(*c.sInT, T, in.knn, *c.tNeighbours, ctx)
                                                 : knnAgreement(*c.sInT, T, in.knn, ctx);
        if (knn) {
            out.v[kJaccard][col] = MetricValue{true, knn->jaccard, {}, knn->jaccardStdErr};
            out.v[kMrr][col] = MetricValue{true, knn->mrr, {}, knn->mrrStdErr};
            out.nQueries = knn->nQueries;
            out.kJaccard = knn->kJaccard;
            out.kMrr = knn->kMrr;
        } else {
            if (knn.error().code == ErrorCode::Cancelled) return knn.error();
            out.v[kJaccard][col] = out.v[kMrr][col] = MetricValue{false, 0, knn.error().message};
        }
        out.v[kMeanCosine][col] = fromResult(c.sNorms ? meanCosine(*c.sInT, T, *c.sNorms) : meanCosine(*c.sInT, T));
    }
    return ctx.cancelled() ? Status::cancelled() : Status::ok();
}

Status fillColumn(SimilarityResult& out, int col, const ColumnInput& c, const SimilarityInput& in, JobContext& ctx) {
    for (int part = 0; part < kColumnParts; ++part)
        if (Status s = fillColumnPart(out, col, part, c, in, ctx); !s) return s;
    return Status::ok();
}

// The relative column's inputs: both spaces' compact relative reps on the shared anchors (M × min(K, D) each,
// compact_relative.h; every metric of the table is the same as on the M × K matrices, at a fraction of the
// cost), and A's rows in B's basis. `input` stays empty when the column does not apply (its cells say why).
struct RelativeColumn {
    CompactRelative a, b;
    RowMatrixXf aInB;
    Eigen::VectorXf normsA;
    std::optional<ColumnInput> input;
};

Status prepareRelativeColumn(RelativeColumn& rel, SimilarityResult& out, const RowMatrixXf& A, const RowMatrixXf& B,
                             const RowMatrixXf& anchorsA, const RowMatrixXf& anchorsB, const SimilarityInput& in,
                             JobContext& ctx) {
    if (out.k < 1) {
        setAll(out, kColRelative, "no anchors yet: pick anchors (click points or Select in the Anchors panel)");
        return Status::ok();
    }
    Result<CompactRelative> ra = compactRelative(A, anchorsA, in.relative, ctx);
    Result<CompactRelative> rb = ra ? compactRelative(B, anchorsB, in.relative, ctx) : Result<CompactRelative>(ra.error());
    if (!rb) {
        if (rb.error().code == ErrorCode::Cancelled) return rb.error();
        setAll(out, kColRelative, rb.error().message);
        return Status::ok();
    }
    rel.a = std::move(*ra);
    rel.b = std::move(*rb);
    rel.aInB = inBasisOf(rel.a, rel.b);
    rel.normsA = rel.a.Y.rowwise().norm();
    rel.input.emplace(rel.a.Y, rel.b.Y, &rel.aInB, &rel.normsA);
    // Both reps linear in the normalized rows, and all rows used (see fillColumnPart): linear CKA from the
    // pair's moments of those rows, O(D³) per anchor edit.
    if (rel.a.linearMap.size() > 0 && rel.b.linearMap.size() > 0 &&
        linearCkaOnAllRows(A.rows(), rel.a.Y.cols(), rel.b.Y.cols(), in)) {
        if (!out.abUnitLinear) {
            if (Status st = fillMoments(out.abUnitLinear, cosineNormalizedRows(A), cosineNormalizedRows(B), ctx); !st)
                return st;
        }
        if (out.abUnitLinear) {
            rel.input->linearMoments = out.abUnitLinear.get();
            rel.input->linearMap = rel.a.linearMap.cast<double>();
            rel.input->linearMapT = rel.b.linearMap.cast<double>();
        }
    }
    return Status::ok();
}

// The translated column: A translated into B with the anchors, against B (B's kNN side and RBF kernel from
// `out`, set by the absolute column).
Status fillTranslatedColumn(SimilarityResult& out, const RowMatrixXf& A, const RowMatrixXf& B,
                            const RowMatrixXf& anchorsA, const RowMatrixXf& anchorsB, const SimilarityInput& in,
                            JobContext& ctx) {
    if (out.k < 2) {
        setAll(out, kColTranslated, "translation needs at least 2 anchors");
        return Status::ok();
    }
    Result<Translator> t = Translator::fit(anchorsA, anchorsB, in.translation, ctx, FitReport::Skip);
    if (!t) {
        if (t.error().code == ErrorCode::Cancelled) return t.error();
        setAll(out, kColTranslated, "translator: " + t.error().message);
        return Status::ok();
    }
    const RowMatrixXf translated = t->apply(A);  // M x Db
    ColumnInput c(translated, B, &translated);
    c.tNeighbours = &out.bNeighbours;
    c.tKernel = &out.bKernel;
    // Linear CKA of an affine translation from the pair's moments, when the direct computation would use all
    // rows too (see fillColumnPart): O(D³) per anchor edit instead of three cross products over the M rows.
    const std::optional<Translator::AffineMap> affine = t->affineMap();
    if (affine && linearCkaOnAllRows(A.rows(), B.cols(), B.cols(), in)) {
        if (!out.abLinear) {
            if (Status st = fillMoments(out.abLinear, A, B, ctx); !st) return st;
        }
        if (out.abLinear) {
            c.linearMoments = out.abLinear.get();
            c.linearMap = affine->map.cast<double>();
        }
    }
    return fillColumn(out, kColTranslated, c, in, ctx);
}

}  // namespace

Result<SimilarityResult> computeSimilarity(const SimilarityInput& in, JobContext& ctx) {
    SimilarityResult out;
    out.nameA = in.a->name;
    out.nameB = in.b->name;
    out.m = static_cast<Index>(in.rows.rowsA.size());
    out.k = static_cast<Index>(in.rows.anchors.size());
    out.kJaccard = in.knn.kJaccard;
    out.kMrr = in.knn.kMrr;
    if (out.m < 2) {
        for (int c = 0; c < kSimilarityColumns; ++c) setAll(out, c, "the two spaces share fewer than 2 samples");
        return out;
    }
    const RowMatrixXf A = gatherRows(in.a->embeddings.view(), in.rows.rowsA);  // M x Da
    const RowMatrixXf B = gatherRows(in.b->embeddings.view(), in.rows.rowsB);  // M x Db
    if (in.absoluteFrom) {
        for (int m = 0; m < kSimilarityMetrics; ++m) out.v[m][kColAbsolute] = in.absoluteFrom->v[m][kColAbsolute];
        out.nQueries = in.absoluteFrom->nQueries;
        out.rbfRows = in.absoluteFrom->rbfRows;
        out.linearRows = in.absoluteFrom->linearRows;
        out.bNeighbours = in.absoluteFrom->bNeighbours;
        out.bKernel = in.absoluteFrom->bKernel;
        out.abLinear = in.absoluteFrom->abLinear;
        out.abUnitLinear = in.absoluteFrom->abUnitLinear;
    } else {
        ColumnInput c(A, B);
        c.tNeighbours = &out.bNeighbours;
        c.tKernel = &out.bKernel;
        if (A.cols() == B.cols()) c.sInT = &A;
        else
            c.whyNot = "A has " + std::to_string(A.cols()) + " dims and B " + std::to_string(B.cols()) +
                       ": neighbours and cosines need one common space (use the relative or translated column)";
        if (Status s = fillColumn(out, kColAbsolute, c, in, ctx); !s) return s.error();
    }
    const RowMatrixXf anchorsA = gatherRows(ConstRowMatrixMap(A.data(), A.rows(), A.cols()), in.rows.anchors);
    const RowMatrixXf anchorsB = gatherRows(ConstRowMatrixMap(B.data(), B.rows(), B.cols()), in.rows.anchors);
    // The relative and translated columns share nothing but the inputs (and B's kNN side and kernel, set
    // above). After an anchor click they are the whole job and run beside the stitching matrix, so they are
    // spread over two threads: this one prepares the relative column (compact reps) while a helper fills the
    // translated column (into a copy); then both take the relative column's parts, costliest first. Three
    // threads then keep both cores busy until the two panels finish (the matrix used to finish first and
    // leave a core idle), and the two halves of this job end together.
    SimilarityResult translatedOut = out;
    JobContext helperCtx(&ctx);
    RelativeColumn rel;
    Status relative = Status::ok(), translated = Status::ok();
    Status partStatus[kColumnParts] = {Status::ok(), Status::ok(), Status::ok()};
    std::atomic<int> nextPart{0};
    OneShotGate relativeReady;
    auto takeRelativeParts = [&](JobContext& c) {
        relativeReady.wait();
        if (!relative || !rel.input) return;
        for (int part; (part = nextPart.fetch_add(1)) < kColumnParts;)
            partStatus[part] = fillColumnPart(out, kColRelative, part, *rel.input, in, c);
    };
    runSideBySide(
        [&] {
            translated = fillTranslatedColumn(translatedOut, A, B, anchorsA, anchorsB, in, helperCtx);
            takeRelativeParts(helperCtx);
        },
        [&] {
            {
                const OneShotGate::OpenOnExit open{relativeReady};  // even if preparing throws
                relative = prepareRelativeColumn(rel, out, A, B, anchorsA, anchorsB, in, ctx);
            }
            takeRelativeParts(ctx);
        });
    if (!relative) return relative.error();
    for (const Status& part : partStatus)
        if (!part) return part.error();
    if (!translated) return translated.error();
    for (int m = 0; m < kSimilarityMetrics; ++m) out.v[m][kColTranslated] = translatedOut.v[m][kColTranslated];
    // What the columns report of their sampling is the same for all (set by whichever ran).
    out.nQueries = std::max(out.nQueries, translatedOut.nQueries);
    out.rbfRows = std::max(out.rbfRows, translatedOut.rbfRows);
    out.linearRows = std::max(out.linearRows, translatedOut.linearRows);
    // B's sides computed by the translated column (the absolute one finds no neighbours across widths), and the
    // pair's linear-CKA moments.
    if (!out.bNeighbours) out.bNeighbours = translatedOut.bNeighbours;
    if (!out.bKernel) out.bKernel = translatedOut.bKernel;
    out.abLinear = translatedOut.abLinear;  // the translated column's, computed or carried
    return out;
}

// ------------------------------------------------------------------------------------------------ GUI side
namespace {

// What the absolute column depends on (not the anchors), and what the whole table depends on.
uint64_t absoluteKey(const AppState& st, const SimilarityPanelState& p, int a, int b) {
    uint64_t h = mixKey(st.session.spacesVersion(), static_cast<uint64_t>(st.session.reference()));
    for (int v : {a, b, p.kJaccard, p.kMrr, p.maxQueries, p.rbfRows}) h = mixKey(h, static_cast<uint64_t>(v + 1));
    return h;
}

uint64_t inputsKey(const AppState& st, const SimilarityPanelState& p, int a, int b) {
    return mixKey(documentKey(st), absoluteKey(st, p, a, b));
}

void submit(AppState& st, SimilarityPanelState& p, int a, int b, uint64_t key) {
    SimilarityInput in;
    in.a = st.session.entry(static_cast<size_t>(a)).space;
    in.b = st.session.entry(static_cast<size_t>(b)).space;
    in.rows = pairRows(st.session, static_cast<size_t>(a), static_cast<size_t>(b));
    in.relative = st.session.settings.relative;
    in.translation = st.session.settings.translation;
    in.knn.kJaccard = p.kJaccard;
    in.knn.kMrr = p.kMrr;
    in.knn.maxQueries = p.maxQueries;
    in.rbf.maxRows = p.rbfRows;
    // k cannot exceed the matched rows (the core clamps, but say what was used).
    const Index m = static_cast<Index>(in.rows.rowsA.size());
    in.knn.kJaccard = std::clamp<Index>(in.knn.kJaccard, 1, std::max<Index>(1, m));
    in.knn.kMrr = std::clamp<Index>(in.knn.kMrr, 1, std::max<Index>(1, m));
    const uint64_t absKey = absoluteKey(st, p, a, b);
    if (p.result && p.resultAbsoluteKey == absKey) in.absoluteFrom = p.result;
    p.submittedKey = key;
    p.job.submitResult<SimilarityResult>(
        st.jobs, "similarity metrics",
        [in = std::move(in)](JobContext& ctx) { return computeSimilarity(in, ctx); },
        [&p, &st, key, absKey](Result<SimilarityResult> r) {
            if (!r) {
                if (r.error().code != ErrorCode::Cancelled) p.error = r.error().describe();
                return;
            }
            p.error.clear();
            p.lastMs = p.job.handle().elapsedMs();
            p.afterEditMs = msSinceViewsRequest(st);
            p.result = std::make_shared<const SimilarityResult>(std::move(r).value());
            p.resultKey = key;
            p.resultAbsoluteKey = absKey;
        },
        JobPriority::Normal, JobThreads::One);  // runs beside the stitching matrix (see JobThreads)
}

const char* metricLabel(int m, const SimilarityResult* r, char* buf, size_t n) {
    switch (m) {
    case kLinearCka: return "CKA (linear)";
    case kRbfCka: return "CKA (RBF)";
    case kJaccard: std::snprintf(buf, n, "Jaccard@%lld", static_cast<long long>(r ? r->kJaccard : 0)); return buf;
    case kMrr: std::snprintf(buf, n, "MRR@%lld", static_cast<long long>(r ? r->kMrr : 0)); return buf;
    default: return "mean cosine";
    }
}

const char* metricHelp(int m) {
    switch (m) {
    case kLinearCka: return "Linear centered kernel alignment of the two row sets (1 = same geometry up to rotation and "
                            "scale). Works across different widths.";
    case kRbfCka: return "CKA with Gaussian kernels (bandwidth: median distance), on a seeded row subsample.";
    case kJaccard: return "Overlap of each sample's k nearest neighbours (cosine) found from A and from B, searched "
                          "among B's rows. 1 = identical neighbourhoods.";
    case kMrr: return "Mean reciprocal rank of a sample's own B counterpart among the neighbours of its A version "
                      "(1 = always first).";
    default: return "Mean cosine between each sample's A and B vectors (needs the same width).";
    }
}

void drawPairCombos(AppState& st, SimilarityPanelState& p) {
    const int n = static_cast<int>(st.session.spaceCount());
    auto combo = [&](const char* label, int& sel) {
        ImGui::SetNextItemWidth(180);
        if (!ImGui::BeginCombo(label, st.session.space(static_cast<size_t>(sel)).name.c_str())) return;
        for (int i = 0; i < n; ++i)
            if (ImGui::Selectable(st.session.space(static_cast<size_t>(i)).name.c_str(), i == sel)) sel = i;
        ImGui::EndCombo();
    };
    const float rowX = ImGui::GetCursorPosX();
    combo("A (source)", p.spaceA);
    sameLineIfFits(labelledItemWidth(180, "B (target)"), rowX);
    combo("B (target)", p.spaceB);
    if (p.spaceA == p.spaceB) ImGui::TextColored(ImVec4(1, 0.7f, 0.3f, 1), "A and B are the same space: every metric is trivially 1.");
}

void drawTable(const SimilarityResult& r, bool stale, const PanelContext& ctx) {
    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("metrics", 4, flags)) return;
    ImGui::TableSetupColumn("metric", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    // The translated column's header names the direction when its column is wide enough (the 435 px dock column of a
    // 1280 x 800 window clipped it to "translated A..."); its tooltip always does.
    const char* heads[] = {"absolute", "relative", "translated A->B"};
    const char* shortHeads[] = {"absolute", "relative", "translated"};
    const char* helps[] = {"The raw embeddings, as the models produced them.",
                           "Both spaces as similarities to the shared anchors (session relative settings).",
                           "A translated into B's space with the anchors (session translation method) vs B."};
    for (const char* h : heads) ImGui::TableSetupColumn(h, ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
    for (int c = 0; c < 4; ++c) {
        ImGui::TableSetColumnIndex(c);
        const char* head = c == 0 ? "metric" : heads[c - 1];
        if (c > 0 && ImGui::CalcTextSize(head).x > ImGui::GetContentRegionAvail().x) head = shortHeads[c - 1];
        ImGui::TableHeader(head);
        if (c > 0 && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", helps[c - 1]);
    }
    char buf[32];
    for (int m = 0; m < kSimilarityMetrics; ++m) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(metricLabel(m, &r, buf, sizeof buf));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", metricHelp(m));
        for (int c = 0; c < kSimilarityColumns; ++c) {
            ImGui::TableSetColumnIndex(c + 1);
            const MetricValue& v = r.v[m][c];
            if (v.ok) {
                // A mean over sampled queries with its standard error: "0.174 ±0.010".
                char text[48];
                if (v.stdErr > 0) std::snprintf(text, sizeof text, "%.3f %s%.3f", v.value, ctx.plusMinus(), v.stdErr);
                else std::snprintf(text, sizeof text, "%.3f", v.value);
                if (stale) ImGui::TextDisabled("%s", text);
                else ImGui::TextUnformatted(text);
                if (v.stdErr > 0 && ImGui::IsItemHovered())
                    ImGui::SetTooltip("Mean over %lld random queries %s its standard error (how much this mean would "
                                      "vary with another sample of queries).\nRaise \"queries\" for a tighter estimate.",
                                      static_cast<long long>(r.nQueries), ctx.plusMinus());
            } else {
                ImGui::TextDisabled("%s", ctx.dash());
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", v.why.c_str());
            }
        }
    }
    ImGui::EndTable();
}

}  // namespace

void updateSimilarityPanel(AppState& st, SimilarityPanelState& p) {
    int a = p.spaceA, b = p.spaceB;
    if (!resolvePair(st.session, a, b)) return;
    p.spaceA = a;
    p.spaceB = b;
    const uint64_t key = inputsKey(st, p, a, b);
    if (key != p.submittedKey && !deferToViews(st, p.job)) submit(st, p, a, b, key);
}

void drawSimilarityPanel(AppState& st, SimilarityPanelState& p, const PanelContext& ctx) {
    if (st.session.spaceCount() < 2) {
        ImGui::TextWrapped("Load two spaces to compare them.");
        return;
    }
    drawPairCombos(st, p);
    ImGui::SetNextItemWidth(90);
    ImGui::InputInt("Jaccard k", &p.kJaccard);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    ImGui::InputInt("MRR k", &p.kMrr);
    ImGui::SetNextItemWidth(90);
    ImGui::InputInt("queries", &p.maxQueries, 50, 500);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Jaccard and MRR average over this many seeded random samples, each searched among all "
                          "shared samples (0 = every sample).\nThe table shows each mean %s its standard error. The "
                          "search grows with the count: 250 keeps anchor edits live on 10,000 samples.",
                          ctx.plusMinus());
    ImGui::SameLine();
    ImGui::SetNextItemWidth(90);
    ImGui::InputInt("RBF rows", &p.rbfRows, 100, 1000);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("RBF CKA on a seeded subsample of this many rows (its kernels are rows x rows).");
    p.kJaccard = std::clamp(p.kJaccard, 1, 1000);
    p.kMrr = std::clamp(p.kMrr, 1, 1000);
    p.maxQueries = std::clamp(p.maxQueries, 0, 1000000);
    p.rbfRows = std::clamp(p.rbfRows, 50, 4000);
    const bool running = p.job.running();
    // A young job changes nothing on screen (job_progress.h): a live update redraws the table once, with its
    // result.
    const bool showRunning = running && showsProgress(p.job.handle());
    const bool stale = showRunning || (!running && p.resultKey != p.submittedKey);
    if (showRunning) {
        const JobHandle& h = p.job.handle();
        drawJobProgress(h, h.fraction(), ImVec2(-1, 0), "computing" + std::string(ctx.ellipsis()) + " " + h.stage());
    }
    if (!p.error.empty()) ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", p.error.c_str());
    if (!p.result) {
        if (!running) ImGui::TextDisabled("No result yet.");
        return;
    }
    const SimilarityResult& r = *p.result;
    drawTable(r, stale, ctx);
    ImGui::TextDisabled("%lld shared samples, %lld anchors", static_cast<long long>(r.m), static_cast<long long>(r.k));
    std::string notes;
    if (r.nQueries > 0 && r.nQueries < r.m)
        notes += "Jaccard/MRR on " + std::to_string(r.nQueries) + " random queries (searched among all " +
                 std::to_string(r.m) + "). ";
    if (r.rbfRows > 0 && r.rbfRows < r.m) notes += "RBF CKA on " + std::to_string(r.rbfRows) + " random rows. ";
    if (r.linearRows > 0 && r.linearRows < r.m) notes += "Linear CKA on " + std::to_string(r.linearRows) + " random rows. ";
    if (!notes.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("%s", notes.c_str());
        ImGui::PopStyleColor();
    }
    if (p.lastMs >= 0) ImGui::TextDisabled("updated in %.0f ms", p.lastMs);
}

nlohmann::json similarityReport(const SimilarityPanelState& p) {
    if (!p.result) return nullptr;
    const SimilarityResult& r = *p.result;
    nlohmann::json j = {{"a", r.nameA}, {"b", r.nameB}, {"m", r.m}, {"k", r.k}, {"queries", r.nQueries},
                        {"computing", p.job.running()}, {"ms", p.lastMs},
                        {"after_edit_ms", p.afterEditMs}};
    for (int c = 0; c < kSimilarityColumns; ++c) {
        nlohmann::json col = nlohmann::json::object();
        for (int m = 0; m < kSimilarityMetrics; ++m) {
            const MetricValue& v = r.v[m][c];
            col[similarityMetricKey(m)] = v.ok ? nlohmann::json(v.value) : nlohmann::json(nullptr);
            if (v.ok && v.stdErr > 0) col[std::string(similarityMetricKey(m)) + "_stderr"] = v.stdErr;
        }
        j[similarityColumnKey(c)] = col;
    }
    return j;
}

}  // namespace lb::ui
