// The .safetensors format: an 8-byte little-endian header length H, H bytes of JSON, then the raw
// little-endian C-order tensor bytes. The JSON maps tensor names to
//   {"dtype": "F32", "shape": [N, D], "data_offsets": [begin, end]}   (offsets relative to the data part)
// plus an optional "__metadata__" object of string -> string.
//
// A latentbridge .safetensors holds tensor `embeddings` (F16, BF16, F32 or F64; N x D, required), optional
// `labels` (BOOL, I8..I64, U8..U64; N) and `images` (U8; N x h x w). Because safetensors metadata values
// must be strings, `__metadata__` may carry `label_names`, `keys` and `texts` as JSON array strings, e.g.
//   "__metadata__": {"label_names": "[\"cat\", \"dog\"]", "keys": "[\"img_0\", \"img_1\"]"}
// F32 data whose address is 4-byte aligned is viewed in place (memory-mapped, zero copy).
// Refused (BadInput): header length beyond the file, invalid JSON, unknown dtype, offsets beyond the file,
// shape and offsets that disagree. Known but unsupported dtypes (F8_*, complex) give Unsupported.
#pragma once

#include "core/io/npy_array.h"
#include "core/space/latent_space.h"

#include <map>
#include <memory>
#include <string>

namespace lb {

struct SafetensorsFile {
    std::string path;
    std::map<std::string, NpyArray> tensors;      // views into the file bytes
    std::map<std::string, std::string> metadata;  // "__metadata__"
};

// Parses [data, data + size); tensors view the bytes, kept alive by `keepAlive` (may be null when the caller
// keeps them alive). O(header). Pure; any thread.
Result<SafetensorsFile> parseSafetensors(const uint8_t* data, size_t size, std::shared_ptr<const void> keepAlive,
                                         const std::string& path);
// Memory-maps and parses `path`. Errors: Io + parseSafetensors'.
Result<SafetensorsFile> readSafetensorsFile(const std::string& path);

// Reads a latentbridge .safetensors (layout above); loadSpace validates it afterwards.
Result<LatentSpace> loadSafetensorsSpace(const std::string& path);
Result<LatentSpace> loadSafetensorsSpace(const uint8_t* data, size_t size, std::shared_ptr<const void> keepAlive,
                                         const std::string& path);

}  // namespace lb
