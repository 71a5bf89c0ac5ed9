// metadata.tsv of the TensorBoard embedding projector: per-row labels, keys and texts for a tensors.tsv.
//
// One column  -> no header row; every line is one row's entry. Entries that are all distinct become keys;
//                otherwise they are class names and become labels (see below).
// Two or more -> the first line is a header naming the columns (case-insensitive, blanks trimmed):
//   "label" or "class"     -> labels
//   "key", "id" or "word"  -> keys (must be unique)
//   "text"                 -> texts
//   any other column is ignored (a warning lists it); the first column of a role wins.
// Labels: when every entry is a non-negative integer below 1,000,000 the integers are the class ids;
// otherwise the distinct strings, sorted byte-wise, become labelNames and each row gets its name's index.
// Lines are split on tabs; CRLF is accepted; empty lines after the last entry are ignored, other empty
// lines are entries (an empty string). Refused (BadInput, message names the metadata file and the line):
// a row with another number of cells than the header, a number of rows different from N.
// Cost: one pass, O(N log N) for the label names. Pure; any thread.
#pragma once

#include "core/space/latent_space.h"

#include <cstddef>
#include <string>

namespace lb {

// Parses the metadata at `data` and stores it into `space` (which must hold its N x D embeddings).
// `displayName` names the metadata file in messages.
Status applyProjectorMetadata(const char* data, size_t size, const std::string& displayName, LatentSpace& space);

}  // namespace lb
