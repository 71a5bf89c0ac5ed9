#include "core/metrics/measures.h"

#include "core/metrics/alignment_measures.h"
#include "core/metrics/cca_measures.h"
#include "core/metrics/cka.h"
#include "core/metrics/neighbourhood_measures.h"
#include "core/metrics/rsm_measures.h"
#include "core/metrics/sampling.h"
#include "core/metrics/statistic_measures.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

namespace lb {

namespace {

using Eigen::MatrixXd;
using MeasureFn = double (*)(const MatrixXd&, const MatrixXd&, const MeasureSettings&);

struct Entry {
    MeasureInfo info;
    MeasureFn fn;
};

const std::vector<Entry>& entries() {
    using namespace measures;
    static const std::vector<Entry> e = {
        {{"mean_cca", "cca", "Mean canonical correlation", true, false, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return meanCca(a, b); }},
        {{"svcca", "cca", "SVCCA", true, false, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings& s) { return svcca(a, b, s.svccaVariance); }},
        {{"pwcca", "cca", "PWCCA", true, false, false},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return pwcca(a, b); }},
        {{"procrustes", "alignment", "Orthogonal Procrustes distance", false, false, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return procrustesDistance(a, b); }},
        {{"angular_shape", "alignment", "Angular shape metric", false, false, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return angularShapeMetric(a, b); }},
        {{"linear_regression", "alignment", "Linear regression R² (A → B)", true, false, false},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return linearRegressionR2(a, b); }},
        {{"aligned_cosine", "alignment", "Aligned cosine similarity", true, false, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return alignedCosine(a, b); }},
        {{"rsa_pearson", "rsm", "RSA (Pearson)", true, true, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return rsaPearson(a, b); }},
        {{"rsa_spearman", "rsm", "RSA (Spearman)", true, true, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return rsaSpearman(a, b); }},
        {{"rsm_norm_difference", "rsm", "RSM norm difference", false, false, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return rsmNormDifference(a, b); }},
        {{"dcor", "rsm", "Distance correlation", true, true, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return distanceCorrelation(a, b); }},
        {{"eigenspace_overlap", "rsm", "Eigenspace overlap score", true, false, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return eigenspaceOverlap(a, b); }},
        {{"gulp", "rsm", "GULP distance", false, false, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings& s) {
             return gulpDistance(a, b, s.gulpLambda);
         }},
        {{"second_order_cosine", "neighbourhood", "Second-order cosine similarity", true, true, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings& s) { return secondOrderCosine(a, b, s.k); }},
        {{"rank_similarity", "neighbourhood", "Rank similarity", true, true, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings& s) { return rankSimilarity(a, b, s.k); }},
        {{"joint_rank_jaccard", "neighbourhood", "Joint rank-Jaccard similarity", true, true, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings& s) { return jointRankJaccard(a, b, s.k); }},
        {{"magnitude_difference", "statistics", "Magnitude difference", false, false, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return magnitudeDifference(a, b); }},
        {{"concentricity_difference", "statistics", "Concentricity difference", false, false, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return concentricityDifference(a, b); }},
        {{"uniformity_difference", "statistics", "Uniformity difference", false, true, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) { return uniformityDifference(a, b); }},
        // Not a ReSi measure: the project's own linear CKA (core/metrics/cka.h), listed so that one registry name
        // serves `compare --measures` and the spaces × spaces matrix. Its inputs are the float spaces widened to
        // double, so narrowing back is exact. A constant space (CKA 0 / 0) gives NaN like the other measures.
        {{"linear_cka", "cka", "Linear CKA", true, false, true},
         [](const MatrixXd& a, const MatrixXd& b, const MeasureSettings&) {
             const RowMatrixXf af = a.cast<float>(), bf = b.cast<float>();
             const Result<double> r = linearCka(af, bf);
             return r ? r.value() : std::numeric_limits<double>::quiet_NaN();
         }},
    };
    return e;
}

const Entry* findEntry(const std::string& name) {
    for (const Entry& e : entries())
        if (name == e.info.name) return &e;
    return nullptr;
}

std::string trimmed(const std::string& s) {
    const size_t b = s.find_first_not_of(" \t"), e = s.find_last_not_of(" \t");
    return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

MatrixXd rowsOf(const ConstRowMatrixRef& X, const std::vector<Index>& rows) {
    MatrixXd out(static_cast<Index>(rows.size()), X.cols());
    for (size_t i = 0; i < rows.size(); ++i) out.row(static_cast<Index>(i)) = X.row(rows[i]).cast<double>();
    return out;
}

Status checkInput(const ConstRowMatrixRef& A, const ConstRowMatrixRef& B, const MeasureSettings& s) {
    if (A.rows() != B.rows())
        return invalidArgument("the two spaces have different row counts (" + std::to_string(A.rows()) + " and " +
                               std::to_string(B.rows()) + "); rows must be paired");
    if (A.rows() < 2) return invalidArgument("similarity measures need at least 2 paired rows");
    if (A.cols() < 1 || B.cols() < 1) return invalidArgument("similarity measures need at least one dimension");
    if (s.k < 1) return invalidArgument("measure neighbourhood size k must be >= 1");
    if (s.maxRows == 1 || s.maxRows < 0) return invalidArgument("measure subsample rows must be 0 (all) or >= 2");
    if (!(s.svccaVariance > 0 && s.svccaVariance <= 1)) return invalidArgument("SVCCA variance must be in (0, 1]");
    if (!(s.gulpLambda > 0) || !std::isfinite(s.gulpLambda)) return invalidArgument("GULP lambda must be > 0");
    if (!isAllFinite(A) || !isAllFinite(B))
        return Error{ErrorCode::NumericalIssue, "a space holds NaN or infinite values", {}, {}};
    return Status::ok();
}

}  // namespace

const std::vector<MeasureInfo>& measureRegistry() {
    static const std::vector<MeasureInfo> infos = [] {
        std::vector<MeasureInfo> v;
        for (const Entry& e : entries()) v.push_back(e.info);
        return v;
    }();
    return infos;
}

const MeasureInfo* findMeasure(const std::string& name) {
    const Entry* e = findEntry(name);
    return e ? &e->info : nullptr;
}

Result<std::vector<std::string>> parseMeasureList(const std::string& list) {
    std::vector<std::string> names;
    if (trimmed(list) == "all") {
        for (const MeasureInfo& m : measureRegistry()) names.emplace_back(m.name);
        return names;
    }
    size_t start = 0;
    while (start <= list.size()) {
        const size_t comma = std::min(list.find(',', start), list.size());
        const std::string name = trimmed(list.substr(start, comma - start));
        start = comma + 1;
        if (name.empty()) continue;
        if (!findMeasure(name)) return invalidArgument("unknown measure '" + name + "'");
        if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
    }
    if (names.empty()) return invalidArgument("the measure list names no measure");
    return names;
}

Result<std::vector<MeasureResult>> computeMeasures(const ConstRowMatrixRef& A, const ConstRowMatrixRef& B,
                                                   const std::vector<std::string>& names,
                                                   const MeasureSettings& settings, JobContext& ctx) {
    if (Status st = checkInput(A, B, settings); !st.isOk()) return st;
    for (const std::string& name : names)
        if (!findEntry(name)) return invalidArgument("unknown measure '" + name + "'");
    ctx.setStage("similarity measures", names.size());
    std::vector<Index> all(static_cast<size_t>(A.rows()));
    for (Index i = 0; i < A.rows(); ++i) all[static_cast<size_t>(i)] = i;
    const std::vector<Index> sampled = sampleRows(A.rows(), settings.maxRows, settings.seed);
    // Converted once per row set, and only when a measure asks for it.
    MatrixXd fullA, fullB, subA, subB;
    std::vector<MeasureResult> out;
    for (const std::string& name : names) {
        if (ctx.cancelled()) return Status::cancelled();
        const Entry& e = *findEntry(name);
        MatrixXd& a = e.info.subsampled ? subA : fullA;
        MatrixXd& b = e.info.subsampled ? subB : fullB;
        const std::vector<Index>& rows = e.info.subsampled ? sampled : all;
        if (a.size() == 0) a = rowsOf(A, rows), b = rowsOf(B, rows);
        out.push_back({name, e.fn(a, b, settings), static_cast<Index>(rows.size()), e.info.higherIsMoreSimilar});
        ctx.advance();
    }
    return out;
}

nlohmann::json toJson(const MeasureSettings& s) {
    return {{"k", s.k},
            {"max_rows", s.maxRows},
            {"seed", s.seed},
            {"svcca_variance", s.svccaVariance},
            {"gulp_lambda", s.gulpLambda}};
}

nlohmann::json toJson(const std::vector<MeasureResult>& results) {
    nlohmann::json j = nlohmann::json::object();
    for (const MeasureResult& r : results)
        j[r.name] = {{"value", r.value}, {"rows", r.rowsUsed}, {"higher_is_more_similar", r.higherIsMoreSimilar}};
    return j;
}

}  // namespace lb
