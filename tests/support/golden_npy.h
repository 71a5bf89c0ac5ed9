// Reader for the .npy golden files written by tests/data/golden/make_golden_relative.py (independent NumPy
// implementations of docs/methods.md §1 and §2, float64).
#pragma once

#include "core/io/npy.h"
#include "core/types.h"

#include "tests/support/test_helpers.h"

#include <cstring>
#include <string>

namespace lb::test {

// tests/data/<dir><name>.npy (by default golden/relative/), a little-endian C-order float32 or float64 array, as a
// double matrix (rank 1 -> one column).
inline RowMatrixXd readGoldenNpy(const std::string& name, const std::string& dir = "golden/relative/") {
    const std::string path = dataPath(dir + name + ".npy");
    Result<NpyArray> a = readNpyFile(path);
    INFO(path);
    REQUIRE(a.isOk());
    REQUIRE((!a->bigEndian && !a->fortranOrder && (a->rank() == 1 || a->rank() == 2)));
    const auto rows = static_cast<Index>(a->shape[0]);
    const Index cols = a->rank() == 2 ? static_cast<Index>(a->shape[1]) : 1;
    RowMatrixXd m(rows, cols);
    for (Index i = 0; i < m.size(); ++i) {
        if (a->dtype == DType::Float64) {
            std::memcpy(&m.data()[i], a->data + 8 * i, 8);
        } else {
            REQUIRE(a->dtype == DType::Float32);
            float f;
            std::memcpy(&f, a->data + 4 * i, 4);
            m.data()[i] = f;
        }
    }
    return m;
}

}  // namespace lb::test
