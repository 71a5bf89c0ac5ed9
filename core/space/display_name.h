// Display names of spaces: what views, tables and reports call a space. Pure string functions (no ImGui).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace lb {

// The default name of a space loaded from `path`: the file stem, except for a TensorBoard projector file
// (`tensors.tsv`, whose stem says nothing), which takes its folder's name ("runs/resnet/tensors.tsv" -> "resnet").
std::string defaultSpaceName(const std::string& path);

// `name` when no entry of `taken` equals it, else `name` + " (k)" with the smallest k >= 2 not taken.
std::string uniqueDisplayName(const std::string& name, const std::vector<std::string>& taken);

// `name` when it has at most maxChars characters (UTF-8 code points), else its start and end joined by "..."
// in at most maxChars characters (start gets the extra character), so names differing only at the end (seeds,
// epochs) stay distinguishable in narrow headers. maxChars below 5 is treated as 5.
std::string shortenMiddle(const std::string& name, size_t maxChars);

}  // namespace lb
