// Writing .npz archives that NumPy's np.load and latentbridge's own reader (core/io/npz.h) both open: a zip of
// uncompressed .npy members ("<name>.npy"), as np.savez writes them.
//
// Only the classic zip format (no ZIP64): every member and the whole archive stay under 4 GiB, which writeNpz
// checks before writing anything. Strings are stored as NumPy '<U n' (UTF-32), so np.load returns str arrays.
#pragma once

#include "core/status.h"
#include "core/types.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lb {

// One member of an archive: its array name (without ".npy") and its complete .npy bytes (header + data).
struct NpzMember {
    std::string name;
    std::string npy;
};

// The .npy bytes of an N × D float32 matrix, an N int32 vector, and N strings ('<U n', n = the longest string in
// code points, at least 1). Errors (strings only): BadInput when a string is not valid UTF-8.
std::string npyBytes(const ConstRowMatrixRef& matrix);
std::string npyBytes(const std::vector<int32_t>& values);
Result<std::string> npyBytes(const std::vector<std::string>& strings);

// Writes the members as a stored zip at `path`, atomically (core/io/atomic_file.h). Errors: InvalidArgument (no
// member, a repeated or empty name, more than 65535 members or 4 GiB),
// Io.
Status writeNpz(const std::string& path, const std::vector<NpzMember>& members);

// A space as a latentbridge .npz (embeddings N × D, and keys, labels, label_names where not empty), the layout
// loadNpzSpace reads. Errors: those of npyBytes and writeNpz.
Status writeNpzSpace(const std::string& path, const ConstRowMatrixRef& embeddings, const std::vector<std::string>& keys,
                     const std::vector<int32_t>& labels, const std::vector<std::string>& labelNames);

}  // namespace lb
