#include "core/analysis/row_pass.h"

#include "core/space/row_matching.h"

#include <algorithm>

namespace lb {

std::vector<Index> positionRange(Index p0, Index p1) {
    std::vector<Index> out(static_cast<size_t>(std::max<Index>(0, p1 - p0)));
    for (size_t i = 0; i < out.size(); ++i) out[i] = p0 + static_cast<Index>(i);
    return out;
}

std::vector<Index> sortedUnion(std::initializer_list<const std::vector<Index>*> lists) {
    std::vector<Index> out;
    for (const std::vector<Index>* l : lists) out.insert(out.end(), l->begin(), l->end());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

RowMatrixXf rowsOfSample(const std::vector<Index>& sampled, const RowMatrixXf& m, const std::vector<Index>& positions) {
    std::vector<Index> at;
    at.reserve(positions.size());
    for (Index p : positions) at.push_back(std::lower_bound(sampled.begin(), sampled.end(), p) - sampled.begin());
    return gatherRows(ConstRowMatrixMap(m.data(), m.rows(), m.cols()), at);
}

RbfCkaOptions sampledRbfOptions(const SimilaritySettings& s, Index drawn) {
    RbfCkaOptions o;
    o.seed = s.seed;
    o.maxRows = s.rbfRows < 2 ? s.rbfRows : drawn;
    return o;
}

Index secondHalfStart(Index e, Index blockRows) {
    const Index blocks = (e + blockRows - 1) / blockRows;
    return std::min(e, (blocks + 1) / 2 * blockRows);
}

void RowTermSums::reset(Index e) {
    const size_t chunks = static_cast<size_t>((std::max<Index>(e, 0) + kFixedOrderBlock - 1) / kFixedOrderBlock);
    cosine.assign(chunks, 0.0);
    pair.assign(chunks, 0.0);
    squaredError.assign(chunks, 0.0);
}

namespace {

MetricValue meanOf(const std::vector<double>& sums, double count) {
    double sum = 0;
    for (double v : sums) sum += v;
    return MetricValue{true, sum / count, {}, 0};
}

MetricValue& cell(SimilarityTable& out, SimilarityMetric m, SimilarityColumn c) {
    return out.v[static_cast<int>(m)][static_cast<int>(c)];
}

}  // namespace

void setRowTermCells(SimilarityTable& out, SimilarityColumn column, const RowTermSums& sums, Index e, Index width) {
    const auto n = static_cast<double>(e);
    cell(out, SimilarityMetric::MeanCosine, column) = meanOf(sums.cosine, n);
    cell(out, SimilarityMetric::RandomPairCosine, column) = meanOf(sums.pair, n);
    cell(out, SimilarityMetric::Mse, column) = meanOf(sums.squaredError, n * static_cast<double>(width));
}

void setNeighbourCells(SimilarityTable& out, SimilarityColumn column, const KnnAgreement& knn) {
    cell(out, SimilarityMetric::Jaccard, column) = MetricValue{true, knn.jaccard, {}, knn.jaccardStdErr};
    cell(out, SimilarityMetric::Mrr, column) = MetricValue{true, knn.mrr, {}, knn.mrrStdErr};
    cell(out, SimilarityMetric::Top1, column) = MetricValue{true, knn.top1, {}, knn.top1StdErr};
    cell(out, SimilarityMetric::Top5, column) = MetricValue{true, knn.top5, {}, knn.top5StdErr};
    out.nQueries = knn.nQueries;
    out.kJaccard = knn.kJaccard;
    out.kMrr = knn.kMrr;
}

void setNeighbourFailure(SimilarityTable& out, SimilarityColumn column, const std::string& why) {
    for (SimilarityMetric m :
         {SimilarityMetric::Jaccard, SimilarityMetric::Mrr, SimilarityMetric::Top1, SimilarityMetric::Top5})
        cell(out, m, column) = MetricValue{false, 0, why, 0};
}

}  // namespace lb
