// Which array of a .npz holds what. People save embeddings under many names (np.savez(f, X) writes
// `arr_0`; scripts use `features`, `feats`, `emb`, `x`, `y`, `targets`, `ids`, ...). This is the one rule
// mapping those names to the fields of a space; the .npz loader uses it, and tools/convert_to_npz.py keeps
// the names it finds so the loader applies the same rule.
#pragma once

#include "core/status.h"

#include <string>
#include <vector>

namespace lb {

// Array name chosen for each field; empty when the archive has none.
struct NpzRoles {
    std::string embeddings;            // N x D
    std::string labels;                // N ints
    std::string keys;                  // N strings
    std::string labelNames;            // C strings
    std::string texts;                 // N strings
    std::string images;                // N x h x w uint8
    std::vector<std::string> ignored;  // arrays no field claimed
};

// Picks the array for each field from `names`. The canonical name (`embeddings`, `labels`, ...) wins over
// its aliases; otherwise exactly one alias must be present. Errors: BadInput naming `path` when two aliases
// compete for a field (says to rename one) or when no array can be the embeddings.
Result<NpzRoles> assignNpzRoles(const std::vector<std::string>& names, const std::string& path);

}  // namespace lb
