// computeSimilarityTable: gathers the evaluated rows, reuses what a previous table of the same rows computed, and
// fills the three columns (similarity_column.h), the relative and translated ones side by side.
#include "core/analysis/similarity_table.h"

#include "core/analysis/settings_json.h"
#include "core/analysis/similarity_column.h"
#include "core/jobs/concurrency.h"
#include "core/space/row_matching.h"

#include <algorithm>
#include <atomic>

namespace lb {

const char* similarityMetricKey(SimilarityMetric m) {
    static const char* names[] = {"linear_cka", "rbf_cka", "jaccard", "mrr", "top1", "top5",
                                  "mean_cosine", "random_pair_cosine", "mse"};
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
uint64_t evaluationKeyOf(const std::vector<Index>& rowsA, const std::vector<Index>& rowsB, const SimilaritySettings& s) {
    nlohmann::json settings = toJson(s);
    settings.erase("preview");
    uint64_t h = fingerprintOf(settings);
    for (const std::vector<Index>* rows : {&rowsA, &rowsB})
        for (Index r : *rows) h = (h ^ static_cast<uint64_t>(r)) * 1099511628211ull;
    return h;
}

std::vector<Index> pick(const std::vector<Index>& rows, const std::vector<Index>& positions) {
    std::vector<Index> out;
    out.reserve(positions.size());
    for (Index p : positions) out.push_back(rows[static_cast<size_t>(p)]);
    return out;
}

bool asked(const SimilarityInput& in, SimilarityColumn c) { return in.columns[static_cast<size_t>(c)]; }

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
    out.bNeighbours = p->bNeighbours;
    out.bKernel = p->bKernel;
    out.abLinear = p->abLinear;
    out.abUnitLinear = p->abUnitLinear;
    return true;
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
    out.k = static_cast<Index>(in.rows.anchors.size());
    out.kJaccard = in.settings.kJaccard;
    out.kMrr = in.settings.kMrr;
    out.columns = in.columns;
    for (int c = 0; c < kSimilarityColumns; ++c)
        if (!in.columns[static_cast<size_t>(c)]) setColumn(out, static_cast<SimilarityColumn>(c), "not asked for");
    const std::vector<Index> eval = evaluatedPositions(in.rows, in.settings.protocol);
    out.evaluated = static_cast<Index>(eval.size());
    if (out.evaluated < 2) {
        const std::string why = out.matched < 2 ? "the two spaces share fewer than 2 samples"
                                                : "fewer than 2 shared samples are left outside the anchors";
        for (int c = 0; c < kSimilarityColumns; ++c) setColumn(out, static_cast<SimilarityColumn>(c), why);
        return out;
    }
    const std::vector<Index> rowsA = pick(in.rows.rowsA, eval), rowsB = pick(in.rows.rowsB, eval);
    out.evaluationKey = evaluationKeyOf(rowsA, rowsB, in.settings);
    const RowMatrixXf A = gatherRows(in.a->embeddings.view(), rowsA);  // E x Da
    const RowMatrixXf B = gatherRows(in.b->embeddings.view(), rowsB);  // E x Db
    const ColumnSettings settings{in.settings, in.relative, in.translation};
    if (!reusePrevious(out, in) && asked(in, SimilarityColumn::Absolute)) {
        if (Status s = fillAbsoluteColumn(out, A, B, settings, ctx); !s) return s.error();
    }
    const RowMatrixXf anchorsA = gatherRows(in.a->embeddings.view(), pick(in.rows.rowsA, in.rows.anchors));  // K x Da
    const RowMatrixXf anchorsB = gatherRows(in.b->embeddings.view(), pick(in.rows.rowsB, in.rows.anchors));  // K x Db
    // The relative and translated columns share nothing but the inputs (and B's kNN side and kernel, set above).
    // After an anchor edit they are most of the work and run beside the stitching matrix, so they are spread
    // over two threads: this one prepares the relative column (compact representations) while a helper fills
    // the translated column (into a copy); then both take the relative column's parts, costliest first, so both
    // cores stay busy until the table is done.
    SimilarityTable translatedOut = out;
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
            partStatus[part] = fillColumnPart(out, SimilarityColumn::Relative, part, *rel.input, settings, c);
    };
    runSideBySide(
        [&] {
            if (asked(in, SimilarityColumn::Translated))
                translated = fillTranslatedColumn(translatedOut, A, B, anchorsA, anchorsB, settings, helperCtx);
            takeRelativeParts(helperCtx);
        },
        [&] {
            {
                const OneShotGate::OpenOnExit open{relativeReady};  // even if preparing throws
                if (asked(in, SimilarityColumn::Relative))
                    relative = prepareRelativeColumn(rel, out, A, B, anchorsA, anchorsB, settings, ctx);
            }
            takeRelativeParts(ctx);
        });
    if (!relative) return relative.error();
    for (const Status& part : partStatus)
        if (!part) return part.error();
    if (!translated) return translated.error();
    const int tc = static_cast<int>(SimilarityColumn::Translated);
    for (int m = 0; m < kSimilarityMetrics; ++m) out.v[m][tc] = translatedOut.v[m][tc];
    // What the columns report of their sampling is the same for all (set by whichever ran).
    out.nQueries = std::max(out.nQueries, translatedOut.nQueries);
    out.rbfRows = std::max(out.rbfRows, translatedOut.rbfRows);
    out.linearRows = std::max(out.linearRows, translatedOut.linearRows);
    // B's sides computed by the translated column (the absolute one finds no neighbours across widths), and the
    // pair's linear-CKA moments.
    if (!out.bNeighbours) out.bNeighbours = translatedOut.bNeighbours;
    if (!out.bKernel) out.bKernel = translatedOut.bKernel;
    if (!out.abLinear) out.abLinear = translatedOut.abLinear;
    if (ctx.cancelled()) return Status::cancelled();
    return out;
}

SimilarityInput similarityInput(const Session& session, size_t a, size_t b, bool preview) {
    SimilarityInput in;
    in.a = session.entry(a).space;
    in.b = session.entry(b).space;
    in.rows = pairRows(session, a, b);
    in.relative = session.settings.relative;
    in.translation = session.settings.translation;
    in.settings = effectiveSimilaritySettings(session.settings.similarity, preview);
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
    nlohmann::json similarity = toJson(t.settings);
    similarity.erase("preview");  // the sizes above are the ones used
    j["settings"] = {{"similarity", similarity}, {"relative", toJson(t.relative)}, {"translation", toJson(t.translation)}};
    return j;
}

}  // namespace lb
