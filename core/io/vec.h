// word2vec / fastText / GloVe text embeddings (.vec, .txt).
//
// Layout: an optional header line "N D", then one line per word: "word v1 v2 ... vD". Values are decimal
// floats separated by spaces or tabs; the word ends at the first space or tab. Without a header (GloVe)
// D is taken from the first line and N is the number of non-blank lines. Tolerated: CRLF line ends,
// trailing blanks (fastText writes one), a missing final newline, blank lines at the very end.
// Refused (BadInput, message names the file and the 1-based line): empty file, a header that lies about N
// (too few or too many rows) or D (a row with another number of values), a header claiming more values than
// the file can hold (checked before allocating: a row takes at least 2*D + 1 bytes), non-numeric values,
// blank lines between rows, duplicate words (validateSpace).
// Result: N x D float32 owned embeddings, keys = texts = words, dtype "text", name = file stem.
// Cost: one pass over the bytes (std::from_chars, locale-independent), one N x D allocation. Pure; any thread.
#pragma once

#include "core/io/load_space.h"

#include <cstddef>
#include <string>

namespace lb {

// Maps `path` and parses it. Errors: Io, BadInput.
Result<LatentSpace> loadVec(const std::string& path, const LoadOptions& options = {});

// Parses `size` bytes at `data`; `displayName` stands for the file in messages, path and name (its stem).
Result<LatentSpace> parseVec(const char* data, size_t size, const std::string& displayName,
                             const LoadOptions& options = {});

// Writes `space` as fastText does: "N D\n" then "word v1 ... vD \n" (note the trailing space). Values use
// the shortest decimal that reads back to the same float32, so loadVec(writeVec(s)) == s bit for bit.
// Needs keys (the words): InvalidArgument without keys or when a key is empty or holds a space, tab or
// line break. Io when the file cannot be written. Saved atomically (io::AtomicFileWriter), in 1 MB chunks.
Status writeVec(const std::string& path, const LatentSpace& space);

}  // namespace lb
