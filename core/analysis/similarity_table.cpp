// computeSimilarityTable: picks the evaluated rows, reuses what a previous table of the same rows computed, and
// fills the three columns (relative_column.h, streamed_column.h), their parts side by side on two threads.
#include "core/analysis/similarity_table.h"

#include "core/analysis/pair_moments.h"
#include "core/analysis/pair_neighbours.h"
#include "core/analysis/relative_column.h"
#include "core/analysis/settings_json.h"
#include "core/analysis/similarity_column.h"
#include "core/analysis/streamed_column.h"
#include "core/jobs/concurrency.h"
#include "core/metrics/sampling.h"
#include "core/space/row_matching.h"

#include <algorithm>
#include <functional>

namespace lb {

const char* similarityMetricKey(SimilarityMetric m) {
    static const char* names[] = {"linear_cka",         "rbf_cka", "jaccard", "mrr", "top1", "top5", "mean_cosine",
                                  "random_pair_cosine", "mse"};
    const int i = static_cast<int>(m);
    return i >= 0 && i < kSimilarityMetrics ? names[i] : "";
}

const char* similarityColumnKey(SimilarityColumn c) {
    static const char* names[] = {"absolute", "relative", "translated"};
    const int i = static_cast<int>(c);
    return i >= 0 && i < kSimilarityColumns ? names[i] : "";
}

namespace {

// Which rows, of which spaces, with which sampling: what the anchor-free parts of a table depend on.
uint64_t evaluationKeyOf(const std::vector<Index>& rowsA, const std::vector<Index>& rowsB,
                         const SimilaritySettings& s) {
    nlohmann::json settings = toJson(s);
    settings.erase("preview");
    uint64_t h = fingerprintOf(settings);
    for (const std::vector<Index>* rows : {&rowsA, &rowsB})
        for (Index r : *rows) h = (h ^ static_cast<uint64_t>(r)) * 1099511628211ull;
    return h;
}

bool asked(const SimilarityInput& in, SimilarityColumn c) {
    return in.columns[static_cast<size_t>(c)];
}

// Takes the anchor-free parts of `previous` when it was computed for the same spaces, rows and settings, with
// its absolute column. True when taken.
bool reusePrevious(SimilarityTable& out, const SimilarityInput& in) {
    const SimilarityTable* p = in.previous.get();
    if (!p || p->evaluationKey != out.evaluationKey || p->spaceA.lock() != in.a || p->spaceB.lock() != in.b ||
        !p->columns[static_cast<size_t>(SimilarityColumn::Absolute)])
        return false;
    const int abs = static_cast<int>(SimilarityColumn::Absolute);
    for (int m = 0; m < kSimilarityMetrics; ++m) out.v[m][abs] = p->v[m][abs];
    out.nQueries = p->nQueries;
    out.rbfRows = p->rbfRows;
    out.linearRows = p->linearRows;
    out.bKernel = p->bKernel;
    out.abLinear = p->abLinear;
    out.abUnitLinear = p->abUnitLinear;
    return true;
}

// The previous table's neighbour lists when they are for the same pair, rows and kNN settings, with A's lists when
// `listsOfA`.
std::shared_ptr<const PairNeighbours> previousNeighbours(const SimilarityInput& in, bool listsOfA) {
    const SimilarityTable* p = in.previous.get();
    if (!p || !p->pairNeighbours) return nullptr;
    const PairNeighbours& n = *p->pairNeighbours;
    if (n.spaceA.lock() != in.a || n.spaceB.lock() != in.b || n.key != pairNeighboursKey(in.rows, in.settings) ||
        !hasListsOfA(n, listsOfA, in.a->embeddings.cols(), in.b->embeddings.cols()))
        return nullptr;
    return p->pairNeighbours;
}

// With every protocol row evaluated: the moments the linear CKAs will ask for (fillAbsoluteLinear, the translated
// column, unitRowMoments; under the same conditions), from the pair's moments over all its rows less the excluded
// ones (pair_moments.h).
Status momentsFromAllRows(SimilarityTable& out, const SimilarityInput& in, const std::vector<Index>& eval,
                          bool relative, bool translated, bool absolute, JobContext& ctx) {
    const Index e = static_cast<Index>(eval.size());
    const Index da = in.a->embeddings.cols(), db = in.b->embeddings.cols();
    const bool raw = !out.abLinear && ((absolute && linearCkaOnAllRows(e, da, db, in.settings)) ||
                                       (translated && linearCkaOnAllRows(e, db, db, in.settings)));
    const bool unit = !out.abUnitLinear && relative && relativeLinearInUnitRows(in.relative, out.k, da, db) &&
                      linearCkaOnAllRows(e, std::min(out.k, da), std::min(out.k, db), in.settings);
    const std::shared_ptr<const PairMoments> previous = in.previous ? in.previous->pairMoments : nullptr;
    if (!raw && !unit) {
        out.pairMoments = previous;
        return Status::ok();
    }
    Result<std::shared_ptr<const PairMoments>> pm = pairMoments(previous, in.a, in.b, in.rows, raw, unit, ctx);
    if (!pm) return pm.error();
    out.pairMoments = *pm;
    const std::vector<Index> excluded = positionsExcept(static_cast<Index>(in.rows.rowsA.size()), eval);
    for (const bool isUnit : {false, true}) {
        if (!(isUnit ? unit : raw)) continue;
        Result<LinearCkaMoments> m = evaluatedMoments(isUnit ? *out.pairMoments->unit : *out.pairMoments->raw, isUnit,
                                                      *in.a, *in.b, in.rows, excluded);
        if (m) (isUnit ? out.abUnitLinear : out.abLinear) = std::make_shared<const LinearCkaMoments>(std::move(*m));
    }
    return ctx.cancelled() ? Status::cancelled() : Status::ok();
}

// Runs the tasks on two threads; the first failure (cancellation, an out-of-memory error) wins.
Status runPhase(const std::vector<std::function<Status(JobContext&)>>& tasks, JobContext& ctx) {
    std::vector<Status> status(tasks.size(), Status::ok());
    runTasksOnTwoThreads(
        tasks.size(), [&](size_t i, JobContext& c) { status[i] = tasks[i](c); }, ctx);
    for (const Status& st : status)
        if (!st) return st;
    return ctx.cancelled() ? Status::cancelled() : Status::ok();
}

}  // namespace

Result<SimilarityTable> computeSimilarityTable(const SimilarityInput& in, JobContext& ctx) {
    // One OpenMP thread here and on the helper (runSideBySide): OpenBLAS splits a product with a small result and
    // a long inner dimension (the CKA cross products, Q_aᵀQ_b) by thread count, so its last bits would follow the
    // caller's thread count. The table's own two threads keep the cores busy, and the app (one thread per job)
    // and the CLI (every core) report the same bits.
    const ScopedOmpThreads oneThread(1);
    SimilarityTable out;
    out.nameA = in.a->name;
    out.nameB = in.b->name;
    out.spaceA = in.a;
    out.spaceB = in.b;
    out.settings = in.settings;
    out.relative = in.relative;
    out.translation = in.translation;
    out.matched = static_cast<Index>(in.rows.rowsA.size());
    out.k = static_cast<Index>(in.rows.anchorRowsA.size());
    out.kJaccard = in.settings.kJaccard;
    out.kMrr = in.settings.kMrr;
    out.columns = in.columns;
    for (int c = 0; c < kSimilarityColumns; ++c)
        if (!in.columns[static_cast<size_t>(c)]) setColumn(out, static_cast<SimilarityColumn>(c), "not asked for");
    // The protocol's rows, or a seeded subsample of them (maxRows; the app's preview): every metric, the kNN
    // search included, then runs on those rows only.
    const std::vector<Index> protocolRows = evaluatedPositions(in.rows, in.settings.protocol);
    const std::vector<Index> eval = rowsAt(
        protocolRows, sampleRows(static_cast<Index>(protocolRows.size()), in.settings.maxRows, in.settings.seed));
    out.evaluated = static_cast<Index>(eval.size());
    if (out.evaluated < 2) {
        const std::string why = out.matched < 2 ? "the two spaces share fewer than 2 samples"
                                                : "fewer than 2 shared samples are left outside the anchors";
        for (int c = 0; c < kSimilarityColumns; ++c) setColumn(out, static_cast<SimilarityColumn>(c), why);
        return out;
    }
    const std::vector<Index> rowsA = rowsAt(in.rows.rowsA, eval), rowsB = rowsAt(in.rows.rowsB, eval);
    out.evaluationKey = evaluationKeyOf(rowsA, rowsB, in.settings);
    const Index e = out.evaluated;
    const ColumnSettings settings{in.settings, in.relative, in.translation};
    const RowMatrixXf anchorsA = gatherRows(in.a->embeddings.view(), in.rows.anchorRowsA);  // K x Da
    const RowMatrixXf anchorsB = gatherRows(in.b->embeddings.view(), in.rows.anchorRowsB);  // K x Db
    const bool absolute = !reusePrevious(out, in) && asked(in, SimilarityColumn::Absolute);
    const bool relative = asked(in, SimilarityColumn::Relative), translated = asked(in, SimilarityColumn::Translated);
    // Every protocol row evaluated: the neighbour searches among B's rows run once per pair over all its shared rows
    // (pair_neighbours.h) and every column draws the same queries from them. A subsample (the preview) searches its
    // own rows. The relative column searches among its own rows: alone, it needs the queries but no lists.
    out.pairNeighbours = previousNeighbours(in, absolute);
    EvaluatedNeighbours queries;
    const bool amongAllRows = static_cast<size_t>(e) == protocolRows.size() && (absolute || relative || translated);
    if (amongAllRows) {
        const bool listsAmongB = absolute || translated || out.pairNeighbours;
        if (listsAmongB && !out.pairNeighbours) {
            Result<PairNeighbours> n = pairNeighbours(in.a, in.b, in.rows, in.settings, absolute, ctx);
            if (!n) return n.error();
            out.pairNeighbours = std::make_shared<const PairNeighbours>(std::move(*n));
        }
        Result<EvaluatedNeighbours> drawn =
            listsAmongB ? evaluatedNeighbours(*out.pairNeighbours, eval, in.settings.maxQueries, ctx)
                        : evaluatedQueries(static_cast<Index>(in.rows.rowsB.size()), eval, in.settings);
        if (!drawn) return drawn.error();
        queries = std::move(*drawn);
        if (Status st = momentsFromAllRows(out, in, eval, relative, translated, absolute, ctx); !st) return st.error();
    }
    const bool unitMoments =
        relative && !out.abUnitLinear &&
        relativeLinearInUnitRows(in.relative, out.k, in.a->embeddings.cols(), in.b->embeddings.cols()) &&
        linearCkaOnAllRows(e, std::min(out.k, in.a->embeddings.cols()), std::min(out.k, in.b->embeddings.cols()),
                           in.settings);
    // Every column streams both spaces' rows block by block (relative_column.h, streamed_column.h): no E x D or
    // E x K copies. Two phases of independent single-threaded tasks on two threads (runTasksOnTwoThreads),
    // costliest first. Phase 1: the absolute column (which keeps B's kernel and A's and B's moments for the
    // translated column), and the relative and translated columns' preparation. Phase 2: the relative and
    // translated columns' parts. Each task writes its own fields.
    using Task = std::function<Status(JobContext&)>;
    const ConstRowMatrixMap viewA = in.a->embeddings.view(), viewB = in.b->embeddings.view();
    const PairNeighbours* lists = amongAllRows ? out.pairNeighbours.get() : nullptr;
    const StreamedColumnInput absInput{
        SimilarityColumn::Absolute, viewA, viewB, &rowsA, &rowsB, &anchorsA, &anchorsB, lists,
        lists ? &queries : nullptr};
    StreamedColumnInput trInput = absInput;
    trInput.column = SimilarityColumn::Translated;
    StreamedColumn absCol, trCol;
    if (absolute) {
        if (Status st = prepareStreamedColumn(absCol, absInput, settings, ctx); !st) return st.error();
        planStreamedColumn(absCol, absInput, out, settings);
    }
    const RelativeColumnInput relInput{
        viewA, viewB, &rowsA, &rowsB, &anchorsA, &anchorsB, amongAllRows ? &queries.queryRows : nullptr};
    RelativeColumn rel;
    std::vector<Task> phase1;
    if (absolute)
        for (int part = 0; part < kStreamedColumnParts; ++part)
            phase1.push_back(
                [&, part](JobContext& c) { return fillStreamedPart(absCol, part, absInput, settings, c); });
    if (relative) {
        phase1.push_back([&](JobContext& c) { return prepareRelativeColumn(rel, relInput, settings, c); });
        if (unitMoments)
            phase1.push_back([&](JobContext& c) { return unitRowMoments(out, viewA, viewB, rowsA, rowsB, c); });
    }
    if (translated) phase1.push_back([&](JobContext& c) { return prepareStreamedColumn(trCol, trInput, settings, c); });
    if (Status st = runPhase(phase1, ctx); !st) return st.error();
    if (absolute) finishStreamedColumn(absCol, absInput, out, settings);

    if (relative) planRelativeColumn(rel, out, settings);
    if (translated) planStreamedColumn(trCol, trInput, out, settings);
    std::vector<Task> phase2;
    if (translated) phase2.push_back([&](JobContext& c) { return fillStreamedPart(trCol, 0, trInput, settings, c); });
    if (rel.run)
        for (int part = 0; part < kRelativeColumnParts; ++part)
            phase2.push_back([&, part](JobContext& c) { return fillRelativePart(rel, part, relInput, settings, c); });
    if (translated)
        for (int part = 1; part < kStreamedColumnParts; ++part)
            phase2.push_back([&, part](JobContext& c) { return fillStreamedPart(trCol, part, trInput, settings, c); });
    if (Status st = runPhase(phase2, ctx); !st) return st.error();
    if (relative) finishRelativeColumn(rel, out, settings);
    if (translated) finishStreamedColumn(trCol, trInput, out, settings);
    if (ctx.cancelled()) return Status::cancelled();
    return out;
}

SimilarityInput similarityInput(const Session& session, size_t a, size_t b, bool preview, double previewFraction) {
    SimilarityInput in;
    in.a = session.entry(a).space;
    in.b = session.entry(b).space;
    in.rows = pairRows(session, a, b);
    in.relative = session.settings.relative;
    in.translation = session.settings.translation;
    in.settings = effectiveSimilaritySettings(session.settings.similarity, preview, previewFraction);
    return in;
}

nlohmann::json toJson(const SimilarityTable& t) {
    nlohmann::json j = {{"a", t.nameA},
                        {"b", t.nameB},
                        {"matched", t.matched},
                        {"evaluated", t.evaluated},
                        {"anchors", t.k},
                        {"queries", t.nQueries},
                        {"rbf_rows", t.rbfRows},
                        {"linear_rows", t.linearRows},
                        {"k_jaccard", t.kJaccard},
                        {"k_mrr", t.kMrr}};
    nlohmann::json why = nlohmann::json::object();
    for (int c = 0; c < kSimilarityColumns; ++c) {
        nlohmann::json col = nlohmann::json::object(), colWhy = nlohmann::json::object();
        for (int m = 0; m < kSimilarityMetrics; ++m) {
            const MetricValue& v = t.v[m][c];
            const char* key = similarityMetricKey(static_cast<SimilarityMetric>(m));
            col[key] = v.ok ? nlohmann::json(v.value) : nlohmann::json(nullptr);
            if (v.ok && v.stdErr > 0) col[std::string(key) + "_stderr"] = v.stdErr;
            if (!v.ok) colWhy[key] = v.why;
        }
        j[similarityColumnKey(static_cast<SimilarityColumn>(c))] = col;
        why[similarityColumnKey(static_cast<SimilarityColumn>(c))] = colWhy;
    }
    j["why"] = why;
    j["warnings"] = t.warnings;
    nlohmann::json similarity = toJson(t.settings);
    similarity.erase("preview");  // the sizes above are the ones used
    j["settings"] = {
        {"similarity", similarity}, {"relative", toJson(t.relative)}, {"translation", toJson(t.translation)}};
    return j;
}

}  // namespace lb
