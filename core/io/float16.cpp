#include "core/io/float16.h"

#include <cstring>

namespace lb::io {

static float fromBits(uint32_t bits) {
    float f;
    std::memcpy(&f, &bits, sizeof f);
    return f;
}

float halfToFloat(uint16_t h) {
    const uint32_t sign = static_cast<uint32_t>(h & 0x8000u) << 16;
    const uint32_t exponent = (h >> 10) & 0x1Fu;
    uint32_t mantissa = h & 0x3FFu;
    if (exponent == 0x1F) {
        // Inf (mantissa 0) or NaN: keep the payload in the top mantissa bits and set the quiet bit so a
        // signalling half never turns into a signalling float (which could trap under FP exceptions).
        if (mantissa == 0) return fromBits(sign | 0x7F800000u);
        return fromBits(sign | 0x7FC00000u | (mantissa << 13));
    }
    if (exponent == 0) {
        if (mantissa == 0) return fromBits(sign);  // +-0
        // Subnormal half: value = mantissa * 2^-24. Normalise: shift until the implicit bit (bit 10) is set,
        // lowering the exponent once per shift. Half exponent bias 15, float bias 127: a normal half with
        // exponent e maps to float exponent e - 15 + 127; a subnormal starts from e = 1.
        int e = 1;
        while ((mantissa & 0x400u) == 0) {
            mantissa <<= 1;
            --e;
        }
        mantissa &= 0x3FFu;
        return fromBits(sign | (static_cast<uint32_t>(e - 15 + 127) << 23) | (mantissa << 13));
    }
    return fromBits(sign | ((exponent - 15 + 127) << 23) | (mantissa << 13));
}

float bfloat16ToFloat(uint16_t bits) {
    return fromBits(static_cast<uint32_t>(bits) << 16);
}

}  // namespace lb::io
