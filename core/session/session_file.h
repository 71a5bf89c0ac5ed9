// Session files: a Session saved as JSON, and the bundled demo description (the same format, anchors given as
// a strategy instead of a list).
//
// Format (version 1; unknown fields are ignored so newer files open in older builds):
//   {
//     "format": "latentbridge-session", "version": 1,
//     "spaces": [ {"path": "cnn_s0.npz", "name": "cnn_s0", "n": 10000, "d": 64}, "plain/path/also/works.npy" ],
//     "reference": 0,
//     "anchors": {"keys": ["k1", ...]}  |  {"rows": [3, 17, ...]}  |  {"strategy": "random", "count": 300, "seed": 0},
//     "settings": {
//       "relative":    {"similarities": ["cosine"], "transform": "none", "aggregation": "concat", "post": "none"},
//       "translation": {"method": "procrustes", "scaling": "standard", "l2": false, "ridge": 0},
//       "head":        {"kind": "ridge", "lambda": 0.01, "path": "", "test_fraction": 0.2, "split_seed": 0},
//       "metrics":     {"k": 10},
//       "selection":   {"strategy": "random", "count": 300, "seed": 0},
//       "view":        {"shared_basis": false}
//     }
//   }
// Relative space paths are resolved against the session file's directory; saving writes paths relative to it
// when the data lives below it (so a folder with data + session can be moved), else absolute.
// "n"/"d" are optional; when present, opening refuses a file whose shape changed since saving.
#pragma once

#include "core/jobs/job_context.h"
#include "core/session/session.h"

#include <string>
#include <vector>

namespace lb {

struct SessionSpaceSpec {
    std::string path;   // resolved (absolute or relative to the working directory)
    std::string name;   // optional display name ("" = file stem)
    Index n = -1;       // expected shape, -1 when not recorded
    Index d = -1;
};

struct AnchorSpec {
    enum class Kind { None, Rows, Keys, Strategy };
    Kind kind = Kind::None;
    std::vector<Index> rows;            // reference rows (Kind::Rows)
    std::vector<std::string> keys;      // reference keys (Kind::Keys)
    AnchorSelectionOptions selection;   // Kind::Strategy
};

struct SessionFile {
    std::string path;                       // the .json itself
    std::vector<SessionSpaceSpec> spaces;
    size_t reference = 0;
    AnchorSpec anchors;
    SessionSettings settings;
};

// Parses and validates a session file (pure; any thread). Errors (all naming the session file): Io (missing,
// unreadable), BadInput (not JSON — with line/column —, no "spaces", wrong field types, reference out of
// range, unknown enum names).
Result<SessionFile> readSessionFile(const std::string& path);

// Builds the JSON text for `session` as if saved at `path` (paths made relative to its directory).
std::string sessionToJson(const Session& session, const std::string& path);

// Writes atomically: to "<path>.tmp-<pid>" in the same directory, then rename over `path`; on any failure
// the temp file is removed and `path` keeps its old content. Errors: Io naming the file.
Status writeSessionFile(const std::string& path, const Session& session);

// Refuses a loaded space whose shape differs from the one recorded in the session (BadInput naming the data
// file, both shapes and the session file).
Status checkRecordedShape(const SessionSpaceSpec& spec, const LatentSpace& space, const std::string& sessionPath);

// Resolves the anchor spec against the reference space: rows checked against N, keys looked up, strategies
// run (selectAnchors). Errors: BadInput naming the session file (missing key, out-of-range row).
Result<std::vector<Index>> resolveAnchors(const AnchorSpec& spec, const LatentSpace& reference,
                                          const std::string& sessionPath, JobContext& ctx = silentJob());

// Loads every space (loadSpace), checks recorded shapes, sets the reference, resolves anchors and settings:
// the synchronous path the CLI uses and the GUI runs on a worker. The first failing file aborts with its error.
// Progress: one stage per file.
Result<Session> openSession(const SessionFile& file, JobContext& ctx = silentJob());

}  // namespace lb
