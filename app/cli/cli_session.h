// The session a `compare` or `stitch` command works on, so the CLI computes exactly what the app shows:
//  - `--session FILE`: the spaces, reference, anchors and settings a session file holds (saved by the app, or
//    assets/demo/demo.json), opened as the app opens it;
//  - otherwise the space files given on the command line, the first one the reference, anchors from
//    `--anchors FILE|K` (keys or rows of the first space, all present in the others).
// Settings flags given on the command line then override the session's (flags not given leave them as they are:
// the defaults of core/analysis/analysis_settings.h, or the file's).
#pragma once

#include "app/cli/cli_args.h"
#include "core/session/session.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lb::cli {

// Options every session-based command accepts besides its own.
extern const std::vector<std::string> kSessionValueOptions;  // "--session", "--anchors", "--seed", settings
extern const std::vector<std::string> kSessionFlags;         // "--l2"

// Opens the session of a command: `--session` or `files` (at least two). Prints load and session warnings
// unless quiet. Errors: those of loading (exit 2), no shared rows, anchors that cannot be resolved.
Result<Session> commandSession(const Args& args, const std::vector<std::string>& files, uint64_t seed, bool quiet);

// Applies the settings flags present in `args` to `settings`: --similarity --transform --post --aggregate,
// --method --scaling --l2 --ridge, --k --k-mrr --queries --rbf-rows --linear-rows --max-rows --protocol, --head --alpha
// --lambda --test-fraction, --curve, and --seed (every seed of the settings). False with `error` on a bad value.
bool applySettingsFlags(const Args& args, SessionSettings& settings, std::string& error);

// What a command's numbers were computed from, for its JSON ("input"): {"session": path} or {"files": [...],
// "anchors": the --anchors value (a file or a count), "seed"}. With the settings JSON, enough to reproduce them.
nlohmann::json commandInput(const Args& args, uint64_t seed);

// The space a `--a` / `--b` style option names: its display name, its file name or stem, or its index.
// BadInput naming the session and listing the names when none (or several) match.
Result<size_t> spaceNamed(const Session& session, const std::string& name, const std::string& sessionPath);

}  // namespace lb::cli
