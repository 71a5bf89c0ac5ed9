#include "core/io/npy_array.h"

#include "core/io/byte_order.h"
#include "core/io/float16.h"

#include <limits>
#include <type_traits>

namespace lb {

using io::loadElement;

const char* dtypeName(DType t) {
    switch (t) {
        case DType::Bool: return "bool";
        case DType::Int8: return "int8";
        case DType::Int16: return "int16";
        case DType::Int32: return "int32";
        case DType::Int64: return "int64";
        case DType::UInt8: return "uint8";
        case DType::UInt16: return "uint16";
        case DType::UInt32: return "uint32";
        case DType::UInt64: return "uint64";
        case DType::Float16: return "float16";
        case DType::BFloat16: return "bfloat16";
        case DType::Float32: return "float32";
        case DType::Float64: return "float64";
        case DType::Unicode: return "unicode";
        case DType::Bytes: return "bytes";
    }
    return "unknown";
}

bool isFloatType(DType t) {
    return t == DType::Float16 || t == DType::BFloat16 || t == DType::Float32 || t == DType::Float64;
}

bool isIntegerType(DType t) {
    return !isFloatType(t) && t != DType::Unicode && t != DType::Bytes;
}

uint64_t NpyArray::count() const {
    uint64_t n = 1;
    for (uint64_t s : shape) n *= s;  // readers guarantee no overflow before an NpyArray exists
    return n;
}

std::string NpyArray::what() const {
    return name.empty() ? std::string("array") : "array '" + name + "'";
}

static Error arrayError(const NpyArray& a, const std::string& message) {
    return badInput(a.path, a.what() + " " + message);
}

static std::string shapeText(const NpyArray& a) {
    std::string s = "(";
    for (size_t i = 0; i < a.shape.size(); ++i) s += (i ? ", " : "") + std::to_string(a.shape[i]);
    return s + (a.shape.size() == 1 ? ",)" : ")");
}

static Status requireRank(const NpyArray& a, size_t rank, const char* layout) {
    if (a.rank() != rank)
        return arrayError(a, "must have rank " + std::to_string(rank) + " (" + layout + "), got shape " + shapeText(a));
    return Status::ok();
}

// One stored element converted to float; one instantiation per stored type (the tags select the 16-bit
// float formats) so the conversion loops have no per-element switch.
struct HalfTag {};
struct BFloatTag {};

template <class Tag>
static float convertOne(const uint8_t* p, bool swap) {
    if constexpr (std::is_same_v<Tag, HalfTag>)
        return io::halfToFloat(loadElement<uint16_t>(p, swap));
    else if constexpr (std::is_same_v<Tag, BFloatTag>)
        return io::bfloat16ToFloat(loadElement<uint16_t>(p, swap));
    else if constexpr (std::is_same_v<Tag, bool>)
        return p[0] != 0 ? 1.0f : 0.0f;
    // float64 beyond the float32 range becomes +-Inf (IEEE rounding), reported later as a non-finite row.
    else
        return static_cast<float>(loadElement<Tag>(p, swap));
}

// Converts an R x C array (rank 2) or a length-R vector (C = 1) into row-major float32 at `out`.
template <class Tag>
static void convertTo(const NpyArray& a, float* out, uint64_t rows, uint64_t cols) {
    const uint8_t* p = a.data;
    const size_t step = a.itemSize;
    const uint64_t total = rows * cols;
    // An empty array can still claim a huge other dimension ("shape": (0, 2**62)): the column loop below
    // would then spin through it for nothing.
    if (total == 0) return;
    if (!a.fortranOrder || cols == 1 || rows == 1) {
        for (uint64_t k = 0; k < total; ++k) out[k] = convertOne<Tag>(p + k * step, a.bigEndian);
        return;
    }
    // Fortran order: storage walks down each column; element k is (k % rows, k / rows).
    for (uint64_t j = 0; j < cols; ++j)
        for (uint64_t i = 0; i < rows; ++i) out[i * cols + j] = convertOne<Tag>(p + (j * rows + i) * step, a.bigEndian);
}

static bool convertNumeric(const NpyArray& a, float* out, uint64_t rows, uint64_t cols) {
    switch (a.dtype) {
        case DType::Bool: convertTo<bool>(a, out, rows, cols); return true;
        case DType::Int8: convertTo<int8_t>(a, out, rows, cols); return true;
        case DType::Int16: convertTo<int16_t>(a, out, rows, cols); return true;
        case DType::Int32: convertTo<int32_t>(a, out, rows, cols); return true;
        case DType::Int64: convertTo<int64_t>(a, out, rows, cols); return true;
        case DType::UInt8: convertTo<uint8_t>(a, out, rows, cols); return true;
        case DType::UInt16: convertTo<uint16_t>(a, out, rows, cols); return true;
        case DType::UInt32: convertTo<uint32_t>(a, out, rows, cols); return true;
        case DType::UInt64: convertTo<uint64_t>(a, out, rows, cols); return true;
        case DType::Float16: convertTo<HalfTag>(a, out, rows, cols); return true;
        case DType::BFloat16: convertTo<BFloatTag>(a, out, rows, cols); return true;
        case DType::Float32: convertTo<float>(a, out, rows, cols); return true;
        case DType::Float64: convertTo<double>(a, out, rows, cols); return true;
        case DType::Unicode:
        case DType::Bytes: return false;
    }
    return false;
}

static Status checkIndexRange(const NpyArray& a) {
    // Eigen indexes with ptrdiff_t; a dimension beyond that cannot come from a file we could map anyway.
    for (uint64_t s : a.shape)
        if (s > static_cast<uint64_t>(std::numeric_limits<Index>::max()))
            return arrayError(a, "has a dimension too large for this machine");
    return Status::ok();
}

Result<RowMatrixXf> toFloatMatrix(const NpyArray& a) {
    if (Status s = requireRank(a, 2, "rows x columns"); !s) return s;
    if (Status s = checkIndexRange(a); !s) return s;
    if (!isFloatType(a.dtype) && !isIntegerType(a.dtype))
        return arrayError(a, std::string("must be numeric, got ") + dtypeName(a.dtype));
    RowMatrixXf m(static_cast<Index>(a.shape[0]), static_cast<Index>(a.shape[1]));
    convertNumeric(a, m.data(), a.shape[0], a.shape[1]);
    return m;
}

Result<Eigen::VectorXf> toFloatVector(const NpyArray& a) {
    if (Status s = requireRank(a, 1, "one value per entry"); !s) return s;
    if (Status s = checkIndexRange(a); !s) return s;
    if (!isFloatType(a.dtype) && !isIntegerType(a.dtype))
        return arrayError(a, std::string("must be numeric, got ") + dtypeName(a.dtype));
    Eigen::VectorXf v(static_cast<Index>(a.shape[0]));
    convertNumeric(a, v.data(), a.shape[0], 1);
    return v;
}

Result<Embeddings> toEmbeddings(const NpyArray& a) {
    if (Status s = requireRank(a, 2, "N samples x D dimensions"); !s) return s;
    if (Status s = checkIndexRange(a); !s) return s;
    if (!isFloatType(a.dtype))
        return arrayError(
            a, std::string("must hold float16, bfloat16, float32 or float64 embeddings, got ") + dtypeName(a.dtype));
    const auto rows = static_cast<Index>(a.shape[0]);
    const auto cols = static_cast<Index>(a.shape[1]);
    const bool aligned = reinterpret_cast<uintptr_t>(a.data) % alignof(float) == 0;
    if (a.dtype == DType::Float32 && !a.bigEndian && (!a.fortranOrder || rows <= 1 || cols <= 1) && aligned)
        return Embeddings(reinterpret_cast<const float*>(a.data), rows, cols, a.keepAlive);
    RowMatrixXf m(rows, cols);
    convertNumeric(a, m.data(), a.shape[0], a.shape[1]);
    return Embeddings(std::move(m));
}

template <class T>
static bool readIntegers(const NpyArray& a, std::vector<int32_t>& out, size_t& badIndex) {
    for (size_t k = 0; k < out.size(); ++k) {
        const T v = loadElement<T>(a.data + k * a.itemSize, a.bigEndian);
        if constexpr (std::is_signed_v<T>) {
            if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max()) {
                badIndex = k;
                return false;
            }
        } else if (static_cast<uint64_t>(v) > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
            badIndex = k;
            return false;
        }
        out[k] = static_cast<int32_t>(v);
    }
    return true;
}

Result<std::vector<int32_t>> toInt32Vector(const NpyArray& a) {
    if (Status s = requireRank(a, 1, "one value per row"); !s) return s;
    if (!isIntegerType(a.dtype)) return arrayError(a, std::string("must hold integers, got ") + dtypeName(a.dtype));
    std::vector<int32_t> out(static_cast<size_t>(a.shape[0]));
    size_t bad = 0;
    bool ok = true;
    switch (a.dtype) {
        case DType::Bool:
            for (size_t k = 0; k < out.size(); ++k) out[k] = a.data[k] != 0 ? 1 : 0;
            break;
        case DType::Int8: ok = readIntegers<int8_t>(a, out, bad); break;
        case DType::Int16: ok = readIntegers<int16_t>(a, out, bad); break;
        case DType::Int32: ok = readIntegers<int32_t>(a, out, bad); break;
        case DType::Int64: ok = readIntegers<int64_t>(a, out, bad); break;
        case DType::UInt8: ok = readIntegers<uint8_t>(a, out, bad); break;
        case DType::UInt16: ok = readIntegers<uint16_t>(a, out, bad); break;
        case DType::UInt32: ok = readIntegers<uint32_t>(a, out, bad); break;
        case DType::UInt64: ok = readIntegers<uint64_t>(a, out, bad); break;
        default: break;
    }
    if (!ok)
        return badInput(a.path, a.what() + " holds a value outside the int32 range", "entry " + std::to_string(bad));
    return out;
}

static void appendUtf8(std::string& s, uint32_t cp) {
    if (cp < 0x80) {
        s += static_cast<char>(cp);
    } else if (cp < 0x800) {
        s += static_cast<char>(0xC0 | (cp >> 6));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        s += static_cast<char>(0xF0 | (cp >> 18));
        s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

Result<std::vector<std::string>> toStrings(const NpyArray& a) {
    if (Status s = requireRank(a, 1, "one string per row"); !s) return s;
    if (a.dtype != DType::Unicode && a.dtype != DType::Bytes)
        return arrayError(a, std::string("must hold strings, got ") + dtypeName(a.dtype));
    std::vector<std::string> out(static_cast<size_t>(a.shape[0]));
    for (size_t k = 0; k < out.size(); ++k) {
        const uint8_t* p = a.data + k * a.itemSize;
        if (a.dtype == DType::Bytes) {
            size_t len = a.itemSize;
            while (len > 0 && p[len - 1] == 0) --len;  // numpy pads with NULs and strips them on read
            out[k].assign(reinterpret_cast<const char*>(p), len);
            continue;
        }
        size_t units = a.itemSize / 4;
        while (units > 0 && loadElement<uint32_t>(p + (units - 1) * 4, a.bigEndian) == 0) --units;
        std::string& s = out[k];
        s.reserve(units);
        for (size_t u = 0; u < units; ++u) {
            const uint32_t cp = loadElement<uint32_t>(p + u * 4, a.bigEndian);
            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                return badInput(a.path, a.what() + " holds an invalid Unicode code point",
                                "entry " + std::to_string(k));
            appendUtf8(s, cp);
        }
    }
    return out;
}

Result<ImageStack> toImages(const NpyArray& a) {
    if (Status s = requireRank(a, 3, "N x height x width"); !s) return s;
    if (a.dtype != DType::UInt8) return arrayError(a, std::string("must hold uint8 pixels, got ") + dtypeName(a.dtype));
    if (a.shape[1] > 65535 || a.shape[2] > 65535) return arrayError(a, "has thumbnails larger than 65535 pixels");
    if (a.shape[0] > 0 && (a.shape[1] == 0 || a.shape[2] == 0))
        return arrayError(a, "has thumbnails of " + std::to_string(a.shape[1]) + " x " + std::to_string(a.shape[2]) +
                                 " pixels: nothing to show");
    ImageStack images;
    images.height = static_cast<int>(a.shape[1]);
    images.width = static_cast<int>(a.shape[2]);
    const size_t n = a.shape[0], h = a.shape[1], w = a.shape[2];
    if (!a.fortranOrder || n * h * w == 0) {  // empty: no loop over a dimension that holds nothing
        images.pixels.assign(a.data, a.data + n * h * w);
        return images;
    }
    images.pixels.resize(n * h * w);
    // Fortran order: element (i, y, x) is stored at i + n * (y + h * x).
    for (size_t x = 0; x < w; ++x)
        for (size_t y = 0; y < h; ++y)
            for (size_t i = 0; i < n; ++i) images.pixels[(i * h + y) * w + x] = a.data[i + n * (y + h * x)];
    return images;
}

}  // namespace lb
