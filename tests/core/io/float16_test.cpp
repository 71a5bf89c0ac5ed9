#include "core/io/float16.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <cstring>

using namespace lb;

// Independent reference: decode binary16 with ldexp (exact in double), no bit tricks.
static double referenceHalf(uint16_t h) {
    const int sign = (h >> 15) ? -1 : 1;
    const int e = (h >> 10) & 0x1F;
    const int m = h & 0x3FF;
    if (e == 0) return sign * std::ldexp(static_cast<double>(m), -24);
    if (e == 31) return m == 0 ? sign * INFINITY : NAN;
    return sign * std::ldexp(1024.0 + m, e - 25);
}

TEST_CASE("halfToFloat matches an ldexp decoding on all 65536 values", "[io]") {
    for (uint32_t h = 0; h <= 0xFFFF; ++h) {
        const float got = io::halfToFloat(static_cast<uint16_t>(h));
        const double want = referenceHalf(static_cast<uint16_t>(h));
        INFO("half bits 0x" << std::hex << h);
        if (std::isnan(want)) {
            REQUIRE(std::isnan(got));
        } else {
            REQUIRE(static_cast<double>(got) == want);
            REQUIRE(std::signbit(got) == ((h & 0x8000) != 0));  // -0 stays -0
        }
    }
}

TEST_CASE("halfToFloat keeps NaN payloads quiet and bfloat16 is the upper float half", "[io]") {
    const float nan = io::halfToFloat(0x7C01);  // signalling half NaN
    uint32_t bits;
    std::memcpy(&bits, &nan, 4);
    CHECK((bits & 0x00400000u) != 0);  // quiet bit set
    CHECK(io::halfToFloat(0x0001) == std::ldexp(1.0f, -24));
    CHECK(io::bfloat16ToFloat(0x3F80) == 1.0f);
    CHECK(io::bfloat16ToFloat(0xC000) == -2.0f);
    CHECK(std::isinf(io::bfloat16ToFloat(0x7F80)));
}
