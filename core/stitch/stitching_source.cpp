// The source side of zero-shot stitching (stitching.h): a source's predictions through a prepared target.
#include "core/stitch/stitching.h"

#include "core/jobs/concurrency.h"
#include "core/linalg/covariance.h"
#include "core/metrics/retrieval.h"
#include "core/space/row_blocks.h"
#include "core/stitch/stitching_rows.h"

#include <algorithm>

namespace lb {

StitchingScores scoresOf(const StitchingPredictions& p, const std::vector<int32_t>& yTest) {
    const auto accuracy = [&](const std::optional<std::vector<int32_t>>& v) -> std::optional<double> {
        if (!v) return std::nullopt;
        return classificationAccuracy(*v, yTest);
    };
    StitchingScores s;
    s.native = classificationAccuracy(p.native, yTest);
    s.absolute = accuracy(p.absolute);
    s.relative = accuracy(p.relative);
    s.relativeNative = accuracy(p.relativeNative);
    for (const auto& [method, v] : p.translated) s.translated.emplace_back(method, accuracy(v));
    return s;
}

Result<StitchingPredictions> predictSource(const StitchingTarget& t, const ConstRowMatrixRef& source,
                                           const StitchingOptions& options, std::vector<Warning>& warnings,
                                           JobContext& ctx, const CompactRelative* sourceRelativeTest) {
    const Index m = static_cast<Index>(t.split.train.size() + t.split.test.size());
    if (source.rows() != m)
        return invalidArgument("stitching needs matched source and target rows (" + std::to_string(source.rows()) +
                               " vs " + std::to_string(m) + ")");
    StitchingPredictions p;
    p.native = t.nativePredicted;
    // Every method reads the source's test rows in one pass, block by block: the heads that read source rows
    // directly share one product (absolute; the target head composed with each affine translator:
    // afterAffine, O(N_test·D_s·C) and no translated copy), a translator with L2 normalization translates
    // the block first, and the relative head reads the block's relative reps.
    StackedHeads stacked;
    std::optional<size_t> absoluteSlot;
    if (source.cols() == t.anchorRows.cols()) absoluteSlot = stacked.add(t.head);
    // How each method's predictions are made: none (fit failed), as an earlier method's (the same map: affine
    // and linear on centered anchors), from a stacked head, or by translating each block.
    enum class Route { None, Same, Stacked, Apply };
    struct MethodRoute {
        Route route = Route::None;
        size_t index = 0;  // the earlier method (Same) or the stacked slot (Stacked)
    };
    std::vector<MethodRoute> routes(options.methods.size());
    std::vector<Result<Translator>> fits;  // one fit for all methods: they share the scaled anchors
    if (!options.methods.empty()) {
        // Many small products (K × D anchors, K × K and D × D factors): one thread, as concurrency.h says,
        // since a team of two waits at every barrier for a thread the machine may have descheduled.
        const ScopedOmpThreads oneThread(1);
        fits = Translator::fitEach(detail::gather(source, t.anchors), t.anchorRows, options.translation,
                                   options.methods, ctx, FitReport::Skip);
    }
    for (size_t i = 0; i < fits.size(); ++i) {
        const Result<Translator>& tr = fits[i];
        if (!tr) {
            if (tr.error().code == ErrorCode::Cancelled) return tr.error();
            warnings.push_back(
                {std::string(translationMethodName(options.methods[i])) + " translator: " + tr.error().message, {}});
            continue;
        }
        for (const Warning& w : tr->warnings())  // once each (dead dimensions are the same for every method)
            if (std::none_of(warnings.begin(), warnings.end(),
                             [&](const Warning& o) { return o.message == w.message; }))
                warnings.push_back(w);
        for (size_t j = 0; j < i && routes[i].route == Route::None; ++j)
            if (routes[j].route != Route::None && fits[j]->sameMapping(*tr)) routes[i] = {Route::Same, j};
        if (routes[i].route != Route::None) continue;
        if (const std::optional<Translator::AffineMap> a = tr->affineMap())
            routes[i] = {Route::Stacked, stacked.add(t.head.afterAffine(a->map, a->offset))};
        else
            routes[i] = {Route::Apply, 0};
    }
    // The source's relative reps on its own anchors, unless the caller has them.
    std::optional<CompactRelativeProjector> projector;
    CompactRelative blockRelative;  // the current block's reps (Y), with the projector's basis
    if (t.relativeHead && !sourceRelativeTest) {
        Result<CompactRelativeProjector> prepared =
            CompactRelativeProjector::prepare(detail::gather(source, t.anchors), options.relative);
        if (!prepared) return prepared.error();
        projector = std::move(*prepared);
        blockRelative = projector->form();
    }
    std::vector<std::vector<int32_t>> stackedPredicted, applied(routes.size());
    std::vector<int32_t> relative;
    JobContext inner(&ctx);
    ctx.setStage("stitching the source", static_cast<uint64_t>(t.split.test.size()));
    const Status st = forEachRowBlock(
        source, t.split.test, kCrossProductBlockRows,
        [&](Index, const RowMatrixXf& block) -> Status {
            stacked.predict(block, stackedPredicted);
            for (size_t i = 0; i < routes.size(); ++i) {
                if (routes[i].route != Route::Apply) continue;
                const std::vector<int32_t> c = t.head.predict(fits[i]->apply(block));
                applied[i].insert(applied[i].end(), c.begin(), c.end());
            }
            if (projector) {
                Result<RowMatrixXf> y = projector->project(block, inner);
                if (!y) return y.error();
                blockRelative.Y = std::move(*y);
                const std::vector<int32_t> c = t.relativeHead->predict(inBasisOf(blockRelative, t.relativeTest));
                relative.insert(relative.end(), c.begin(), c.end());
            }
            return Status::ok();
        },
        ctx);
    if (!st) return st.error();
    if (absoluteSlot) p.absolute = std::move(stackedPredicted[*absoluteSlot]);
    if (t.relativeHead) {
        p.relative = sourceRelativeTest ? t.relativeHead->predict(inBasisOf(*sourceRelativeTest, t.relativeTest))
                                        : std::move(relative);
        p.relativeNative = t.relativeNativePredicted;
    }
    for (size_t i = 0; i < routes.size(); ++i) {
        std::optional<std::vector<int32_t>> v;
        switch (routes[i].route) {
            case Route::None: break;
            case Route::Same: v = p.translated[routes[i].index].second; break;
            case Route::Stacked: v = std::move(stackedPredicted[routes[i].index]); break;
            case Route::Apply: v = std::move(applied[i]); break;
        }
        p.translated.emplace_back(options.methods[i], std::move(v));
    }
    return p;
}

Result<StitchingScores> stitchSource(const StitchingTarget& t, const ConstRowMatrixRef& source,
                                     const StitchingOptions& options, std::vector<Warning>& warnings, JobContext& ctx,
                                     const CompactRelative* sourceRelativeTest) {
    Result<StitchingPredictions> p = predictSource(t, source, options, warnings, ctx, sourceRelativeTest);
    if (!p) return p.error();
    StitchingScores s = scoresOf(*p, t.yTest);
    s.native = t.native;  // the same value; kept exact for a target whose native side was reused
    return s;
}

}  // namespace lb
