#include "core/session/session_file.h"

#include "core/analysis/settings_json.h"
#include "core/io/atomic_file.h"
#include "core/io/file_reader.h"
#include "core/io/load_space.h"

#include <nlohmann/json.hpp>

#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <unordered_map>

namespace lb {

namespace fs = std::filesystem;
using nlohmann::json;

// ------------------------------------------------------------------------------------------- reading
namespace {

// A non-negative integer field of a partner entry.
Index partnerIndex(const json& p, const char* key, const std::string& where) {
    if (!p.contains(key) || !p[key].is_number_integer() || p[key].get<int64_t>() < 0)
        throw SettingsError(where + "." + key + " must be an integer >= 0");
    return p[key].get<Index>();
}

std::vector<SavedPartner> parsePartners(const json& list, const std::string& where) {
    std::vector<SavedPartner> out;
    if (!list.is_array()) throw SettingsError(where + " must be a list of {\"anchor\", \"space\", \"key\" or \"row\"}");
    for (const json& p : list) {
        const std::string w = where + "[" + std::to_string(out.size()) + "]";
        if (!p.is_object()) throw SettingsError(w + " must be {\"anchor\", \"space\", \"key\" or \"row\"}");
        SavedPartner s;
        s.anchor = partnerIndex(p, "anchor", w);
        s.space = partnerIndex(p, "space", w);
        if (p.contains("key")) {
            if (!p["key"].is_string()) throw SettingsError(w + ".key must be a string");
            s.key = p["key"].get<std::string>();
        } else {
            s.row = partnerIndex(p, "row", w);
        }
        out.push_back(std::move(s));
    }
    return out;
}

// A list of anchors as stored: {"keys": [...]} or {"rows": [...]}, with their "partners" if any (or, for "anchors"
// itself, a strategy).
AnchorSpec parseAnchorList(const json& j, const std::string& where) {
    AnchorSpec a;
    if ((j.contains("keys") || j.contains("rows")) && j.contains("partners"))
        a.partners = parsePartners(j["partners"], where + ".partners");
    if (j.contains("keys")) {
        if (!j["keys"].is_array()) throw SettingsError(where + ".keys must be a list of strings");
        a.kind = AnchorSpec::Kind::Keys;
        for (const json& k : j["keys"]) {
            if (!k.is_string()) throw SettingsError(where + ".keys must be a list of strings");
            a.keys.push_back(k.get<std::string>());
        }
    } else if (j.contains("rows")) {
        if (!j["rows"].is_array()) throw SettingsError(where + ".rows must be a list of row indices");
        a.kind = AnchorSpec::Kind::Rows;
        for (const json& r : j["rows"]) {
            if (!r.is_number_integer() || r.get<int64_t>() < 0)
                throw SettingsError(where + ".rows must be a list of row indices >= 0 (got " + r.dump() + ")");
            a.rows.push_back(r.get<Index>());
        }
    }
    return a;
}

std::vector<SavedAnchorEdit> parseEdits(const json& list, const std::string& where, AnchorSpec::Kind kind) {
    std::vector<SavedAnchorEdit> out;
    if (list.is_null()) return out;
    if (!list.is_array()) throw SettingsError(where + " must be a list of edits");
    for (const json& e : list) {
        const std::string w = where + "[" + std::to_string(out.size()) + "]";
        if (!e.is_object() || !e.contains("before") || !e.contains("after") || !e["before"].is_object() ||
            !e["after"].is_object())
            throw SettingsError(w + " must be {\"label\", \"before\", \"after\"}");
        SavedAnchorEdit edit;
        edit.label = e.value("label", std::string());
        edit.before = parseAnchorList(e["before"], w + ".before");
        edit.after = parseAnchorList(e["after"], w + ".after");
        if (edit.before.kind != kind || edit.after.kind != kind)
            throw SettingsError(w + " must list anchors the way \"anchors\" does (keys or rows)");
        out.push_back(std::move(edit));
    }
    return out;
}

void parseAnchors(const json& j, SessionFile& f, std::vector<std::string>& warnings) {
    if (j.is_null()) return;
    if (!j.is_object()) throw SettingsError("\"anchors\" must be an object");
    JsonFields fields(j, "anchors", warnings);
    if (fields.has("keys") || fields.has("rows")) {
        f.anchors = parseAnchorList(j, "anchors");
        (void)fields.raw(fields.has("keys") ? "keys" : "rows");
        (void)fields.raw("partners");
        const json& history = fields.raw("history");
        if (!history.is_null()) {
            JsonFields h(history, "anchors.history", warnings);
            f.undo = parseEdits(h.raw("undo"), "anchors.history.undo", f.anchors.kind);
            f.redo = parseEdits(h.raw("redo"), "anchors.history.redo", f.anchors.kind);
        }
    } else if (fields.has("strategy")) {
        f.anchors.kind = AnchorSpec::Kind::Strategy;
        f.anchors.selection = AnchorSelectionOptions{AnchorStrategy::Random, 300, 0, 30};
        fields.name("strategy", f.anchors.selection.strategy, parseAnchorStrategy);
        fields.integer("count", f.anchors.selection.count, 1, 1'000'000'000);
        fields.seed("seed", f.anchors.selection.seed);
        fields.integer("kmeans_iterations", f.anchors.selection.kmeansIterations, 0, 10000);
    }
}

// Version 1 files stored "head" and "metrics" settings that version 2 keeps under "stitching" and "similarity".
void readVersion1Settings(JsonFields& fields, SessionSettings& s, std::vector<std::string>& warnings) {
    const json& head = fields.raw("head");
    if (!head.is_null()) {
        JsonFields h(head, "settings.head", warnings);
        h.name("kind", s.stitching.head, parseHeadKind);
        h.number("test_fraction", s.stitching.testFraction, 0.01, 0.9);
        h.seed("split_seed", s.stitching.seed);
        (void)h.raw("lambda");  // never read by any version
        (void)h.raw("path");
    }
    const json& metrics = fields.raw("metrics");
    if (!metrics.is_null()) {
        JsonFields m(metrics, "settings.metrics", warnings);
        m.integer("k", s.similarity.kJaccard, 1, 100000);
    }
}

SessionSettings parseSettings(const json& j, std::vector<std::string>& warnings) {
    SessionSettings s;
    JsonFields f(j, "settings", warnings);
    readJson(f.raw("relative"), "settings.relative", s.relative, warnings);
    readJson(f.raw("translation"), "settings.translation", s.translation, warnings);
    readJson(f.raw("similarity"), "settings.similarity", s.similarity, warnings);
    readJson(f.raw("stitching"), "settings.stitching", s.stitching, warnings);
    readJson(f.raw("curves"), "settings.curves", s.curves, warnings);
    readJson(f.raw("view"), "settings.view", s.view, warnings);
    readJson(f.raw("selection"), "settings.selection", s.selection, warnings);
    readVersion1Settings(f, s, warnings);
    return s;
}

// A space index of the layout: -1 (the default) or one of the file's spaces.
void spaceIndex(JsonFields& f, const char* key, int& out, size_t spaces) {
    f.integer(key, out, -1, static_cast<int>(std::max<size_t>(spaces, 1)) - 1);
}

SessionLayout parseLayout(const json& j, size_t spaces, std::vector<std::string>& warnings) {
    SessionLayout l;
    JsonFields f(j, "layout", warnings);
    const json& open = f.raw("open_panels");
    if (!open.is_null()) {
        if (!open.is_array()) throw SettingsError("layout.open_panels must be a list of panel names");
        l.panelsRecorded = true;
        for (const json& name : open) {
            if (!name.is_string()) throw SettingsError("layout.open_panels must be a list of panel names");
            l.openPanels.push_back(name.get<std::string>());
        }
    }
    JsonFields sim(f.raw("similarity"), "layout.similarity", warnings);
    spaceIndex(sim, "a", l.similarityA, spaces);
    spaceIndex(sim, "b", l.similarityB, spaces);
    JsonFields cur(f.raw("curves"), "layout.curves", warnings);
    spaceIndex(cur, "source", l.curveSource, spaces);
    spaceIndex(cur, "target", l.curveTarget, spaces);
    JsonFields st(f.raw("stitching"), "layout.stitching", warnings);
    st.name("shown", l.stitchShown, parseStitchMethod);
    st.boolean("live", l.stitchLive);
    const json& hidden = f.raw("hidden_classes");
    if (!hidden.is_null()) {
        if (!hidden.is_array()) throw SettingsError("layout.hidden_classes must be a list of class ids");
        for (const json& c : hidden) {
            if (!c.is_number_integer() || c.get<int64_t>() < 0 || c.get<int64_t>() > 65535)
                throw SettingsError("layout.hidden_classes: class ids are integers in [0, 65535] (got " + c.dump() +
                                    ")");
            l.hiddenClasses.push_back(c.get<int>());
        }
    }
    return l;
}

SessionSpaceSpec parseSpace(const json& j, const fs::path& baseDir, size_t index, std::vector<std::string>& warnings) {
    SessionSpaceSpec s;
    const std::string where = "spaces[" + std::to_string(index) + "]";
    if (j.is_string()) {
        s.path = j.get<std::string>();
    } else if (j.is_object()) {
        JsonFields f(j, where, warnings);
        f.text("path", s.path);
        f.text("name", s.name);
        f.integer("n", s.n, -1, std::numeric_limits<Index>::max());
        f.integer("d", s.d, -1, std::numeric_limits<Index>::max());
    } else {
        throw SettingsError("each entry of \"spaces\" must be a path or an object with \"path\"");
    }
    if (s.path.empty()) throw SettingsError(where + " has an empty \"path\"");
    const fs::path p(s.path);
    if (p.is_relative()) s.path = (baseDir / p).lexically_normal().string();
    return s;
}

}  // namespace

Result<SessionFile> readSessionFile(const std::string& path) {
    Result<std::string> text = readWholeFile(path, kMaxSessionFileBytes, "a session file");
    if (!text) return text.error();
    json j;
    try {
        j = json::parse(*text);
    } catch (const json::parse_error& e) {
        return badInput(path, "not a valid JSON session file", "byte " + std::to_string(e.byte));
    } catch (const json::exception& e) {  // e.g. a number too large for any JSON number type
        return badInput(path, "not a valid JSON session file", e.what());
    }
    SessionFile f;
    f.path = path;
    try {
        if (!j.is_object() || !j.contains("spaces") || !j["spaces"].is_array())
            throw SettingsError("missing \"spaces\" list");
        JsonFields top(j, "session", f.warnings);
        std::string format = kSessionFormat;
        top.text("format", format);
        if (format != kSessionFormat)
            throw SettingsError("\"format\" is \"" + format + "\", not \"" + kSessionFormat + "\"");
        top.integer("version", f.version, 1, 1000000);
        if (f.version > kSessionVersion)
            f.warnings.push_back("written by a newer latentbridge (format version " + std::to_string(f.version) +
                                 "): settings it added are ignored");
        const fs::path baseDir = fs::path(path).parent_path();
        for (const json& s : top.raw("spaces")) f.spaces.push_back(parseSpace(s, baseDir, f.spaces.size(), f.warnings));
        Index reference = 0;
        top.integer("reference", reference, 0, std::max<Index>(0, static_cast<Index>(f.spaces.size()) - 1));
        f.reference = static_cast<size_t>(reference);
        parseAnchors(top.raw("anchors"), f, f.warnings);
        f.settings = parseSettings(top.raw("settings"), f.warnings);
        f.layout = parseLayout(top.raw("layout"), f.spaces.size(), f.warnings);
    } catch (const SettingsError& e) {
        return badInput(path, std::string("invalid session file: ") + e.what());
    } catch (const json::exception& e) {
        return badInput(path, "invalid session file", e.what());
    }
    for (std::string& w : f.warnings) w = path + ": " + w;
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

json settingsToJson(const SessionSettings& s) {
    return json{{"relative", toJson(s.relative)},     {"translation", toJson(s.translation)},
                {"similarity", toJson(s.similarity)}, {"stitching", toJson(s.stitching)},
                {"curves", toJson(s.curves)},         {"view", toJson(s.view)},
                {"selection", toJson(s.selection)}};
}

static json layoutToJson(const SessionLayout& l) {
    return json{{"open_panels", l.openPanels},
                {"similarity", {{"a", l.similarityA}, {"b", l.similarityB}}},
                {"curves", {{"source", l.curveSource}, {"target", l.curveTarget}}},
                {"stitching", {{"shown", stitchMethodName(l.stitchShown)}, {"live", l.stitchLive}}},
                {"hidden_classes", l.hiddenClasses}};
}

// Anchor rows of the reference as the file stores them: keys when the reference has keys (they survive a
// re-export that reorders rows), else row indices; their partners the same way, each naming its anchor's position.
static json anchorList(const Session& session, const std::vector<Index>& rows,
                       const std::vector<AnchorPartner>& partners) {
    const LatentSpace& ref = session.space(session.reference());
    json out;
    if (!ref.hasKeys()) {
        out = {{"rows", rows}};
    } else {
        std::vector<std::string> keys;
        keys.reserve(rows.size());
        for (Index a : rows) keys.push_back(ref.keys[static_cast<size_t>(a)]);
        out = {{"keys", keys}};
    }
    if (partners.empty()) return out;
    std::unordered_map<Index, size_t> position;
    for (size_t k = 0; k < rows.size(); ++k) position.emplace(rows[k], k);
    json list = json::array();
    for (const AnchorPartner& p : partners) {
        const auto it = position.find(p.anchor);
        if (it == position.end() || p.space >= session.spaceCount() || p.row >= session.space(p.space).n()) continue;
        const LatentSpace& space = session.space(p.space);
        json entry = {{"anchor", it->second}, {"space", p.space}};
        if (space.hasKeys())
            entry["key"] = space.keys[static_cast<size_t>(p.row)];
        else
            entry["row"] = p.row;
        list.push_back(std::move(entry));
    }
    out["partners"] = std::move(list);
    return out;
}

// The newest edits of the undo history (at most this many are saved: each holds two anchor lists).
constexpr size_t kSavedUndoEdits = 64;

static json historyToJson(const Session& session) {
    const AnchorHistory& h = session.history();
    const auto edits = [&](const std::vector<AnchorEdit>& list, size_t first) {
        json out = json::array();
        for (size_t i = first; i < list.size(); ++i)
            out.push_back({{"label", list[i].label},
                           {"before", anchorList(session, list[i].before, list[i].partnersBefore)},
                           {"after", anchorList(session, list[i].after, list[i].partnersAfter)}});
        return out;
    };
    const size_t firstUndo = h.undoStack().size() > kSavedUndoEdits ? h.undoStack().size() - kSavedUndoEdits : 0;
    return {{"undo", edits(h.undoStack(), firstUndo)}, {"redo", edits(h.redoStack(), 0)}};
}

std::string sessionToJson(const Session& session, const std::string& path) {
    const fs::path dir = fs::path(path).parent_path();
    json spaces = json::array();
    for (size_t i = 0; i < session.spaceCount(); ++i) {
        const SessionSpace& e = session.entry(i);
        spaces.push_back(
            {{"path", pathForFile(e.path, dir)}, {"name", e.space->name}, {"n", e.space->n()}, {"d", e.space->d()}});
    }
    json anchors = json::object();
    if (!session.empty()) {
        anchors = anchorList(session, session.anchors(), session.partners());
        anchors["history"] = historyToJson(session);
    }
    const json j{{"format", kSessionFormat},
                 {"version", kSessionVersion},
                 {"spaces", spaces},
                 {"reference", session.reference()},
                 {"anchors", anchors},
                 {"settings", settingsToJson(session.settings)},
                 {"layout", layoutToJson(session.layout)}};
    return j.dump(2) + "\n";
}

Status writeSessionFile(const std::string& path, const Session& session) {
    return io::writeFileAtomic(path, sessionToJson(session, path));
}

// ------------------------------------------------------------------------------------------- opening
Status checkRecordedShape(const SessionSpaceSpec& spec, const LatentSpace& space, const std::string& sessionPath) {
    const bool nChanged = spec.n >= 0 && spec.n != space.n();
    const bool dChanged = spec.d >= 0 && spec.d != space.d();
    if (!nChanged && !dChanged) return Status::ok();
    return badInput(spec.path, "shape changed since the session was saved: now " + std::to_string(space.n()) + " x " +
                                   std::to_string(space.d()) + ", saved " + std::to_string(spec.n) + " x " +
                                   std::to_string(spec.d) + " — anchors and settings in " + sessionPath +
                                   " no longer fit this file");
}

Result<std::vector<Index>> resolveAnchors(const AnchorSpec& spec, const LatentSpace& reference,
                                          const std::string& sessionPath, JobContext& ctx) {
    switch (spec.kind) {
        case AnchorSpec::Kind::None: return std::vector<Index>{};
        case AnchorSpec::Kind::Rows:
            for (Index r : spec.rows)
                if (r < 0 || r >= reference.n())
                    return badInput(sessionPath, "anchor row " + std::to_string(r) + " is out of range for " +
                                                     reference.name + " (" + std::to_string(reference.n()) + " rows)");
            return spec.rows;
        case AnchorSpec::Kind::Keys: {
            if (!reference.hasKeys())
                return badInput(sessionPath, "anchors are given as keys but " + reference.name + " has no keys");
            std::unordered_map<std::string, Index> rowOf;
            for (size_t i = 0; i < reference.keys.size(); ++i) rowOf.emplace(reference.keys[i], static_cast<Index>(i));
            std::vector<Index> rows;
            for (const std::string& k : spec.keys) {
                const auto it = rowOf.find(k);
                if (it == rowOf.end())
                    return badInput(sessionPath, "anchor key \"" + k + "\" is not in " + reference.name);
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

Result<std::vector<AnchorPartner>> resolvePartners(const AnchorSpec& spec, const std::vector<Index>& anchors,
                                                   const Session& session, const std::string& sessionPath) {
    std::vector<AnchorPartner> out;
    std::unordered_map<Index, std::unordered_map<std::string, Index>> rowOfKey;  // per space, built when needed
    for (const SavedPartner& p : spec.partners) {
        const std::string which =
            "anchor partner (anchor " + std::to_string(p.anchor) + ", space " + std::to_string(p.space) + ")";
        if (p.anchor < 0 || p.anchor >= static_cast<Index>(anchors.size()))
            return badInput(sessionPath, which + ": the list has " + std::to_string(anchors.size()) + " anchors");
        if (p.space < 0 || p.space >= static_cast<Index>(session.spaceCount()) ||
            static_cast<size_t>(p.space) == session.reference())
            return badInput(sessionPath, which + ": not a loaded space other than the reference");
        const LatentSpace& space = session.space(static_cast<size_t>(p.space));
        Index row = p.row;
        if (!p.key.empty()) {
            std::unordered_map<std::string, Index>& rows = rowOfKey[p.space];
            if (rows.empty())
                for (size_t r = 0; r < space.keys.size(); ++r) rows.emplace(space.keys[r], static_cast<Index>(r));
            const auto it = rows.find(p.key);
            if (it == rows.end())
                return badInput(sessionPath, which + ": key \"" + p.key + "\" is not in " + space.name);
            row = it->second;
        } else if (row < 0 || row >= space.n()) {
            return badInput(sessionPath, which + ": row " + std::to_string(row) + " is out of range for " + space.name +
                                             " (" + std::to_string(space.n()) + " rows)");
        }
        out.push_back({anchors[static_cast<size_t>(p.anchor)], static_cast<size_t>(p.space), row});
    }
    return out;
}

Result<AnchorHistory> resolveHistory(const SessionFile& file, const Session& session) {
    AnchorHistory history;
    std::vector<AnchorEdit> stacks[2];
    const std::vector<SavedAnchorEdit>* saved[2] = {&file.undo, &file.redo};
    const LatentSpace& reference = session.space(session.reference());
    for (int s = 0; s < 2; ++s)
        for (const SavedAnchorEdit& e : *saved[s]) {
            AnchorEdit edit{e.label, {}, {}, {}, {}};
            const auto resolve = [&](const AnchorSpec& spec, std::vector<Index>& rows,
                                     std::vector<AnchorPartner>& partners) -> Status {
                Result<std::vector<Index>> r = resolveAnchors(spec, reference, file.path);
                if (!r) return r.error();
                Result<std::vector<AnchorPartner>> p = resolvePartners(spec, *r, session, file.path);
                if (!p) return p.error();
                rows = std::move(*r);
                partners = std::move(*p);
                return Status::ok();
            };
            if (Status st = resolve(e.before, edit.before, edit.partnersBefore); !st) return st.error();
            if (Status st = resolve(e.after, edit.after, edit.partnersAfter); !st) return st.error();
            stacks[s].push_back(std::move(edit));
        }
    history.restore(std::move(stacks[0]), std::move(stacks[1]));
    return history;
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
        session.alignLabelNames(*loaded);
        session.makeNameUnique(*loaded);
        session.addSpace(spec.path, std::make_shared<const LatentSpace>(std::move(loaded).value()));
        ctx.advance();
    }
    if (session.empty()) return session;
    session.setReference(file.reference);
    ctx.setStage("anchors", 1);
    Result<std::vector<Index>> anchors =
        resolveAnchors(file.anchors, session.space(session.reference()), file.path, ctx);
    if (!anchors) return anchors.error();
    Result<std::vector<AnchorPartner>> partners = resolvePartners(file.anchors, *anchors, session, file.path);
    if (!partners) return partners.error();
    session.setAnchorsWithPartners(*anchors, std::move(*partners), "open session");
    session.clearHistory();  // opening is not an undoable edit
    session.layout = file.layout;
    Result<AnchorHistory> history = resolveHistory(file, session);
    if (!history) return history.error();
    if (!session.restoreHistory(std::move(*history)))
        return badInput(file.path, "anchors.history does not end at the saved anchors");
    return session;
}

}  // namespace lb
