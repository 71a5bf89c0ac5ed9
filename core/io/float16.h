// Conversions of 16-bit floats to float32: IEEE 754 binary16 (numpy float16, safetensors F16) and bfloat16
// (safetensors BF16). Exact: every 16-bit value, including subnormals, +-Inf and NaN, has a float32 twin.
// Pure; any thread; a few integer operations per value.
#pragma once

#include <cstdint>

namespace lb::io {

// binary16 bits -> float32 value. Subnormal halves become normal floats; NaN payloads are kept (quieted).
float halfToFloat(uint16_t bits);

// bfloat16 bits -> float32: bfloat16 is the upper half of a float32, so this is a shift.
float bfloat16ToFloat(uint16_t bits);

}  // namespace lb::io
