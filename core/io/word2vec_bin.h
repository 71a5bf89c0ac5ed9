// word2vec binary embeddings (.bin), as written by the original word2vec tool and by gensim
// `save_word2vec_format(binary=True)`.
//
// Layout: an ASCII header line "N D\n", then N records "word<space>" + D little-endian float32 (4*D bytes),
// each optionally followed by '\n' (word2vec writes it, gensim does not). Line feeds before a word are
// skipped; the word runs up to the first space and may hold any other byte.
// Refused (BadInput, message names the file, the row and the byte offset): empty file, malformed header,
// a header claiming more records than the file can hold (checked before allocating: a record takes at
// least 4*D + 2 bytes), a word without its space, a truncated vector, data left after the N records,
// duplicate words (validateSpace).
// Result: N x D float32 owned embeddings, keys = texts = words, dtype "float32", name = file stem.
// Cost: one pass, one N x D allocation, memcpy per row. Pure; any thread.
#pragma once

#include "core/io/load_space.h"

#include <cstddef>
#include <string>

namespace lb {

// Maps `path` and parses it. Errors: Io, BadInput.
Result<LatentSpace> loadWord2VecBin(const std::string& path, const LoadOptions& options = {});

// Parses `size` bytes at `data`; `displayName` stands for the file in messages, path and name (its stem).
Result<LatentSpace> parseWord2VecBin(const unsigned char* data, size_t size, const std::string& displayName,
                                     const LoadOptions& options = {});

}  // namespace lb
