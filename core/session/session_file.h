// Session files: the whole document saved as JSON (spaces, reference, anchors with their undo history, every
// analysis's settings, what the app shows), and the bundled demo description (the same format, anchors given as
// a strategy instead of a list). The app and `latentbridge-cli ... --session` read the same files.
//
// Format (version 2; version 1 files open too):
//   {
//     "format": "latentbridge-session", "version": 2,
//     "spaces": [ {"path": "cnn_s0.npz", "name": "cnn_s0", "n": 10000, "d": 64}, "plain/path/also/works.npy" ],
//     "reference": 0,
//     "anchors": {"keys": ["k1", ...], "history": {"undo": [{"label", "before": {"keys": [...]}, "after": ...}],
//                                                  "redo": [...]}}
//              | {"rows": [3, 17, ...], "history": ...}  |  {"strategy": "random", "count": 300, "seed": 0},
//       each list of keys or rows (the anchors', an edit's before and after) may carry its anchors' explicit
//       partners (Session::partners): "partners": [{"anchor": 5, "space": 1, "key": "k9" | "row": 9}], where
//       "anchor" is a position in the list and the partner is a key of that space when it has keys, else a row.
//       Files without "partners" (older ones) open as before; older builds ignore it with a warning.
//     "settings": {"relative": ..., "translation": ..., "similarity": ..., "stitching": ..., "curves": ...,
//                  "view": ..., "selection": ...}                       (core/analysis/settings_json.h)
//     "layout": {"open_panels": ["similarity", "stitching"], "similarity": {"a": 1, "b": 0},
//                "curves": {"source": -1, "target": -1}, "stitching": {"shown": "relative", "live": true},
//                "hidden_classes": [3]}
//   }
// Every value is validated (types, names, ranges, space indices); a field this build does not know is a warning
// (SessionFile::warnings), not an error. Relative space paths are resolved against the session file's
// directory; saving writes paths relative to it when the data lives below it (so a folder with data + session
// can be moved), else absolute. "n"/"d" are optional; when present, opening refuses a file whose shape changed
// since saving.
#pragma once

#include "core/jobs/job_context.h"
#include "core/session/session.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lb {

struct SessionSpaceSpec {
    std::string path;  // resolved (absolute or relative to the working directory)
    std::string name;  // optional display name ("" = file stem)
    Index n = -1;      // expected shape, -1 when not recorded
    Index d = -1;
};

// An anchor's explicit partner as saved.
struct SavedPartner {
    Index anchor = -1;  // position in the anchor list
    Index space = -1;   // index into the file's spaces
    Index row = -1;     // the partner's row, when `key` is empty
    std::string key;    // the partner's key in that space
};

struct AnchorSpec {
    enum class Kind { None, Rows, Keys, Strategy };
    Kind kind = Kind::None;
    std::vector<Index> rows;             // reference rows (Kind::Rows)
    std::vector<std::string> keys;       // reference keys (Kind::Keys)
    AnchorSelectionOptions selection;    // Kind::Strategy
    std::vector<SavedPartner> partners;  // Kind::Rows / Keys: the anchors' explicit partners (usually none)
};

// One saved undo/redo edit, its lists stored the way "anchors" is (keys or rows).
struct SavedAnchorEdit {
    std::string label;
    AnchorSpec before, after;
};

constexpr const char* kSessionFormat = "latentbridge-session";
constexpr int kSessionVersion = 2;

struct SessionFile {
    std::string path;  // the .json itself
    int version = kSessionVersion;
    std::vector<SessionSpaceSpec> spaces;
    size_t reference = 0;
    AnchorSpec anchors;
    std::vector<SavedAnchorEdit> undo, redo;  // oldest first
    SessionSettings settings;
    SessionLayout layout;
    std::vector<std::string> warnings;  // unknown fields, a newer version: "<path>: settings.x: ..."
};

// Parses and validates a session file (pure; any thread). Errors (all naming the session file): Io (missing,
// unreadable), BadInput (not JSON, no "spaces", wrong field types, values out of range, reference or space
// indices out of range, unknown names).
Result<SessionFile> readSessionFile(const std::string& path);

// Every setting of the document as the file's "settings" object (also recorded by the app's metrics export).
nlohmann::json settingsToJson(const SessionSettings& settings);

// Builds the JSON text for `session` as if saved at `path` (paths made relative to its directory).
std::string sessionToJson(const Session& session, const std::string& path);

// Writes atomically (io::writeFileAtomic): on any failure `path` keeps its old content and no temporary file
// remains. Errors: Io naming the file.
Status writeSessionFile(const std::string& path, const Session& session);

// Refuses a loaded space whose shape differs from the one recorded in the session (BadInput naming the data
// file, both shapes and the session file).
Status checkRecordedShape(const SessionSpaceSpec& spec, const LatentSpace& space, const std::string& sessionPath);

// The saved undo/redo edits in reference rows (resolveAnchors and resolvePartners on each list), against the
// session's spaces. Errors: those of resolveAnchors and resolvePartners.
Result<AnchorHistory> resolveHistory(const SessionFile& file, const Session& session);

// Resolves the anchor spec against the reference space: rows checked against N, keys looked up, strategies
// run (selectAnchors). Errors: BadInput naming the session file (missing key, out-of-range row).
Result<std::vector<Index>> resolveAnchors(const AnchorSpec& spec, const LatentSpace& reference,
                                          const std::string& sessionPath, JobContext& ctx = silentJob());

// The saved partners of the anchor list `spec` (resolved to `anchors`, reference rows): keys looked up in their
// space. Errors: BadInput naming the session file (an anchor position, space or row out of range, a partner in
// the reference, a missing key).
Result<std::vector<AnchorPartner>> resolvePartners(const AnchorSpec& spec, const std::vector<Index>& anchors,
                                                   const Session& session, const std::string& sessionPath);

// Loads every space (loadSpace), checks recorded shapes, sets the reference, resolves anchors and settings:
// the synchronous path the CLI uses and the GUI runs on a worker. The first failing file aborts with its error.
// Progress: one stage per file.
Result<Session> openSession(const SessionFile& file, JobContext& ctx = silentJob());

}  // namespace lb
