#include "core/analysis/stitching_matrix.h"

#include "core/analysis/settings_json.h"
#include "core/io/linear_head_io.h"
#include "core/metrics/sampling.h"
#include "core/stitch/paired_anchor_stitching.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <mutex>

namespace lb {

StitchingOptions stitchingOptions(const StitchSettings& s, const RelativeOptions& relative,
                                  const TranslationOptions& translation) {
    StitchingOptions o;
    o.head = s.head;
    o.ridge.alpha = s.ridgeAlpha;
    o.logistic.lambda = s.logisticLambda;
    o.testFraction = s.testFraction;
    o.seed = s.seed;
    o.relative = relative;
    o.translation = translation;
    o.methods = {TranslationMethod::Procrustes, TranslationMethod::Linear, TranslationMethod::Affine};
    o.withRelative = true;
    return o;
}

std::string headFileFor(const std::string& spacePath) {
    namespace fs = std::filesystem;
    if (spacePath.empty()) return {};
    const fs::path p(spacePath);
    std::error_code ec;
    for (const char* ext : {".npz", ".safetensors"}) {
        const fs::path cand = p.parent_path() / (p.stem().string() + "_head" + ext);
        if (fs::is_regular_file(cand, ec)) return cand.string();
    }
    return {};
}

namespace {

// The translation method behind a StitchMethod (none for absolute and relative), and back.
std::optional<TranslationMethod> translationOf(StitchMethod m) {
    switch (m) {
        case StitchMethod::Procrustes: return TranslationMethod::Procrustes;
        case StitchMethod::Linear: return TranslationMethod::Linear;
        case StitchMethod::Affine: return TranslationMethod::Affine;
        default: return std::nullopt;
    }
}

std::optional<StitchMethod> stitchMethodOf(TranslationMethod m) {
    for (int i = 0; i < kStitchMethods; ++i)
        if (translationOf(static_cast<StitchMethod>(i)) == m) return static_cast<StitchMethod>(i);
    return std::nullopt;
}

// The methods computeStitchingMatrix computes with `options`.
std::array<bool, kStitchMethods> methodsOf(const StitchingOptions& options) {
    std::array<bool, kStitchMethods> on{};
    on[static_cast<int>(StitchMethod::Absolute)] = true;
    on[static_cast<int>(StitchMethod::Relative)] = options.withRelative;
    for (TranslationMethod t : options.methods)
        if (std::optional<StitchMethod> m = stitchMethodOf(t)) on[static_cast<int>(*m)] = true;
    return on;
}

// `options` computing exactly the methods `on`.
StitchingOptions withMethods(StitchingOptions options, const std::array<bool, kStitchMethods>& on) {
    options.withRelative = on[static_cast<int>(StitchMethod::Relative)];
    options.methods.clear();
    for (int i = 0; i < kStitchMethods; ++i)
        if (std::optional<TranslationMethod> t = translationOf(static_cast<StitchMethod>(i)); t && on[i])
            options.methods.push_back(*t);
    return options;
}

}  // namespace

std::optional<double> StitchingMatrix::value(size_t src, size_t tgt, StitchMethod method) const {
    const StitchCell& c = at(src, tgt);
    if (!c.ok) return std::nullopt;
    if (src == tgt) return c.scores.native;
    if (!computed[static_cast<int>(method)]) return std::nullopt;
    switch (method) {
        case StitchMethod::Absolute: return c.scores.absolute;
        case StitchMethod::Relative: return c.scores.relative;
        default: break;
    }
    for (const auto& [m, v] : c.scores.translated)
        if (m == translationOf(method)) return v;
    return std::nullopt;
}

std::string StitchingMatrix::whyAbsent(size_t src, size_t tgt, StitchMethod method) const {
    const StitchCell& c = at(src, tgt);
    if (!c.ok) return c.error;
    if (src != tgt && c.k < 2 && method != StitchMethod::Absolute)
        return "needs at least 2 anchors shared by " + names[src] + " and " + names[tgt];
    if (!computed[static_cast<int>(method)])
        return std::string("Not computed yet: after an edit the shown method comes first, then the others (") +
               stitchMethodName(method) + " among them). If they were cancelled, press Compute.";
    if (method == StitchMethod::Absolute)
        return "The source and target widths differ: the target's head cannot read the source's raw vectors.";
    if (method == StitchMethod::Relative && headName == headKindName(HeadKind::Fixed))
        return "A head file was trained on absolute vectors; the relative method needs a head trained on relative "
               "representations (choose the ridge or logistic head).";
    return std::string("The ") + stitchMethodName(method) + " translator could not be fitted (see warnings).";
}

bool StitchingMatrix::complete() const {
    return std::all_of(computed.begin(), computed.end(), [](bool c) { return c; });
}

StitchingOptions onlyMethod(StitchingOptions options, StitchMethod method) {
    std::array<bool, kStitchMethods> on{};
    on[static_cast<int>(StitchMethod::Absolute)] = true;  // costs one head application per pair: always there
    on[static_cast<int>(method)] = true;
    return withMethods(std::move(options), on);
}

StitchingOptions missingMethods(StitchingOptions options, const StitchingMatrix& m) {
    std::array<bool, kStitchMethods> on{};
    for (int i = 0; i < kStitchMethods; ++i) on[i] = !m.computed[i];
    return withMethods(std::move(options), on);
}

void addMethods(StitchingMatrix& m, const StitchingMatrix& more) {
    if (more.n != m.n) return;
    const auto added = [&](StitchMethod k) {
        return more.computed[static_cast<int>(k)] && !m.computed[static_cast<int>(k)];
    };
    for (size_t i = 0; i < m.cells.size(); ++i) {
        StitchingScores& into = m.cells[i].scores;
        const StitchCell& from = more.cells[i];
        if (!m.cells[i].ok || !from.ok) continue;
        if (added(StitchMethod::Absolute)) into.absolute = from.scores.absolute;
        if (added(StitchMethod::Relative))
            into.relative = from.scores.relative, into.relativeNative = from.scores.relativeNative;
        for (const auto& [t, v] : from.scores.translated)
            if (std::optional<StitchMethod> k = stitchMethodOf(t); k && added(*k)) into.translated.emplace_back(t, v);
    }
    for (const std::string& w : more.warnings)  // the native heads' warnings are in both
        if (std::find(m.warnings.begin(), m.warnings.end(), w) == m.warnings.end()) m.warnings.push_back(w);
    for (int k = 0; k < kStitchMethods; ++k) m.computed[k] = m.computed[k] || more.computed[k];
}

double StitchingMatrix::chance() const {
    double c = 1.0;
    bool any = false;
    for (const StitchCell& cell : cells)
        if (cell.ok) c = std::min(c, cell.chance), any = true;
    return any ? c : 0.0;
}

namespace {

// Positions of the anchors among the matched rows of one pair, when each anchor present in both spaces is one
// matched row (its source and target rows matched to each other); false when one is a discovered pair that is not
// (Session::partners), or is not matched at all.
bool anchorPositions(const StitchingData& d, const std::vector<std::pair<Index, Index>>& pairs, Index nSource,
                     std::vector<Index>& out) {
    std::vector<Index> pos(static_cast<size_t>(nSource), -1);
    for (size_t i = 0; i < d.sourceRows.size(); ++i) pos[static_cast<size_t>(d.sourceRows[i])] = static_cast<Index>(i);
    out.clear();
    for (const auto& [s, t] : pairs) {
        const Index p = s < nSource ? pos[static_cast<size_t>(s)] : -1;
        if (p < 0 || d.targetRows[static_cast<size_t>(p)] != t) return false;
        out.push_back(p);
    }
    return true;
}

// The seeded permutations of one run's pairs, one per row count: the pairs of spaces matched row for row all have
// the same count, so their subsamples (subsampledMatch) shuffle it once, not once per pair. Thread-safe.
class SeededPermutations {
   public:
    explicit SeededPermutations(uint64_t seed) : m_seed(seed) {}
    std::shared_ptr<const std::vector<Index>> of(Index m) {
        std::lock_guard<std::mutex> lock(m_mutex);  // held while shuffling: another pair waits for the same one
        std::shared_ptr<const std::vector<Index>>& p = m_byCount[m];
        if (!p) p = std::make_shared<const std::vector<Index>>(seededPermutation(m, m_seed));
        return p;
    }

   private:
    uint64_t m_seed;
    std::mutex m_mutex;
    std::map<Index, std::shared_ptr<const std::vector<Index>>> m_byCount;
};

// The anchors and `maxRows` other matched rows of `d` (the first non-anchors of one seeded permutation of all
// of them, so that an anchor edit changes the sample by at most that row), in their order; `anchors` become
// positions among them. `d` itself when it has no more rows than that.
std::shared_ptr<const StitchingData> subsampledMatch(const std::shared_ptr<const StitchingData>& d,
                                                     std::vector<Index>& anchors, Index maxRows,
                                                     SeededPermutations& permutations) {
    const auto m = static_cast<Index>(d->sourceRows.size());
    if (maxRows <= 0 || m <= maxRows + static_cast<Index>(anchors.size())) return d;
    std::vector<char> keep(static_cast<size_t>(m), 0);
    for (Index a : anchors) keep[static_cast<size_t>(a)] = 1;
    Index taken = 0;
    for (Index p : *permutations.of(m)) {
        if (taken == maxRows) break;
        if (!keep[static_cast<size_t>(p)]) keep[static_cast<size_t>(p)] = 1, ++taken;
    }
    auto out = std::make_shared<StitchingData>();
    out->byKey = d->byKey;
    std::vector<Index> newPosition(static_cast<size_t>(m), -1);
    for (Index i = 0; i < m; ++i) {
        if (!keep[static_cast<size_t>(i)]) continue;
        newPosition[static_cast<size_t>(i)] = static_cast<Index>(out->sourceRows.size());
        out->sourceRows.push_back(d->sourceRows[static_cast<size_t>(i)]);
        out->targetRows.push_back(d->targetRows[static_cast<size_t>(i)]);
        out->labels.push_back(d->labels[static_cast<size_t>(i)]);
    }
    for (Index& a : anchors) a = newPosition[static_cast<size_t>(a)];
    return out;
}

// stitchingPairRows with the run's permutations (defined with it, below).
Result<StitchingPairRows> pairRowsWith(const StitchingMatrixInput& in, size_t src, size_t tgt,
                                       std::shared_ptr<const StitchingData> matched, SeededPermutations& permutations);

// One ordered pair's matched rows and anchor positions (phase 1 of computeStitchingMatrix).
struct PairWork {
    size_t src = 0, tgt = 0;
    std::shared_ptr<const StitchingData> matched;  // every matched row (kept for the next run)
    std::shared_ptr<const StitchingData> data;     // the rows evaluated: matched, or its subsample; null: dataError
    std::string dataError = "cancelled";
    std::vector<Index> anchors;  // positions among the matched rows
    int group = -1;              // index of the prepared target it shares
    std::vector<Warning> warnings;
};

// A target's prepared side, shared by every pair with the same matched target rows and anchors.
struct TargetGroup {
    size_t tgt = 0;
    const PairWork* first = nullptr;  // the pair whose data prepares it
    Result<StitchingTarget> prepared = Status::cancelled().error();
    const StitchingTarget* previous = nullptr;  // the previous run's side for the same target rows, if any
};

bool sameTargetSide(const PairWork& a, const PairWork& b) {
    return a.tgt == b.tgt && a.anchors == b.anchors && a.data->targetRows == b.data->targetRows;
}

std::shared_ptr<const StitchingData> previousMatch(const StitchingMatrixInput& in, size_t src, size_t tgt) {
    for (const MatchedPair& m : in.previousMatches)
        if (m.source.lock() == in.spaces[src] && m.target.lock() == in.spaces[tgt]) return m.data;
    return nullptr;
}

bool asked(const StitchingMatrixInput& in, size_t src, size_t tgt) {
    return in.onlyPairs.empty() ||
           std::find(in.onlyPairs.begin(), in.onlyPairs.end(), std::make_pair(src, tgt)) != in.onlyPairs.end();
}

std::string failureText(const Error& e) {
    return e.code == ErrorCode::Cancelled ? "cancelled" : e.message;
}

// The source's relative reps of the test rows, when the source was prepared as a target on the same rows, with
// the same anchors and test rows: its relativeTest is exactly what stitchSource would compute (the usual case
// of spaces that share one sample order: 6 of them per anchor click on the demo, ~8 ms). Null otherwise.
const CompactRelative* sourceAsTarget(const PairWork& w, const StitchingTarget& target,
                                      const std::vector<TargetGroup>& groups) {
    for (const TargetGroup& g : groups) {
        if (g.tgt != w.src || !g.prepared || !g.prepared->relativeHead) continue;
        const bool kept = g.prepared->relativeTest.Y.rows() == static_cast<Index>(target.split.test.size());
        if (kept && g.first->anchors == w.anchors && g.first->data->targetRows == w.data->sourceRows &&
            g.prepared->split.test == target.split.test)
            return &g.prepared->relativeTest;
    }
    return nullptr;
}

// Phase 3 for one pair: the source's matched rows (a view, or a copy that lives only during this call) through
// the prepared target.
StitchCell scorePair(const StitchingMatrixInput& in, PairWork& w, const std::vector<TargetGroup>& groups,
                     const StitchingOptions& options, JobContext& ctx) {
    StitchCell cell;
    const LatentSpace& s = *in.spaces[w.src];
    const LatentSpace& t = *in.spaces[w.tgt];
    if (!w.data) return cell.error = w.dataError, cell;
    if (w.group < 0) return cell.error = "needs at least 2 anchors shared by " + s.name + " and " + t.name, cell;
    const Result<StitchingTarget>& tg = groups[static_cast<size_t>(w.group)].prepared;
    if (!tg) return cell.error = failureText(tg.error()), cell;
    if (ctx.cancelled()) return cell.error = "cancelled", cell;
    RowMatrixXf storage;
    const ConstRowMatrixRef source = matchedRows(s, w.data->sourceRows, storage);
    Result<StitchingScores> r = stitchSource(*tg, source, options, w.warnings, ctx, sourceAsTarget(w, *tg, groups));
    if (!r) return cell.error = failureText(r.error()), cell;
    cell.ok = true;
    cell.scores = std::move(*r);
    cell.chance = tg->chance;
    cell.nTest = static_cast<Index>(tg->split.test.size());
    cell.nTrain = static_cast<Index>(tg->split.train.size());
    cell.numClasses = tg->numClasses;
    cell.k = static_cast<Index>(w.anchors.size());
    return cell;
}

// Targets that no pair could prepare for want of 2 shared anchors (a session just opened, before any anchor is
// picked) still show their native accuracy on the diagonal: their heads need no anchors
// (prepareNativeTarget; its split holds no row back as an anchor, so the first anchors may move a test row).
Status addNativeOnlyDiagonal(const StitchingMatrixInput& in, const std::vector<PairWork>& pairs,
                             const std::vector<TargetGroup>& groups, const std::vector<StitchingOptions>& options,
                             StitchingMatrix& out, JobContext& ctx) {
    std::vector<const PairWork*> into(out.n, nullptr);  // a pair with matched rows into each such target
    for (const PairWork& w : pairs)
        if (w.data && !into[w.tgt]) into[w.tgt] = &w;
    for (const TargetGroup& g : groups) into[g.tgt] = nullptr;  // prepared with anchors: its diagonal is set
    for (size_t tgt = 0; tgt < out.n; ++tgt) {
        const PairWork* w = into[tgt];
        StitchCell& diag = out.cells[tgt * out.n + tgt];
        if (!w || diag.ok) continue;
        RowMatrixXf storage;
        const ConstRowMatrixRef target = matchedRows(*in.spaces[tgt], w->data->targetRows, storage);
        Result<StitchingTarget> t = prepareNativeTarget(target, w->data->labels, options[tgt], ctx);
        if (!t) {
            if (t.error().code == ErrorCode::Cancelled) return t.error();
            diag.error = t.error().message;
            continue;
        }
        diag.ok = true;
        diag.scores.native = t->native;
        diag.chance = t->chance;
        diag.nTest = static_cast<Index>(t->split.test.size());
        diag.nTrain = static_cast<Index>(t->split.train.size());
        diag.numClasses = t->numClasses;
        diag.k = 0;
        for (const Warning& warning : t->warnings)
            out.warnings.push_back(in.spaces[tgt]->name + ": " + warning.message);
        // Absolute stitching needs no anchors: each source of the same width on the same target rows is scored
        // through that native head (relative and translated stay absent: their cells say why, whyAbsent).
        t->anchorRows.resize(0, target.cols());  // stitchSource reads the target's width from it
        StitchingOptions absoluteOnly = options[tgt];
        absoluteOnly.methods.clear();
        for (const PairWork& p : pairs) {
            if (p.tgt != tgt || !p.data || p.group >= 0 || p.data->targetRows != w->data->targetRows) continue;
            if (in.spaces[p.src]->d() != target.cols()) continue;
            RowMatrixXf sourceStorage;
            const ConstRowMatrixRef source = matchedRows(*in.spaces[p.src], p.data->sourceRows, sourceStorage);
            std::vector<Warning> none;  // no translator is fitted
            Result<StitchingScores> r = stitchSource(*t, source, absoluteOnly, none, ctx);
            if (!r) {
                if (r.error().code == ErrorCode::Cancelled) return r.error();
                continue;
            }
            StitchCell& cell = out.cells[p.src * out.n + tgt];
            cell.ok = true;
            cell.scores = std::move(*r);
            cell.chance = t->chance;
            cell.nTest = diag.nTest;
            cell.nTrain = diag.nTrain;
            cell.numClasses = t->numClasses;
            cell.k = static_cast<Index>(p.anchors.size());
        }
    }
    return ctx.cancelled() ? Status::cancelled() : Status::ok();
}

}  // namespace

Result<StitchingMatrix> computeStitchingMatrix(const StitchingMatrixInput& in, JobContext& ctx,
                                               std::atomic<int>* pairsDone) {
    StitchingMatrix out;
    out.computed = methodsOf(in.options);
    out.n = in.spaces.size();
    out.cells.resize(out.n * out.n);
    out.headName = headKindName(in.options.head);
    out.settings = in.settings;
    out.relative = in.options.relative;
    out.translation = in.options.translation;
    for (const auto& s : in.spaces) out.names.push_back(s->name);
    // Head files, one per target.
    std::vector<LinearClassifier> fixed(out.n);
    std::vector<std::string> headError(out.n);
    std::vector<StitchingOptions> options(out.n, in.options);
    for (size_t tgt = 0; tgt < out.n && in.options.head == HeadKind::Fixed; ++tgt) {
        headError[tgt] = loadTargetHead(in, tgt, fixed[tgt]);
        if (headError[tgt].empty()) options[tgt].fixedHead = &fixed[tgt];
    }
    std::vector<PairWork> pairs;
    for (size_t tgt = 0; tgt < out.n; ++tgt)
        for (size_t src = 0; src < out.n; ++src) {
            if (src == tgt || !asked(in, src, tgt)) continue;
            if (!headError[tgt].empty()) {  // nothing to compute: done at once, for the progress count
                if (pairsDone) pairsDone->fetch_add(1);
                continue;
            }
            pairs.emplace_back();
            pairs.back().src = src;
            pairs.back().tgt = tgt;
        }
    // A target keeps its test rows' relative reps only when it is also a source: they then serve as its
    // source-side reps (sourceAsTarget).
    for (size_t tgt = 0; tgt < out.n; ++tgt)
        options[tgt].keepRelativeTest =
            std::any_of(pairs.begin(), pairs.end(), [&](const PairWork& w) { return w.src == tgt; });
    const auto np = static_cast<Index>(pairs.size());
    // Three phases, each parallel over independent items (the inner GEMMs then run single-threaded, which
    // suits these small shapes better than splitting each product): match the rows of every pair, prepare
    // each distinct target side once (split, native head, relative head), then score every source. Matched
    // rows are viewed in place, or copied only while one target or one pair uses them, so large spaces never
    // have every pair's copy alive at once. A phase of a single item (one pair: `stitch A B`) opens no parallel
    // region, so its products use every thread instead of one.
    SeededPermutations permutations(in.settings.seed);
#pragma omp parallel for schedule(dynamic) if (np > 1)
    for (Index i = 0; i < np; ++i) {
        PairWork& w = pairs[static_cast<size_t>(i)];
        Result<StitchingPairRows> rows = pairRowsWith(in, w.src, w.tgt, previousMatch(in, w.src, w.tgt), permutations);
        if (!rows) {
            w.dataError = rows.error().message;
            continue;
        }
        w.matched = std::move(rows->matched);
        w.data = std::move(rows->data);
        w.anchors = std::move(rows->anchors);
    }
    std::vector<TargetGroup> groups;
    for (PairWork& w : pairs) {
        if (!w.data || w.anchors.size() < 2) continue;
        for (size_t g = 0; g < groups.size() && w.group < 0; ++g)
            if (sameTargetSide(*groups[g].first, w)) w.group = static_cast<int>(g);
        if (w.group < 0) {
            w.group = static_cast<int>(groups.size());
            groups.emplace_back();
            groups.back().tgt = w.tgt;
            groups.back().first = &w;
            for (const PreparedTarget& p : in.previous)
                if (p.tgt == w.tgt && p.target && p.targetRows == w.data->targetRows)
                    groups.back().previous = p.target.get();
        }
    }
#pragma omp parallel for schedule(dynamic) if (groups.size() > 1)
    for (Index g = 0; g < static_cast<Index>(groups.size()); ++g) {
        TargetGroup& tg = groups[static_cast<size_t>(g)];
        if (ctx.cancelled()) continue;
        RowMatrixXf storage;  // the matched target rows, only while this target is prepared
        const ConstRowMatrixRef target = matchedRows(*in.spaces[tg.tgt], tg.first->data->targetRows, storage);
        tg.prepared = prepareStitchingTarget(target, tg.first->data->labels, tg.first->anchors, options[tg.tgt], ctx,
                                             tg.previous);
    }
#pragma omp parallel for schedule(dynamic) if (np > 1)
    for (Index i = 0; i < np; ++i) {
        PairWork& w = pairs[static_cast<size_t>(i)];
        StitchCell& cell = out.cells[w.src * out.n + w.tgt];
        cell = scorePair(in, w, groups, options[w.tgt], ctx);
        if (pairsDone) pairsDone->fetch_add(1);
    }
    if (ctx.cancelled()) return Status::cancelled();
    for (TargetGroup& tg : groups) {
        if (!tg.prepared) continue;
        for (const Warning& w : tg.prepared->warnings)
            out.warnings.push_back(in.spaces[tg.tgt]->name + ": " + w.message);
        out.prepared.push_back(
            {tg.tgt, tg.first->data->targetRows, std::make_shared<const StitchingTarget>(std::move(*tg.prepared))});
    }
    for (const PairWork& w : pairs)
        if (w.matched) out.matches.push_back({in.spaces[w.src], in.spaces[w.tgt], w.matched});
    for (const PairWork& w : pairs)
        for (const Warning& warning : w.warnings)
            out.warnings.push_back(in.spaces[w.src]->name + " -> " + in.spaces[w.tgt]->name + ": " + warning.message);
    for (size_t tgt = 0; tgt < out.n; ++tgt) {
        // Diagonal: the target's native accuracy (target encoder -> its own head), from any pair into it.
        StitchCell& diag = out.cells[tgt * out.n + tgt];
        diag.error =
            headError[tgt].empty() ? "no pair into " + in.spaces[tgt]->name + " could be evaluated" : headError[tgt];
        for (size_t src = 0; src < out.n; ++src) {
            StitchCell& cell = out.cells[src * out.n + tgt];
            if (src == tgt) continue;
            if (!headError[tgt].empty()) cell.error = headError[tgt];
            if (cell.ok && !diag.ok) diag = cell;
        }
    }
    if (Status st = addNativeOnlyDiagonal(in, pairs, groups, options, out, ctx); !st) return st.error();
    return out;
}

// ----------------------------------------------------------------------------------------------- one pair
Result<StitchingPairRows> stitchingPairRows(const StitchingMatrixInput& in, size_t src, size_t tgt,
                                            std::shared_ptr<const StitchingData> matched) {
    SeededPermutations permutations(in.settings.seed);
    return pairRowsWith(in, src, tgt, std::move(matched), permutations);
}

namespace {

Result<StitchingPairRows> pairRowsWith(const StitchingMatrixInput& in, size_t src, size_t tgt,
                                       std::shared_ptr<const StitchingData> matched, SeededPermutations& permutations) {
    StitchingPairRows out;
    out.matched = std::move(matched);
    if (!out.matched) {
        Result<StitchingData> d = prepareStitchingData(*in.spaces[src], *in.spaces[tgt], StitchingRows::Only);
        if (!d) return d.error();
        out.matched = std::make_shared<const StitchingData>(std::move(*d));
    }
    // The session's anchors as (source row, target row) pairs, where both spaces have them.
    std::vector<std::pair<Index, Index>> pairs;
    for (size_t k = 0; k < in.anchorRows[src].size() && k < in.anchorRows[tgt].size(); ++k)
        if (in.anchorRows[src][k] >= 0 && in.anchorRows[tgt][k] >= 0)
            pairs.emplace_back(in.anchorRows[src][k], in.anchorRows[tgt][k]);
    std::shared_ptr<const StitchingData> rows = out.matched;
    if (!anchorPositions(*out.matched, pairs, in.spaces[src]->n(), out.anchors)) {
        // Discovered pairs that are not one matched sample: evaluated as stitchWithAnchorPairs does (the rows in
        // a pair leave the evaluated samples; the pairs join them as the anchors).
        Result<StitchingData> paired =
            pairedStitchingRows(*out.matched, pairs, in.spaces[src]->n(), in.spaces[tgt]->n(), out.anchors);
        if (!paired) return paired.error();
        rows = std::make_shared<const StitchingData>(std::move(*paired));
    }
    out.data = subsampledMatch(rows, out.anchors, in.settings.maxRows, permutations);
    return out;
}

}  // namespace

std::string loadTargetHead(const StitchingMatrixInput& in, size_t tgt, LinearClassifier& head) {
    if (in.options.head != HeadKind::Fixed) return {};
    if (in.headFiles[tgt].empty())
        return "no head file beside " + in.spaces[tgt]->name + " (expected " + in.spaces[tgt]->name +
               "_head.npz next to the space file)";
    Result<LinearHead> h = loadLinearHead(in.headFiles[tgt]);
    if (!h) return h.error().describe();
    head.W = std::move(h->weight);
    head.b = std::move(h->bias);
    return {};
}

// ------------------------------------------------------------------------------------------- JSON, input
nlohmann::json toJson(const StitchingMatrix& m) {
    nlohmann::json methods = nlohmann::json::object(), native = nlohmann::json::array();
    for (int k = 0; k < kStitchMethods; ++k) {
        if (!m.computed[static_cast<size_t>(k)]) continue;
        nlohmann::json rows = nlohmann::json::array();
        for (size_t s = 0; s < m.n; ++s) {
            nlohmann::json row = nlohmann::json::array();
            for (size_t t = 0; t < m.n; ++t) {
                const std::optional<double> v = m.value(s, t, static_cast<StitchMethod>(k));
                row.push_back(v ? nlohmann::json(*v) : nlohmann::json(nullptr));
            }
            rows.push_back(row);
        }
        methods[stitchMethodName(static_cast<StitchMethod>(k))] = rows;
    }
    for (size_t t = 0; t < m.n; ++t) {
        const StitchCell& d = m.at(t, t);
        native.push_back(d.ok ? nlohmann::json(d.scores.native) : nlohmann::json(nullptr));
    }
    Index anchors = 0;
    for (const StitchCell& c : m.cells) anchors = std::max(anchors, c.k);
    return {{"names", m.names},
            {"methods", methods},
            {"native", native},
            {"chance", m.chance()},
            {"head", m.headName},
            {"anchors", anchors},
            {"warnings", m.warnings},
            {"settings",
             {{"stitching", toJson(m.settings)},
              {"relative", toJson(m.relative)},
              {"translation", toJson(m.translation)}}}};
}

StitchingMatrixInput stitchingMatrixInput(const Session& s) {
    StitchingMatrixInput in;
    const SessionSettings& settings = s.settings;
    for (size_t i = 0; i < s.spaceCount(); ++i) {
        in.spaces.push_back(s.entry(i).space);
        in.anchorRows.push_back(s.anchorRowsIn(i));
        in.headFiles.push_back(settings.stitching.head == HeadKind::Fixed ? headFileFor(s.entry(i).path)
                                                                          : std::string());
    }
    in.settings = settings.stitching;
    in.options = stitchingOptions(settings.stitching, settings.relative, settings.translation);
    return in;
}

}  // namespace lb
