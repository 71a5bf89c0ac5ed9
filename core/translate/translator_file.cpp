#include "core/translate/translator_file.h"

#include "core/io/atomic_file.h"
#include "core/io/mapped_file.h"
#include "core/io/npy_array.h"
#include "core/io/safetensors.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstring>

namespace lb {

struct TranslatorFileAccess {
    static Translator make(TranslationOptions o, Index d, Index dy, Eigen::RowVectorXf meanX, Eigen::RowVectorXf stdX,
                           Eigen::RowVectorXf meanY, Eigen::RowVectorXf stdY, float targetNorm, Eigen::MatrixXf R,
                           TranslationFitReport report) {
        Translator t;
        t.m_options = o;
        t.m_sourceDim = d;
        t.m_targetDim = dy;
        t.m_meanX = std::move(meanX);
        t.m_stdX = std::move(stdX);
        t.m_meanY = std::move(meanY);
        t.m_stdY = std::move(stdY);
        t.m_targetNorm = targetNorm;
        t.setR(std::move(R));
        t.m_report = std::move(report);
        return t;
    }
    struct View {
        const Eigen::RowVectorXf &meanX, &stdX, &meanY, &stdY;
        float targetNorm;
        const Eigen::MatrixXf& R;
    };
    static View view(const Translator& t) { return {t.m_meanX, t.m_stdX, t.m_meanY, t.m_stdY, t.m_targetNorm, t.R()}; }
};

namespace {

constexpr const char* kFormat = "latentbridge-translator";

struct Tensor {
    std::string name;
    std::vector<uint64_t> shape;
    std::vector<float> values;  // C order
};

Tensor vectorTensor(const char* name, const float* data, Index n) {
    return {name, {static_cast<uint64_t>(n)}, std::vector<float>(data, data + n)};
}

Tensor matrixTensor(const char* name, const Eigen::MatrixXf& m) {
    Tensor t{name, {static_cast<uint64_t>(m.rows()), static_cast<uint64_t>(m.cols())}, {}};
    t.values.reserve(static_cast<size_t>(m.size()));
    for (Index i = 0; i < m.rows(); ++i)
        for (Index j = 0; j < m.cols(); ++j) t.values.push_back(m(i, j));
    return t;
}

// Expected shape of the stored map for a method and the two widths.
std::pair<Index, Index> mapShape(TranslationMethod method, Index d, Index dy) {
    const Index w = std::max(d, dy);
    return {method == TranslationMethod::Affine ? w + 1 : w, w};
}

}  // namespace

std::string serializeTranslator(const Translator& translator) {
    const TranslatorFileAccess::View v = TranslatorFileAccess::view(translator);
    const TranslationFitReport& rep = translator.report();
    const float norm = v.targetNorm;
    const std::vector<Tensor> tensors = {
        vectorTensor("mean_x", v.meanX.data(), v.meanX.size()),
        vectorTensor("std_x", v.stdX.data(), v.stdX.size()),
        vectorTensor("mean_y", v.meanY.data(), v.meanY.size()),
        vectorTensor("std_y", v.stdY.data(), v.stdY.size()),
        matrixTensor("map", v.R),
        vectorTensor("target_norm", &norm, 1),
        vectorTensor("singular_values", rep.singularValues.data(), rep.singularValues.size())};
    const TranslationOptions& o = translator.options();
    nlohmann::json header = nlohmann::json::object();
    header["__metadata__"] = {{"format", kFormat},
                              {"version", "1"},
                              {"settings", nlohmann::json{{"method", translationMethodName(o.method)},
                                                          {"scaling", scalingName(o.scaling)},
                                                          {"l2", o.l2},
                                                          {"ridge", o.ridge}}
                                               .dump()},
                              {"report", nlohmann::json{{"rank", rep.rank},
                                                        {"orthogonality_error", rep.orthogonalityError},
                                                        {"anchor_mse", rep.anchorMse}}
                                             .dump()},
                              {"source_dim", std::to_string(translator.sourceDim())},
                              {"target_dim", std::to_string(translator.targetDim())}};
    uint64_t offset = 0;
    for (const Tensor& t : tensors) {
        const uint64_t bytes = t.values.size() * sizeof(float);
        header[t.name] = {{"dtype", "F32"}, {"shape", t.shape}, {"data_offsets", {offset, offset + bytes}}};
        offset += bytes;
    }
    std::string text = header.dump();
    text.append((8 - text.size() % 8) % 8, ' ');  // the data part starts 8-byte aligned, so F32 maps in place
    std::string out(8, '\0');
    const uint64_t n = text.size();
    for (int i = 0; i < 8; ++i) out[static_cast<size_t>(i)] = static_cast<char>((n >> (8 * i)) & 0xff);
    out += text;
    for (const Tensor& t : tensors) {
        // Little-endian hosts only (as every reader and writer of the project): bytes as they are in memory.
        const size_t at = out.size();
        out.resize(at + t.values.size() * sizeof(float));
        if (!t.values.empty()) std::memcpy(&out[at], t.values.data(), t.values.size() * sizeof(float));
    }
    return out;
}

Result<Translator> parseTranslator(const uint8_t* data, size_t size, const std::string& path) {
    Result<SafetensorsFile> file = parseSafetensors(data, size, nullptr, path);
    if (!file) return file.error();
    const auto meta = [&](const char* key) -> std::string {
        const auto it = file->metadata.find(key);
        return it == file->metadata.end() ? std::string() : it->second;
    };
    if (meta("format") != kFormat)
        return badInput(path, "not a latentbridge translator (metadata 'format' is not \"latentbridge-translator\")");
    if (meta("version") != "1") return badInput(path, "translator file version '" + meta("version") + "' is not 1");
    TranslationOptions o;
    TranslationFitReport rep;
    Index d = 0, dy = 0;
    try {
        const nlohmann::json s = nlohmann::json::parse(meta("settings"));
        if (!parseTranslationMethod(s.at("method").get<std::string>(), o.method) ||
            !parseScaling(s.at("scaling").get<std::string>(), o.scaling))
            return badInput(path, "unknown method or scaling in the translator settings");
        o.l2 = s.at("l2").get<bool>();
        o.ridge = s.at("ridge").get<double>();
        const nlohmann::json r = nlohmann::json::parse(meta("report"));
        rep.rank = r.at("rank").get<Index>();
        rep.orthogonalityError = r.at("orthogonality_error").get<double>();
        rep.anchorMse = r.at("anchor_mse").get<double>();
        d = static_cast<Index>(std::stoll(meta("source_dim")));
        dy = static_cast<Index>(std::stoll(meta("target_dim")));
    } catch (const std::exception& e) {
        return badInput(path, std::string("malformed translator metadata: ") + e.what());
    }
    if (d < 1 || dy < 1 || d > (1 << 24) || dy > (1 << 24))
        return badInput(path, "translator widths must be between 1 and 2^24");
    std::vector<Eigen::VectorXf> vecs;
    for (const char* name : {"mean_x", "std_x", "mean_y", "std_y", "target_norm", "singular_values"}) {
        const auto it = file->tensors.find(name);
        if (it == file->tensors.end()) return badInput(path, std::string("missing tensor '") + name + "'");
        Result<Eigen::VectorXf> v = toFloatVector(it->second);
        if (!v) return v.error();
        vecs.push_back(std::move(*v));
    }
    const auto it = file->tensors.find("map");
    if (it == file->tensors.end()) return badInput(path, "missing tensor 'map'");
    Result<RowMatrixXf> map = toFloatMatrix(it->second);
    if (!map) return map.error();
    const auto [rows, cols] = mapShape(o.method, d, dy);
    if (vecs[0].size() != d || vecs[1].size() != d || vecs[2].size() != dy || vecs[3].size() != dy ||
        vecs[4].size() != 1 || map->rows() != rows || map->cols() != cols)
        return badInput(path, "tensor shapes disagree with source_dim " + std::to_string(d) + ", target_dim " +
                                  std::to_string(dy) + " and method " + translationMethodName(o.method));
    for (int i = 0; i < 5; ++i)
        if (!vecs[static_cast<size_t>(i)].allFinite()) return badInput(path, "non-finite scaling statistics");
    if (!map->allFinite()) return badInput(path, "non-finite values in the map");
    rep.singularValues = vecs[5];
    return TranslatorFileAccess::make(o, d, dy, vecs[0].transpose(), vecs[1].transpose(), vecs[2].transpose(),
                                      vecs[3].transpose(), vecs[4][0], Eigen::MatrixXf(*map), std::move(rep));
}

Status writeTranslatorFile(const std::string& path, const Translator& translator) {
    return io::writeFileAtomic(path, serializeTranslator(translator));
}

Result<Translator> readTranslatorFile(const std::string& path) {
    Result<std::shared_ptr<const MappedFile>> mapped = MappedFile::open(path);
    if (!mapped) return mapped.error();
    return parseTranslator((*mapped)->data(), (*mapped)->size(), path);
}

}  // namespace lb
