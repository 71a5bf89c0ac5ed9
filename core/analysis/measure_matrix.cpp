#include "core/analysis/measure_matrix.h"

#include "core/session/session.h"

#include <nlohmann/json.hpp>

namespace lb {

MeasureMatrixInput measureMatrixInput(const Session& session, const std::string& measure, SimilarityColumn space,
                                      const MeasureSettings& settings) {
    MeasureMatrixInput in;
    in.measure = measure;
    in.space = space;
    in.settings = settings;
    const size_t n = session.spaceCount();
    for (size_t i = 0; i < n; ++i) in.names.push_back(session.entry(i).space->name);
    for (size_t i = 0; i < n; ++i)
        for (size_t j = 0; j < n; ++j) in.pairs.push_back(similarityInput(session, i, j));
    return in;
}

Result<MeasureMatrix> computeMeasureMatrix(const MeasureMatrixInput& in, JobContext& ctx) {
    const MeasureInfo* info = findMeasure(in.measure);
    if (!info) return invalidArgument("unknown measure '" + in.measure + "'");
    const size_t n = in.names.size();
    if (in.pairs.size() != n * n) return invalidArgument("the measure matrix needs one input per pair of spaces");
    MeasureMatrix out;
    out.names = in.names;
    out.measure = in.measure;
    out.space = in.space;
    out.settings = in.settings;
    out.higherIsMoreSimilar = info->higherIsMoreSimilar;
    out.values.assign(n * n, std::nullopt);
    out.why.assign(n * n, "");
    out.rows.assign(n * n, 0);
    ctx.setStage(std::string("measure matrix: ") + info->label, info->symmetric ? n * (n + 1) / 2 : n * n);
    for (size_t i = 0; i < n; ++i)
        for (size_t j = info->symmetric ? i : 0; j < n; ++j) {
            JobContext pair(&ctx);
            Result<PairMeasures> m =
                computePairMeasures(in.pairs[i * n + j], in.space, {in.measure}, in.settings, pair);
            if (!m && (m.error().code == ErrorCode::Cancelled || m.error().code == ErrorCode::OutOfMemory))
                return m.error();
            std::vector<size_t> cells{i * n + j};
            if (info->symmetric && i != j) cells.push_back(j * n + i);
            for (const size_t at : cells) {
                if (m && !m->results.empty()) {
                    out.values[at] = m->results.front().value;
                    out.rows[at] = m->results.front().rowsUsed;
                } else {
                    out.why[at] = m ? "no value" : m.error().describe();
                }
            }
            ctx.advance(1);
        }
    if (ctx.cancelled()) return Status::cancelled();
    return out;
}

nlohmann::json toJson(const MeasureMatrix& m) {
    nlohmann::json values = nlohmann::json::array(), why = nlohmann::json::array(), rows = nlohmann::json::array();
    for (size_t i = 0; i < m.n(); ++i) {
        nlohmann::json v = nlohmann::json::array(), w = nlohmann::json::array(), r = nlohmann::json::array();
        for (size_t j = 0; j < m.n(); ++j) {
            const size_t at = i * m.n() + j;
            v.push_back(m.values[at] ? nlohmann::json(*m.values[at]) : nlohmann::json(nullptr));
            w.push_back(m.why[at]);
            r.push_back(m.rows[at]);
        }
        values.push_back(v);
        why.push_back(w);
        rows.push_back(r);
    }
    return {{"measure", m.measure},
            {"space", similarityColumnKey(m.space)},
            {"names", m.names},
            {"values", values},
            {"why", why},
            {"rows", rows},
            {"higher_is_more_similar", m.higherIsMoreSimilar},
            {"settings", toJson(m.settings)}};
}

}  // namespace lb
