// Include FIRST (before any Eigen header) in translation units that run Eigen GEMMs.
//
// GCC 12 with -march=native on AVX-512 machines reports false "may be used uninitialized" warnings inside
// the AVX-512 intrinsics that Eigen's matrix-product kernels inline (GCC bug 105593: `__Y = __Y` in
// avx512fintrin.h). They would fail -Werror builds. The pragma must precede the intrinsics headers because
// GCC applies it by source position; it only silences this one warning class, for the rest of the file.
#pragma once

#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 12
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
