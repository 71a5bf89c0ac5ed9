// Small helpers shared by the binary readers: unaligned little/big-endian loads and overflow-checked sizes.
// Header-only; pure; any thread. The readers assume a little-endian host (checked at compile time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "latentbridge readers assume a little-endian host"
#endif

namespace lb::io {

inline uint16_t byteSwap(uint16_t v) {
    return __builtin_bswap16(v);
}
inline uint32_t byteSwap(uint32_t v) {
    return __builtin_bswap32(v);
}
inline uint64_t byteSwap(uint64_t v) {
    return __builtin_bswap64(v);
}

// Reads an unsigned integer of type T stored at p (any alignment), little-endian.
template <class T>
inline T loadLE(const uint8_t* p) {
    T v;
    std::memcpy(&v, p, sizeof(T));
    return v;
}

// Reads the raw bits of a sizeof(T)-byte element at p, swapping the bytes when `swap` (big-endian data).
template <class T>
inline T loadElement(const uint8_t* p, bool swap) {
    static_assert(sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8, "element size");
    if constexpr (sizeof(T) == 1) {
        T v;
        std::memcpy(&v, p, 1);
        return v;
    } else {
        using U = std::conditional_t<sizeof(T) == 2, uint16_t, std::conditional_t<sizeof(T) == 4, uint32_t, uint64_t>>;
        U bits;
        std::memcpy(&bits, p, sizeof(U));
        if (swap) bits = byteSwap(bits);
        T v;
        std::memcpy(&v, &bits, sizeof(T));
        return v;
    }
}

// a * b into *out; false on overflow. Used on every size a file header claims before anything is allocated.
inline bool mulOverflow(uint64_t a, uint64_t b, uint64_t* out) {
    return __builtin_mul_overflow(a, b, out);
}
inline bool addOverflow(uint64_t a, uint64_t b, uint64_t* out) {
    return __builtin_add_overflow(a, b, out);
}

}  // namespace lb::io
