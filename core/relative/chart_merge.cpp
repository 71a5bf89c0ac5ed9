#include "core/relative/chart_merge.h"

#include "core/io/atomic_file.h"
#include "core/io/npy.h"
#include "core/io/npz_writer.h"
#include "core/metrics/cka.h"
#include "core/metrics/sampling.h"
#include "core/space/row_matching.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <set>
#include <unordered_map>

namespace lb {

namespace {

using KeyIndex = std::unordered_map<std::string, Index>;

KeyIndex rowsByKey(const LatentSpace& s) {
    KeyIndex out;
    for (size_t i = 0; i < s.keys.size(); ++i) out.emplace(s.keys[i], static_cast<Index>(i));
    return out;
}

// The chart's relative representation on the anchors (the chart's rows of `anchorKeys`): N_i × K'.
Result<RowMatrixXf> chartRelative(const LatentSpace& chart, const std::vector<std::string>& anchorKeys,
                                  const RelativeOptions& relative, JobContext& ctx) {
    const KeyIndex rows = rowsByKey(chart);
    std::vector<Index> anchors;
    for (const std::string& k : anchorKeys) anchors.push_back(rows.at(k));
    return relativeProjection(chart.embeddings.view(), gatherRows(chart.embeddings.view(), anchors), relative, ctx);
}

double rowCosine(const RowMatrixXf& a, Index i, const RowMatrixXf& b, Index j) {
    const double na = a.row(i).cast<double>().norm(), nb = b.row(j).cast<double>().norm();
    return na > 0 && nb > 0 ? a.row(i).cast<double>().dot(b.row(j).cast<double>()) / (na * nb) : 0.0;
}

double accuracy(const std::vector<int32_t>& predicted, const std::vector<int32_t>& truth) {
    Index right = 0;
    for (size_t i = 0; i < truth.size(); ++i) right += predicted[i] == truth[i];
    return truth.empty() ? 0.0 : static_cast<double>(right) / static_cast<double>(truth.size());
}

// A ridge head on rows `train` of X, its accuracy on rows `test`.
Result<double> trainAndTest(const ConstRowMatrixRef& X, const std::vector<Index>& train,
                            const std::vector<int32_t>& yTrain, const std::vector<Index>& test,
                            const std::vector<int32_t>& yTest, const RidgeOptions& ridge, JobContext& ctx) {
    const ConstRowMatrixMap view(X.data(), X.rows(), X.cols());
    Result<RidgeFit> fit = fitRidgeHead(gatherRows(view, train), yTrain, ridge, ctx);
    if (!fit) return fit.error();
    return accuracy(fit->head.predict(gatherRows(view, test)), yTest);
}

}  // namespace

Result<Atlas> mergeCharts(const std::vector<const LatentSpace*>& charts, const std::vector<std::string>& anchorKeys,
                          const RelativeOptions& relative, JobContext& ctx) {
    if (charts.size() < 2) return invalidArgument("an atlas needs at least 2 charts");
    if (anchorKeys.empty()) return invalidArgument("an atlas needs at least 1 anchor shared by every chart");
    if (std::set<std::string>(anchorKeys.begin(), anchorKeys.end()).size() != anchorKeys.size())
        return invalidArgument("the anchor keys repeat a key");
    for (const LatentSpace* c : charts) {
        if (!c->hasKeys())
            return invalidArgument(c->path + ": a chart needs keys (samples are matched across charts by key)");
        const KeyIndex rows = rowsByKey(*c);
        for (const std::string& k : anchorKeys)
            if (rows.find(k) == rows.end())
                return invalidArgument(c->path + ": anchor '" + k + "' is not in this chart");
    }
    Atlas atlas;
    atlas.atlasRowOf.resize(charts.size());
    KeyIndex atlasRow;
    std::vector<size_t> labelledBy;  // the chart that gave each atlas row its label
    for (size_t c = 0; c < charts.size(); ++c) {
        const LatentSpace& chart = *charts[c];
        for (Index i = 0; i < chart.n(); ++i) {
            const std::string& key = chart.keys[static_cast<size_t>(i)];
            auto [it, added] = atlasRow.emplace(key, static_cast<Index>(atlas.keys.size()));
            if (added) {
                atlas.keys.push_back(key);
                atlas.labels.push_back(-1);
                atlas.charts.push_back(0);
                labelledBy.push_back(0);
            }
            const auto a = static_cast<size_t>(it->second);
            atlas.atlasRowOf[c].push_back(it->second);
            ++atlas.charts[a];
            if (!chart.hasLabels()) continue;
            const int32_t label = chart.labels[static_cast<size_t>(i)];
            if (atlas.labels[a] < 0) {
                atlas.labels[a] = label;
                labelledBy[a] = c;
            } else if (atlas.labels[a] != label) {
                return badInput(chart.path, "sample '" + key + "' has label " + std::to_string(label) + " here and " +
                                                std::to_string(atlas.labels[a]) + " in " + charts[labelledBy[a]]->path);
            }
        }
    }
    for (const std::string& k : anchorKeys) atlas.anchorRows.push_back(atlasRow.at(k));
    const auto m = static_cast<Index>(atlas.keys.size());
    ctx.setStage("atlas: relative representations of the charts", charts.size());
    for (size_t c = 0; c < charts.size(); ++c) {
        JobContext chartJob(&ctx);
        Result<RowMatrixXf> r = chartRelative(*charts[c], anchorKeys, relative, chartJob);
        if (!r) return r.error();
        if (atlas.rows.size() == 0) atlas.rows = RowMatrixXf::Zero(m, r->cols());
        for (Index i = 0; i < r->rows(); ++i) atlas.rows.row(atlas.atlasRowOf[c][static_cast<size_t>(i)]) += r->row(i);
        ctx.advance(1);
    }
    // The mean over the charts that encode each sample (the paper's aggregation).
    for (Index a = 0; a < m; ++a) atlas.rows.row(a) /= static_cast<float>(atlas.charts[static_cast<size_t>(a)]);
    if (ctx.cancelled()) return Status::cancelled();
    return atlas;
}

Status writeAtlasFiles(const std::string& path, const std::string& name, const Atlas& atlas,
                       const std::vector<std::string>& labelNames) {
    bool labelled = true;
    for (int32_t y : atlas.labels) labelled = labelled && y >= 0;
    const std::filesystem::path file(path);
    if (file.extension() == ".npz")
        return writeNpzSpace(path, atlas.rows, atlas.keys, labelled ? atlas.labels : std::vector<int32_t>{},
                             labelled ? labelNames : std::vector<std::string>{});
    if (Status st = writeNpy(path, atlas.rows); !st) return st;
    const std::filesystem::path& npy = file;
    nlohmann::json sidecar{{"name", name}, {"keys", atlas.keys}};
    if (labelled) sidecar["labels"] = atlas.labels;
    if (labelled && !labelNames.empty()) sidecar["label_names"] = labelNames;
    return io::writeFileAtomic((npy.parent_path() / npy.stem()).string() + ".json", sidecar.dump() + "\n");
}

Result<AtlasEvaluation> evaluateAtlas(const std::vector<const LatentSpace*>& charts, const Atlas& atlas,
                                      const RelativeOptions& relative, const AtlasEvaluationSettings& settings,
                                      JobContext& ctx) {
    const auto m = static_cast<Index>(atlas.keys.size());
    for (Index a = 0; a < m; ++a)
        if (atlas.labels[static_cast<size_t>(a)] < 0)
            return invalidArgument("sample '" + atlas.keys[static_cast<size_t>(a)] +
                                   "' has no label in any chart: the evaluation needs labels");
    if (!(settings.testFraction > 0.0 && settings.testFraction < 1.0))
        return invalidArgument("the test fraction must be in (0, 1)");
    // One held-out set for every chart and the atlas: the first round(f·(M − K)) non-anchor samples of a seeded
    // permutation.
    std::vector<char> isAnchor(static_cast<size_t>(m), 0), isTest(static_cast<size_t>(m), 0);
    for (Index a : atlas.anchorRows) isAnchor[static_cast<size_t>(a)] = 1;
    const Index pool = m - static_cast<Index>(atlas.anchorRows.size());
    const auto wanted =
        std::max<Index>(1, static_cast<Index>(std::llround(settings.testFraction * static_cast<double>(pool))));
    Index held = 0;
    for (Index a : seededPermutation(m, settings.seed))
        if (held < wanted && !isAnchor[static_cast<size_t>(a)]) isTest[static_cast<size_t>(a)] = 1, ++held;
    AtlasEvaluation out;
    std::vector<Index> train, test;
    std::vector<int32_t> yTrain, yTest;
    for (Index a = 0; a < m; ++a) {
        (isTest[static_cast<size_t>(a)] ? test : train).push_back(a);
        (isTest[static_cast<size_t>(a)] ? yTest : yTrain).push_back(atlas.labels[static_cast<size_t>(a)]);
    }
    out.nTrain = static_cast<Index>(train.size());
    out.nTest = static_cast<Index>(test.size());
    ctx.setStage("atlas: heads", charts.size() + 1);
    Result<RidgeFit> atlasHead = fitRidgeHead(
        gatherRows(ConstRowMatrixMap(atlas.rows.data(), m, atlas.rows.cols()), train), yTrain, settings.ridge, ctx);
    if (!atlasHead) return atlasHead.error();
    const ConstRowMatrixMap atlasView(atlas.rows.data(), m, atlas.rows.cols());
    out.atlasOverall = accuracy(atlasHead->head.predict(gatherRows(atlasView, test)), yTest);
    ctx.advance(1);
    std::vector<std::string> anchorKeys;
    for (Index a : atlas.anchorRows) anchorKeys.push_back(atlas.keys[static_cast<size_t>(a)]);
    for (size_t c = 0; c < charts.size(); ++c) {
        const LatentSpace& chart = *charts[c];
        ChartScores s;
        std::vector<Index> cTrain, cTest, atlasTest;
        std::vector<int32_t> cyTrain, cyTest;
        for (Index i = 0; i < chart.n(); ++i) {
            const Index a = atlas.atlasRowOf[c][static_cast<size_t>(i)];
            const int32_t y = atlas.labels[static_cast<size_t>(a)];
            if (isTest[static_cast<size_t>(a)]) {
                cTest.push_back(i), cyTest.push_back(y), atlasTest.push_back(a);
            } else {
                cTrain.push_back(i), cyTrain.push_back(y);
            }
        }
        s.nTrain = static_cast<Index>(cTrain.size());
        s.nTest = static_cast<Index>(cTest.size());
        s.classes = static_cast<int>(std::set<int32_t>(cyTrain.begin(), cyTrain.end()).size());
        if (s.nTest == 0) return invalidArgument(chart.path + ": none of this chart's samples is held out");
        Result<double> absolute =
            trainAndTest(chart.embeddings.view(), cTrain, cyTrain, cTest, cyTest, settings.ridge, ctx);
        if (!absolute) return absolute.error();
        Result<RowMatrixXf> rel = chartRelative(chart, anchorKeys, relative, ctx);
        if (!rel) return rel.error();
        Result<double> relativeScore = trainAndTest(*rel, cTrain, cyTrain, cTest, cyTest, settings.ridge, ctx);
        if (!relativeScore) return relativeScore.error();
        s.absolute = *absolute;
        s.relative = *relativeScore;
        s.atlas = accuracy(atlasHead->head.predict(gatherRows(atlasView, atlasTest)), cyTest);
        out.charts.push_back(s);
        ctx.advance(1);
    }
    if (ctx.cancelled()) return Status::cancelled();
    return out;
}

Result<AtlasReferenceComparison> compareAtlasToReference(const std::vector<const LatentSpace*>& charts,
                                                         const Atlas& atlas, const LatentSpace& reference,
                                                         const RelativeOptions& relative, JobContext& ctx) {
    if (!reference.hasKeys())
        return invalidArgument(reference.path + ": the reference needs keys (its samples are matched by key)");
    const KeyIndex refRow = rowsByKey(reference);
    std::vector<std::string> anchorKeys;
    for (Index a : atlas.anchorRows) {
        anchorKeys.push_back(atlas.keys[static_cast<size_t>(a)]);
        if (refRow.find(anchorKeys.back()) == refRow.end())
            return invalidArgument(reference.path + ": anchor '" + anchorKeys.back() + "' is not in the reference");
    }
    ctx.setStage("atlas: against the reference", charts.size() + 1);
    Result<RowMatrixXf> ref = chartRelative(reference, anchorKeys, relative, ctx);
    if (!ref) return ref.error();
    // refOf[a]: the reference row of atlas row a, or -1.
    std::vector<Index> refOf(atlas.keys.size(), -1), atlasShared, refShared;
    for (size_t a = 0; a < atlas.keys.size(); ++a)
        if (auto it = refRow.find(atlas.keys[a]); it != refRow.end()) {
            refOf[a] = it->second;
            atlasShared.push_back(static_cast<Index>(a));
            refShared.push_back(it->second);
        }
    if (atlasShared.size() < 2)
        return invalidArgument(reference.path + ": the reference encodes fewer than 2 of the atlas's samples");
    AtlasReferenceComparison out;
    out.n = static_cast<Index>(atlasShared.size());
    double sum = 0;
    for (size_t i = 0; i < atlasShared.size(); ++i) sum += rowCosine(atlas.rows, atlasShared[i], *ref, refShared[i]);
    out.meanCosine = sum / static_cast<double>(out.n);
    const ConstRowMatrixMap atlasView(atlas.rows.data(), atlas.rows.rows(), atlas.rows.cols());
    const ConstRowMatrixMap refView(ref->data(), ref->rows(), ref->cols());
    Result<double> cka = linearCka(gatherRows(atlasView, atlasShared), gatherRows(refView, refShared), ctx);
    if (!cka) return cka.error();
    out.linearCka = *cka;
    ctx.advance(1);
    for (size_t c = 0; c < charts.size(); ++c) {
        Result<RowMatrixXf> own = chartRelative(*charts[c], anchorKeys, relative, ctx);
        if (!own) return own.error();
        ChartReferenceScores s;
        double chartSum = 0, atlasSum = 0;
        std::vector<Index> ownRows, atlasRows, refRows;
        for (Index i = 0; i < own->rows(); ++i) {
            const Index a = atlas.atlasRowOf[c][static_cast<size_t>(i)];
            const Index r = refOf[static_cast<size_t>(a)];
            if (r < 0) continue;
            ++s.n;
            chartSum += rowCosine(*own, i, *ref, r);
            atlasSum += rowCosine(atlas.rows, a, *ref, r);
            ownRows.push_back(i), atlasRows.push_back(a), refRows.push_back(r);
        }
        if (s.n > 0) {
            s.chartCosine = chartSum / static_cast<double>(s.n);
            s.atlasCosine = atlasSum / static_cast<double>(s.n);
        }
        if (s.n >= 2) {
            const RowMatrixXf refPart = gatherRows(refView, refRows);
            Result<double> chartCka =
                linearCka(gatherRows(ConstRowMatrixMap(own->data(), own->rows(), own->cols()), ownRows), refPart, ctx);
            if (!chartCka) return chartCka.error();
            Result<double> atlasCka = linearCka(gatherRows(atlasView, atlasRows), refPart, ctx);
            if (!atlasCka) return atlasCka.error();
            s.chartCka = *chartCka;
            s.atlasCka = *atlasCka;
        }
        out.charts.push_back(s);
        ctx.advance(1);
    }
    if (ctx.cancelled()) return Status::cancelled();
    return out;
}

}  // namespace lb
