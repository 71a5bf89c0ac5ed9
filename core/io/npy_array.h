// NpyArray: a typed, shaped view over the bytes of one array (a .npy file or npz member, a safetensors
// tensor), plus the conversions the loaders need. The view does not own the bytes: `keepAlive` does
// (a MappedFile, an inflated buffer), so a float32 little-endian C-order array can become Embeddings with
// no copy at all.
//
// [SECTION] DType and NpyArray
// [SECTION] Conversions (toEmbeddings, toFloatMatrix, toFloatVector, toInt32Vector, toStrings, toImages)
//
// All conversions are pure, run on any thread, read each element once (O(bytes)), and return BadInput
// naming `path` (and the array name) when the array has the wrong rank or kind.
#pragma once

#include "core/space/latent_space.h"
#include "core/status.h"
#include "core/types.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace lb {

// ---------------------------------------------------------------------------------------------------------
// [SECTION] DType and NpyArray
// ---------------------------------------------------------------------------------------------------------
enum class DType {
    Bool,
    Int8,
    Int16,
    Int32,
    Int64,
    UInt8,
    UInt16,
    UInt32,
    UInt64,
    Float16,
    BFloat16,
    Float32,
    Float64,
    Unicode,  // numpy '<U n': n UTF-32 code units per element, NUL-padded
    Bytes,    // numpy '|S n': n bytes per element, NUL-padded (read as UTF-8)
};

// "float32", "int64", "unicode", ... as shown to users (LatentSpace::dtype for embeddings).
const char* dtypeName(DType dtype);
bool isFloatType(DType dtype);
bool isIntegerType(DType dtype);  // Bool and every IntN/UIntN

struct NpyArray {
    DType dtype = DType::Float32;
    size_t itemSize = 4;        // bytes per element (4 * chars for Unicode)
    bool bigEndian = false;     // multi-byte elements stored big-endian ('>' in the descr)
    bool fortranOrder = false;  // column-major element order (numpy fortran_order: True)
    std::vector<uint64_t> shape;
    const uint8_t* data = nullptr;  // count() * itemSize bytes, any alignment
    std::shared_ptr<const void> keepAlive;
    std::string path;  // file the array came from, for error messages
    std::string name;  // array name inside the file ("embeddings", "labels"), empty for a plain .npy

    // Product of the shape (1 for a scalar). Readers check it cannot overflow before building the array.
    uint64_t count() const;
    size_t byteSize() const { return static_cast<size_t>(count()) * itemSize; }
    size_t rank() const { return shape.size(); }
    // "path: array 'labels'" style context for errors.
    std::string what() const;
};

// ---------------------------------------------------------------------------------------------------------
// [SECTION] Conversions
// ---------------------------------------------------------------------------------------------------------

// Rank-2 float array (N x D) -> Embeddings. A float32 little-endian C-order array whose data pointer is
// float-aligned is viewed in place (Embeddings::isMapped()), anything else is converted into an owned
// matrix (float16/bfloat16/float64 -> float32, big-endian swapped, Fortran order transposed). Non-float
// kinds are refused (BadInput): embeddings must be float16, bfloat16, float32 or float64.
Result<Embeddings> toEmbeddings(const NpyArray& array);

// Rank-2 numeric array (R x C; bool and integers accepted too) -> owned float32 matrix (linear heads).
Result<RowMatrixXf> toFloatMatrix(const NpyArray& array);
// Rank-1 numeric array (C) -> owned float32 vector (a bias).
Result<Eigen::VectorXf> toFloatVector(const NpyArray& array);

// Rank-1 bool/integer array (N) -> int32 values; values outside int32 are refused (BadInput).
Result<std::vector<int32_t>> toInt32Vector(const NpyArray& array);

// Rank-1 Unicode ('<U', UTF-32 -> UTF-8) or Bytes ('|S') array -> strings without their NUL padding.
// Invalid code points (surrogates, > U+10FFFF) are refused (BadInput).
Result<std::vector<std::string>> toStrings(const NpyArray& array);

// Rank-3 uint8 array (N x h x w) -> ImageStack (C-order or Fortran-order accepted).
Result<ImageStack> toImages(const NpyArray& array);

}  // namespace lb
