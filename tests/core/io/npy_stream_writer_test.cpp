// Streaming .npy writer: blocks in order give the same file as one write; unfinished streams leave nothing.

#include "core/io/npy_stream_writer.h"
#include "core/io/npy.h"

#include "tests/support/test_helpers.h"

#include <filesystem>

using namespace lb;

TEST_CASE("streamed .npy equals the matrix written in blocks and reads back", "[io]") {
    test::TempDir dir;
    const RowMatrixXf m = test::randomMatrix(23, 5, 41);
    const std::string path = dir.file("s.npy");
    {
        Result<NpyStreamWriter> w = NpyStreamWriter::open(path, 23, 5);
        REQUIRE(w.isOk());
        REQUIRE(w->writeRows(m.topRows(10)).isOk());
        REQUIRE(w->writeRows(m.middleRows(10, 0)).isOk());
        // A column block has an outer stride: written row by row.
        RowMatrixXf wide(13, 8);
        wide.leftCols(5) = m.bottomRows(13);
        REQUIRE(w->writeRows(wide.leftCols(5)).isOk());
        CHECK_FALSE(std::filesystem::exists(path));  // nothing visible before finish()
        REQUIRE(w->finish().isOk());
    }
    Result<NpyArray> a = readNpyFile(path);
    REQUIRE(a.isOk());
    CHECK(a->shape == std::vector<uint64_t>{23, 5});
    Result<RowMatrixXf> back = toFloatMatrix(*a);
    REQUIRE(back.isOk());
    test::requireNear(*back, m, 0.0);
    // Same bytes as the one-shot writer.
    REQUIRE(writeNpy(dir.file("w.npy"), m).isOk());
    CHECK(test::readFileBytes(path) == test::readFileBytes(dir.file("w.npy")));
}

TEST_CASE("streamed .npy refuses wrong shapes and cleans up unfinished files", "[io]") {
    test::TempDir dir;
    const std::string path = dir.file("u.npy");
    {
        Result<NpyStreamWriter> w = NpyStreamWriter::open(path, 4, 3);
        REQUIRE(w.isOk());
        CHECK(w->writeRows(test::randomMatrix(2, 4, 1)).code() == ErrorCode::InvalidArgument);
        CHECK(w->writeRows(test::randomMatrix(5, 3, 1)).code() == ErrorCode::InvalidArgument);
        REQUIRE(w->writeRows(test::randomMatrix(2, 3, 1)).isOk());
        CHECK(w->finish().code() == ErrorCode::InvalidArgument);  // 2 of 4 rows
    }
    {
        Result<NpyStreamWriter> w = NpyStreamWriter::open(path, 4, 3);
        REQUIRE(w.isOk());
        REQUIRE(w->writeRows(test::randomMatrix(1, 3, 1)).isOk());
    }  // destroyed unfinished
    CHECK(std::distance(std::filesystem::directory_iterator(dir.file("")), std::filesystem::directory_iterator()) == 0);
    CHECK(NpyStreamWriter::open(dir.file("no/such/dir/x.npy"), 1, 1).error().code == ErrorCode::Io);
}
