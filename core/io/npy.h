// The .npy format (NumPy's own array file): reading versions 1, 2 and 3, writing version 1.
//
//   magic "\x93NUMPY", major, minor, header length (uint16 LE in v1, uint32 LE in v2/v3),
//   header = a Python dict literal {'descr': '<f4', 'fortran_order': False, 'shape': (N, D), } padded with
//   spaces and a newline (latin-1 in v1/v2, UTF-8 in v3), then the raw elements.
//
// Accepted dtypes: bool, int8..int64, uint8..uint64, float16/32/64, '<U n' unicode and '|S n' bytes, in
// either byte order ('<', '>', '|', '=') and either element order (C or Fortran). Object arrays ('O',
// pickles) and structured/complex/datetime dtypes are refused with Unsupported, never interpreted.
// Every size the header claims is checked, overflow-safe, against the bytes present BEFORE anything is
// allocated. Parsing a buffer is O(header); nothing is copied.
#pragma once

#include "core/io/npy_array.h"
#include "core/status.h"
#include "core/types.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lb {

// Parses the .npy bytes [bytes, bytes + size) into a view (NpyArray::data points inside the buffer, which
// `keepAlive` keeps valid; pass nullptr when the caller guarantees the lifetime). `path` and `name` only
// label errors. Errors: BadInput (bad magic, truncated, malformed header), Unsupported (object dtype, ...).
// Pure; any thread.
Result<NpyArray> parseNpy(const uint8_t* bytes, size_t size, std::shared_ptr<const void> keepAlive,
                          const std::string& path, const std::string& name = {});

// Memory-maps `path` and parses it; the returned array keeps the mapping alive. Errors: Io + parseNpy's.
Result<NpyArray> readNpyFile(const std::string& path);

// The "descr" of a numpy header ("<f4", ">U7", "|b1") -> dtype, item size and byte order. Exposed for
// tests. Errors: Unsupported ('O', 'c', 'M', 'V', ...), BadInput (unparseable).
struct NpyDescr {
    DType dtype = DType::Float32;
    size_t itemSize = 4;
    bool bigEndian = false;
};
Result<NpyDescr> parseNpyDescr(const std::string& descr, const std::string& path);

// A version 1.0 .npy header (magic .. newline) for `descr` and `shape`, padded so the data starts at a
// multiple of 64 bytes, as NumPy does. Used by writeNpy and by tools that stream rows after it.
std::string makeNpyHeader(const std::string& descr, const std::vector<uint64_t>& shape, bool fortranOrder = false);

// Writes `matrix` (N x D) as a float32 little-endian C-order version 1.0 .npy. Atomic: the bytes go to a
// temporary file in the same directory which is then renamed over `path`, so readers never see a partial
// file. Errors: Io. Cost: one sequential write.
Status writeNpy(const std::string& path, const ConstRowMatrixRef& matrix);
// Writes `values` (N) as an int32 little-endian .npy (labels). Same atomicity and errors.
Status writeNpy(const std::string& path, const std::vector<int32_t>& values);

}  // namespace lb
