// What a file in a folder is to latentbridge, decided from its name, its neighbours and a cheap look at its
// header (never the whole file): an embeddings file the app can open as a space, a session, or one of the
// files that travel with spaces but are not spaces themselves (a .npy's JSON sidecar, a 1-D label or key
// array, projector metadata, a linear head, a saved translator, a list of names). The file browser lists the
// first two as openable and greys the others with `reason`, so a user does not open a sidecar and get a
// parse error.
#pragma once

#include <string>
#include <vector>

namespace lb {

enum class FileRole {
    Space,       // embeddings in a supported format
    Session,     // a latentbridge session (.json)
    Companion,   // a file read together with a space or by a panel: sidecar, labels, metadata, head, ...
    Unreadable,  // a supported extension whose header cannot be used (reason says why)
    Other,       // not a format latentbridge reads
};

struct FileRoleGuess {
    FileRole role = FileRole::Other;
    std::string reason;  // for everything but Space and Session: what the file is, in a few words

    bool openable() const { return role == FileRole::Space || role == FileRole::Session; }
};

// `siblings` are the names (not paths) of the other files in the same folder: a `x.json` or `x.npy.json`
// beside `x.npy` is that file's sidecar. Reads at most the file's header (memory-mapped .npy/.npz/
// .safetensors headers, the first 64 KiB of text files). Pure; any thread; never throws.
FileRoleGuess guessFileRole(const std::string& path, const std::vector<std::string>& siblings);

}  // namespace lb
