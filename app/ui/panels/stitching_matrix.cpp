// Worker side of the stitching panel (declared in stitching_panel.h): options, head files, the matrix job.
#include "app/ui/panels/stitching_panel.h"

#include "core/io/linear_head_io.h"

#include <algorithm>
#include <atomic>
#include <filesystem>

namespace lb::ui {

const char* stitchMethodName(StitchMethod m) {
    static const char* names[] = {"absolute", "relative", "procrustes", "linear", "affine"};
    const int i = static_cast<int>(m);
    return i >= 0 && i < kStitchMethods ? names[i] : "";
}

StitchingOptions stitchingOptions(const StitchingSetup& s, const TranslationOptions& translation) {
    StitchingOptions o;
    o.head = s.head;
    o.ridge.alpha = s.ridgeAlpha;
    o.logistic.lambda = s.logisticLambda;
    o.testFraction = std::clamp(static_cast<double>(s.testFraction), 0.01, 0.9);
    o.seed = static_cast<uint64_t>(std::max(0, s.seed));
    o.relative.similarities = {static_cast<Similarity>(std::clamp(s.similarity, 0, 4))};
    o.relative.transform = static_cast<AbsoluteTransform>(std::clamp(s.transform, 0, 2));
    o.relative.post = static_cast<PostNormalization>(std::clamp(s.post, 0, 2));
    o.translation = translation;
    o.methods = {TranslationMethod::Procrustes, TranslationMethod::Linear, TranslationMethod::Affine};
    return o;
}

uint64_t setupKey(const StitchingSetup& s) {
    uint64_t h = 0x5151;
    for (int v : {static_cast<int>(s.head), s.similarity, s.transform, s.post, s.seed}) h = mixKey(h, static_cast<uint64_t>(v + 7));
    for (float v : {s.ridgeAlpha, s.logisticLambda, s.testFraction}) h = mixKey(h, static_cast<double>(v));
    return h;
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

std::optional<double> StitchingMatrix::value(size_t src, size_t tgt, StitchMethod method) const {
    const StitchCell& c = at(src, tgt);
    if (!c.ok) return std::nullopt;
    if (src == tgt) return c.scores.native;
    switch (method) {
    case StitchMethod::Absolute: return c.scores.absolute;
    case StitchMethod::Relative: return c.scores.relative;
    default: break;
    }
    const TranslationMethod want = method == StitchMethod::Procrustes ? TranslationMethod::Procrustes
                                   : method == StitchMethod::Linear   ? TranslationMethod::Linear
                                                                      : TranslationMethod::Affine;
    for (const auto& [m, v] : c.scores.translated)
        if (m == want) return v;
    return std::nullopt;
}

std::string StitchingMatrix::whyAbsent(size_t src, size_t tgt, StitchMethod method) const {
    const StitchCell& c = at(src, tgt);
    if (!c.ok) return c.error;
    if (method == StitchMethod::Absolute)
        return "The source and target widths differ: the target's head cannot read the source's raw vectors.";
    if (method == StitchMethod::Relative && headName == "head files")
        return "A head file was trained on absolute vectors; the relative method needs a head trained on relative "
               "representations (choose the ridge or logistic head).";
    return std::string("The ") + stitchMethodName(method) + " translator could not be fitted (see warnings).";
}

double StitchingMatrix::chance() const {
    double c = 1.0;
    bool any = false;
    for (const StitchCell& cell : cells)
        if (cell.ok) c = std::min(c, cell.chance), any = true;
    return any ? c : 0.0;
}

namespace {

// Positions of the source's anchor rows among the matched rows of one pair.
std::vector<Index> anchorPositions(const StitchingData& d, const std::vector<Index>& anchorRows, Index nSource) {
    std::vector<Index> pos(static_cast<size_t>(nSource), -1);
    for (size_t i = 0; i < d.sourceRows.size(); ++i) pos[static_cast<size_t>(d.sourceRows[i])] = static_cast<Index>(i);
    std::vector<Index> out;
    for (Index r : anchorRows)
        if (r >= 0 && r < nSource && pos[static_cast<size_t>(r)] >= 0) out.push_back(pos[static_cast<size_t>(r)]);
    return out;
}

StitchCell evaluatePair(const StitchingMatrixInput& in, size_t src, size_t tgt, const StitchingOptions& options,
                        std::vector<std::string>& warnings, JobContext& ctx) {
    StitchCell cell;
    const LatentSpace& s = *in.spaces[src];
    const LatentSpace& t = *in.spaces[tgt];
    Result<StitchingData> data = prepareStitchingData(s, t);
    if (!data) {
        cell.error = data.error().message;
        return cell;
    }
    const std::vector<Index> anchors = anchorPositions(*data, in.anchorRows[src], s.n());
    if (anchors.size() < 2) {
        cell.error = "needs at least 2 anchors shared by " + s.name + " and " + t.name;
        return cell;
    }
    Result<StitchingResult> r = evaluateStitching(data->source, data->target, data->labels, anchors, options, ctx);
    if (!r) {
        cell.error = r.error().code == ErrorCode::Cancelled ? "cancelled" : r.error().message;
        return cell;
    }
    for (const Warning& w : r->warnings) warnings.push_back(s.name + " -> " + t.name + ": " + w.message);
    cell.ok = true;
    cell.scores = std::move(r->scores);
    cell.chance = r->chance;
    cell.nTest = r->nTest;
    cell.k = r->k;
    return cell;
}

}  // namespace

Result<StitchingMatrix> computeStitchingMatrix(const StitchingMatrixInput& in, JobContext& ctx,
                                               std::atomic<int>* pairsDone) {
    StitchingMatrix out;
    out.n = in.spaces.size();
    out.cells.resize(out.n * out.n);
    out.headName = in.options.head == HeadKind::Fixed ? "head files" : headKindName(in.options.head);
    for (const auto& s : in.spaces) out.names.push_back(s->name);
    for (size_t tgt = 0; tgt < out.n; ++tgt) {
        StitchingOptions options = in.options;
        LinearClassifier fixed;
        std::string headError;
        if (options.head == HeadKind::Fixed) {
            if (in.headFiles[tgt].empty()) {
                headError = "no head file beside " + in.spaces[tgt]->name + " (expected " +
                            in.spaces[tgt]->name + "_head.npz next to the space file)";
            } else if (Result<LinearHead> h = loadLinearHead(in.headFiles[tgt]); !h) {
                headError = h.error().describe();
            } else {
                fixed.W = std::move(h->weight);
                fixed.b = std::move(h->bias);
                options.fixedHead = &fixed;
            }
        }
        for (size_t src = 0; src < out.n; ++src) {
            if (src == tgt) continue;
            if (ctx.cancelled()) return Status::cancelled();
            StitchCell& cell = out.cells[src * out.n + tgt];
            if (!headError.empty()) cell.error = headError;
            else cell = evaluatePair(in, src, tgt, options, out.warnings, ctx);
            if (ctx.cancelled()) return Status::cancelled();
            if (pairsDone) pairsDone->fetch_add(1);
        }
        // Diagonal: the target's native accuracy (target encoder -> its own head), from any pair into it.
        StitchCell& diag = out.cells[tgt * out.n + tgt];
        diag.error = headError.empty() ? "no pair into " + in.spaces[tgt]->name + " could be evaluated" : headError;
        for (size_t src = 0; src < out.n; ++src)
            if (src != tgt && out.cells[src * out.n + tgt].ok) {
                diag = out.cells[src * out.n + tgt];
                break;
            }
    }
    return out;
}

}  // namespace lb::ui
