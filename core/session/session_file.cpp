#include "core/session/session_file.h"

#include "core/io/load_space.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>
#include <unordered_map>

namespace lb {

namespace fs = std::filesystem;
using nlohmann::json;

// ------------------------------------------------------------------------------------------- reading
namespace {

// Thrown only inside this file and caught in readSessionFile: keeps the field-by-field parsing readable.
struct SchemaError {
    std::string message;
};

template <class T>
T field(const json& obj, const char* key, T fallback) {
    if (!obj.is_object() || !obj.contains(key) || obj[key].is_null()) return fallback;
    try {
        return obj[key].get<T>();
    } catch (const json::exception&) {
        throw SchemaError{std::string("field \"") + key + "\" has the wrong type"};
    }
}

template <class E>
E enumField(const json& obj, const char* key, E fallback, bool (*parse)(const std::string&, E&)) {
    const std::string name = field<std::string>(obj, key, "");
    if (name.empty()) return fallback;
    E out{};
    if (!parse(name, out)) throw SchemaError{std::string("unknown ") + key + " \"" + name + "\""};
    return out;
}

AnchorSelectionOptions parseSelection(const json& j, AnchorSelectionOptions s) {
    s.strategy = enumField(j, "strategy", s.strategy, parseAnchorStrategy);
    s.count = field<Index>(j, "count", s.count);
    s.seed = field<uint64_t>(j, "seed", s.seed);
    s.kmeansIterations = field<int>(j, "kmeans_iterations", s.kmeansIterations);
    return s;
}

SessionSettings parseSettings(const json& j) {
    SessionSettings s;
    if (!j.is_object()) return s;
    const json rel = j.value("relative", json::object());
    if (rel.contains("similarities")) {
        s.relative.similarities.clear();
        for (const auto& name : rel["similarities"]) {
            Similarity sim{};
            if (!name.is_string() || !parseSimilarity(name.get<std::string>(), sim))
                throw SchemaError{"unknown similarity " + name.dump()};
            s.relative.similarities.push_back(sim);
        }
    }
    s.relative.transform = enumField(rel, "transform", s.relative.transform, parseTransform);
    s.relative.post = enumField(rel, "post", s.relative.post, parsePostNormalization);
    const std::string agg = field<std::string>(rel, "aggregation", "concat");
    if (agg != "concat" && agg != "sum") throw SchemaError{"unknown aggregation \"" + agg + "\""};
    s.relative.aggregation = agg == "sum" ? Aggregation::Sum : Aggregation::Concat;

    const json tr = j.value("translation", json::object());
    s.translation.method = enumField(tr, "method", s.translation.method, parseTranslationMethod);
    s.translation.scaling = enumField(tr, "scaling", s.translation.scaling, parseScaling);
    s.translation.l2 = field<bool>(tr, "l2", s.translation.l2);
    s.translation.ridge = field<double>(tr, "ridge", s.translation.ridge);

    const json head = j.value("head", json::object());
    s.head.kind = field<std::string>(head, "kind", s.head.kind);
    s.head.lambda = field<double>(head, "lambda", s.head.lambda);
    s.head.path = field<std::string>(head, "path", s.head.path);
    s.head.testFraction = field<double>(head, "test_fraction", s.head.testFraction);
    s.head.splitSeed = field<uint64_t>(head, "split_seed", s.head.splitSeed);

    s.metricsK = field<int>(j.value("metrics", json::object()), "k", s.metricsK);
    if (s.metricsK < 1) throw SchemaError{"metrics.k must be >= 1"};
    s.selection = parseSelection(j.value("selection", json::object()), s.selection);
    s.sharedBasis = field<bool>(j.value("view", json::object()), "shared_basis", s.sharedBasis);
    return s;
}

AnchorSpec parseAnchors(const json& j) {
    AnchorSpec a;
    if (j.is_null()) return a;
    if (!j.is_object()) throw SchemaError{"\"anchors\" must be an object"};
    if (j.contains("keys")) {
        a.kind = AnchorSpec::Kind::Keys;
        a.keys = field<std::vector<std::string>>(j, "keys", {});
    } else if (j.contains("rows")) {
        a.kind = AnchorSpec::Kind::Rows;
        a.rows = field<std::vector<Index>>(j, "rows", {});
    } else if (j.contains("strategy")) {
        a.kind = AnchorSpec::Kind::Strategy;
        a.selection = parseSelection(j, AnchorSelectionOptions{AnchorStrategy::Random, 300, 0, 30});
    }
    return a;
}

SessionSpaceSpec parseSpace(const json& j, const fs::path& baseDir) {
    SessionSpaceSpec s;
    if (j.is_string()) {
        s.path = j.get<std::string>();
    } else if (j.is_object()) {
        s.path = field<std::string>(j, "path", "");
        s.name = field<std::string>(j, "name", "");
        s.n = field<Index>(j, "n", -1);
        s.d = field<Index>(j, "d", -1);
    } else {
        throw SchemaError{"each entry of \"spaces\" must be a path or an object with \"path\""};
    }
    if (s.path.empty()) throw SchemaError{"a space has an empty \"path\""};
    const fs::path p(s.path);
    if (p.is_relative()) s.path = (baseDir / p).lexically_normal().string();
    return s;
}

}  // namespace

Result<SessionFile> readSessionFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Error{ErrorCode::Io, "cannot open session file", path, {}};
    std::stringstream buf;
    buf << in.rdbuf();
    json j;
    try {
        j = json::parse(buf.str());
    } catch (const json::parse_error& e) {
        return badInput(path, "not a valid JSON session file", "byte " + std::to_string(e.byte));
    }
    SessionFile f;
    f.path = path;
    try {
        if (!j.is_object() || !j.contains("spaces") || !j["spaces"].is_array())
            throw SchemaError{"missing \"spaces\" list"};
        const fs::path baseDir = fs::path(path).parent_path();
        for (const auto& s : j["spaces"]) f.spaces.push_back(parseSpace(s, baseDir));
        f.reference = field<size_t>(j, "reference", 0);
        if (!f.spaces.empty() && f.reference >= f.spaces.size())
            throw SchemaError{"\"reference\" " + std::to_string(f.reference) + " is out of range (" +
                              std::to_string(f.spaces.size()) + " spaces)"};
        f.anchors = parseAnchors(j.contains("anchors") ? j["anchors"] : json());
        f.settings = parseSettings(j.value("settings", json::object()));
    } catch (const SchemaError& e) {
        return badInput(path, "invalid session file: " + e.message);
    } catch (const json::exception& e) {
        return badInput(path, "invalid session file", e.what());
    }
    return f;
}

// ------------------------------------------------------------------------------------------- writing
static std::string pathForFile(const std::string& dataPath, const fs::path& sessionDir) {
    std::error_code ec;
    const fs::path abs = fs::absolute(dataPath, ec);
    if (ec) return dataPath;
    const fs::path dir = fs::absolute(sessionDir.empty() ? fs::path(".") : sessionDir, ec).lexically_normal();
    const fs::path rel = abs.lexically_normal().lexically_relative(dir);
    // Only below the session's folder: "../../x" would break as soon as the folder moves.
    if (!rel.empty() && *rel.begin() != "..") return rel.string();
    return abs.lexically_normal().string();
}

static json settingsToJson(const SessionSettings& s) {
    json sims = json::array();
    for (Similarity sim : s.relative.similarities) sims.push_back(similarityName(sim));
    const AnchorSelectionOptions& sel = s.selection;
    return json{
        {"relative", {{"similarities", sims}, {"transform", transformName(s.relative.transform)},
                      {"aggregation", s.relative.aggregation == Aggregation::Sum ? "sum" : "concat"},
                      {"post", postNormalizationName(s.relative.post)}}},
        {"translation", {{"method", translationMethodName(s.translation.method)},
                         {"scaling", scalingName(s.translation.scaling)}, {"l2", s.translation.l2},
                         {"ridge", s.translation.ridge}}},
        {"head", {{"kind", s.head.kind}, {"lambda", s.head.lambda}, {"path", s.head.path},
                  {"test_fraction", s.head.testFraction}, {"split_seed", s.head.splitSeed}}},
        {"metrics", {{"k", s.metricsK}}},
        {"selection", {{"strategy", anchorStrategyName(sel.strategy)}, {"count", sel.count}, {"seed", sel.seed},
                       {"kmeans_iterations", sel.kmeansIterations}}},
        {"view", {{"shared_basis", s.sharedBasis}}},
    };
}

std::string sessionToJson(const Session& session, const std::string& path) {
    const fs::path dir = fs::path(path).parent_path();
    json spaces = json::array();
    for (size_t i = 0; i < session.spaceCount(); ++i) {
        const SessionSpace& e = session.entry(i);
        spaces.push_back({{"path", pathForFile(e.path, dir)}, {"name", e.space->name}, {"n", e.space->n()},
                          {"d", e.space->d()}});
    }
    json anchors;
    if (!session.empty() && session.space(session.reference()).hasKeys()) {
        std::vector<std::string> keys;
        for (Index a : session.anchors()) keys.push_back(session.space(session.reference()).keys[static_cast<size_t>(a)]);
        anchors = {{"keys", keys}};
    } else {
        anchors = {{"rows", session.anchors()}};
    }
    const json j{{"format", "latentbridge-session"}, {"version", 1},     {"spaces", spaces},
                 {"reference", session.reference()},  {"anchors", anchors}, {"settings", settingsToJson(session.settings)}};
    return j.dump(2) + "\n";
}

Status writeSessionFile(const std::string& path, const Session& session) {
    const std::string text = sessionToJson(session, path);
    const std::string tmp = path + ".tmp-" + std::to_string(static_cast<long>(::getpid()));
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        if (!out) return Error{ErrorCode::Io, "cannot write session file (is the folder writable?)", path, {}};
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.flush();
        if (!out) {
            out.close();
            std::remove(tmp.c_str());
            return Error{ErrorCode::Io, "writing the session file failed (disk full?)", path, {}};
        }
    }
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        std::remove(tmp.c_str());
        return Error{ErrorCode::Io, "cannot replace the session file: " + ec.message(), path, {}};
    }
    return Status::ok();
}

// ------------------------------------------------------------------------------------------- opening
Status checkRecordedShape(const SessionSpaceSpec& spec, const LatentSpace& space, const std::string& sessionPath) {
    const bool nChanged = spec.n >= 0 && spec.n != space.n();
    const bool dChanged = spec.d >= 0 && spec.d != space.d();
    if (!nChanged && !dChanged) return Status::ok();
    return badInput(spec.path,
                    "shape changed since the session was saved: now " + std::to_string(space.n()) + " x " +
                        std::to_string(space.d()) + ", saved " + std::to_string(spec.n) + " x " +
                        std::to_string(spec.d) + " — anchors and settings in " + sessionPath +
                        " no longer fit this file");
}

Result<std::vector<Index>> resolveAnchors(const AnchorSpec& spec, const LatentSpace& reference,
                                          const std::string& sessionPath, JobContext& ctx) {
    switch (spec.kind) {
    case AnchorSpec::Kind::None:
        return std::vector<Index>{};
    case AnchorSpec::Kind::Rows:
        for (Index r : spec.rows)
            if (r < 0 || r >= reference.n())
                return badInput(sessionPath, "anchor row " + std::to_string(r) + " is out of range for " +
                                                 reference.name + " (" + std::to_string(reference.n()) + " rows)");
        return spec.rows;
    case AnchorSpec::Kind::Keys: {
        if (!reference.hasKeys()) return badInput(sessionPath, "anchors are given as keys but " + reference.name + " has no keys");
        std::unordered_map<std::string, Index> rowOf;
        for (size_t i = 0; i < reference.keys.size(); ++i) rowOf.emplace(reference.keys[i], static_cast<Index>(i));
        std::vector<Index> rows;
        for (const std::string& k : spec.keys) {
            const auto it = rowOf.find(k);
            if (it == rowOf.end()) return badInput(sessionPath, "anchor key \"" + k + "\" is not in " + reference.name);
            rows.push_back(it->second);
        }
        return rows;
    }
    case AnchorSpec::Kind::Strategy: {
        AnchorSelectionOptions sel = spec.selection;
        sel.count = std::min<Index>(sel.count, reference.n());
        return selectAnchors(reference.embeddings.view(), reference.labels, sel, ctx);
    }
    }
    return std::vector<Index>{};
}

Result<Session> openSession(const SessionFile& file, JobContext& ctx) {
    Session session;
    session.settings = file.settings;
    for (size_t i = 0; i < file.spaces.size(); ++i) {
        const SessionSpaceSpec& spec = file.spaces[i];
        ctx.setStage("loading " + fs::path(spec.path).filename().string(), 1);
        if (ctx.cancelled()) return Status::cancelled();
        Result<LatentSpace> loaded = loadSpace(spec.path, interactiveLoadOptions());
        if (!loaded) return loaded.error();
        if (Status st = checkRecordedShape(spec, *loaded, file.path); !st) return st;
        if (!spec.name.empty()) loaded->name = spec.name;
        session.addSpace(spec.path, std::make_shared<const LatentSpace>(std::move(loaded).value()));
        ctx.advance();
    }
    if (session.empty()) return session;
    session.setReference(file.reference);
    ctx.setStage("anchors", 1);
    Result<std::vector<Index>> anchors = resolveAnchors(file.anchors, session.space(session.reference()), file.path, ctx);
    if (!anchors) return anchors.error();
    session.setAnchors(*anchors, "open session");
    session.clearHistory();  // opening is not an undoable edit
    return session;
}

}  // namespace lb
