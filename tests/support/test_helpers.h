// Helpers shared by the tests: fixture paths, temporary files, matrix comparisons that say where they differ.
#pragma once

#include "core/types.h"
#include "tests/support/test_paths.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace lb::test {

// A fresh directory under the system temp dir, removed when the object dies.
class TempDir {
   public:
    TempDir() {
        std::random_device rd;
        m_path = std::filesystem::temp_directory_path() / ("lb_test_" + std::to_string(rd()) + std::to_string(rd()));
        std::filesystem::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    std::string file(const std::string& name) const { return (m_path / name).string(); }
    // Writes `bytes` to a new file in this directory and returns its path.
    std::string write(const std::string& name, const std::string& bytes) const {
        std::ofstream out(file(name), std::ios::binary);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        return file(name);
    }

   private:
    std::filesystem::path m_path;
};

inline std::string readFileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

// Seeded N x D Gaussian matrix.
inline RowMatrixXf randomMatrix(Index n, Index d, unsigned seed) {
    std::mt19937 rng(seed);
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    RowMatrixXf m(n, d);
    for (Index i = 0; i < m.size(); ++i) m.data()[i] = gauss(rng);
    return m;
}

// Seeded D x D random orthogonal matrix (QR of a Gaussian matrix).
inline Eigen::MatrixXf randomRotation(Index d, unsigned seed) {
    const RowMatrixXf g = randomMatrix(d, d, seed);
    Eigen::HouseholderQR<Eigen::MatrixXf> qr(g);
    return qr.householderQ();
}

// REQUIRE that A and B have the same shape and |A_ij - B_ij| <= eps, printing the first (i, j) that differs.
template <class A, class B>
void requireNear(const Eigen::MatrixBase<A>& aExpr, const Eigen::MatrixBase<B>& bExpr, double eps) {
    // Evaluated once: reading a product expression coefficient by coefficient would redo the product each time.
    const typename A::PlainObject a = aExpr;
    const typename B::PlainObject b = bExpr;
    REQUIRE(a.rows() == b.rows());
    REQUIRE(a.cols() == b.cols());
    for (Index i = 0; i < a.rows(); ++i)
        for (Index j = 0; j < a.cols(); ++j) {
            const double x = static_cast<double>(a(i, j));
            const double y = static_cast<double>(b(i, j));
            if (!(std::abs(x - y) <= eps)) {
                INFO("mismatch at (" << i << ", " << j << "): " << x << " vs " << y << ", eps " << eps);
                REQUIRE(std::abs(x - y) <= eps);
            }
        }
}

}  // namespace lb::test
