// Writing .npz (core/io/npz_writer.h): a space written and read back (core/io/npz.h checks every stored member's
// CRC-32) keeps its rows, keys (non-ASCII ones too), labels and label names; bad input is refused.
// NumPy's np.load reading the same archives is checked in tests/cli/merge_test.sh.
#include "core/io/npz_writer.h"

#include "core/io/load_space.h"
#include "core/io/npz.h"
#include "tests/support/test_helpers.h"

#include <catch2/catch.hpp>

using namespace lb;

TEST_CASE("npz writer: a space round-trips through the reader", "[io][npz_writer]") {
    test::TempDir dir;
    const RowMatrixXf x = test::randomMatrix(7, 3, 11);
    const std::vector<std::string> keys{"a", "b", "ça", "日本", "emoji 😀", "f", "a longer key than the others"};
    const std::vector<int32_t> labels{0, 1, 2, 0, 1, 2, 0};
    const std::vector<std::string> names{"zero", "one", "two"};
    const std::string path = dir.file("space.npz");
    REQUIRE(writeNpzSpace(path, x, keys, labels, names).isOk());
    Result<LatentSpace> s = loadSpace(path);
    INFO((s ? std::string() : s.error().describe()));
    REQUIRE(s.isOk());
    CHECK(s->n() == 7);
    CHECK(s->d() == 3);
    test::requireNear(RowMatrixXf(s->embeddings.view()), x, 0.0);
    CHECK(s->keys == keys);
    CHECK(s->labels == labels);
    CHECK(s->labelNames == names);
    Result<NpzFile> npz = NpzFile::openFile(path);
    REQUIRE(npz.isOk());
    CHECK(npz->names().size() == 4);

    // A column block (outer stride ≠ columns) and no metadata: embeddings only.
    const RowMatrixXf wide = test::randomMatrix(5, 6, 12);
    REQUIRE(writeNpzSpace(dir.file("block.npz"), wide.leftCols(2), {}, {}, {}).isOk());
    Result<LatentSpace> block = loadSpace(dir.file("block.npz"));
    REQUIRE(block.isOk());
    test::requireNear(RowMatrixXf(block->embeddings.view()), RowMatrixXf(wide.leftCols(2)), 0.0);
    CHECK(!block->hasKeys());
    CHECK(!block->hasLabels());
}

TEST_CASE("npz writer: refusals", "[io][npz_writer]") {
    test::TempDir dir;
    CHECK(writeNpz(dir.file("empty.npz"), {}).code() == ErrorCode::InvalidArgument);
    const std::string bytes = npyBytes(std::vector<int32_t>{1, 2});
    CHECK(writeNpz(dir.file("twice.npz"), {{"a", bytes}, {"a", bytes}}).code() == ErrorCode::InvalidArgument);
    CHECK(writeNpz(dir.file("unnamed.npz"), {{"", bytes}}).code() == ErrorCode::InvalidArgument);
    for (const char* bad : {"\xff", "\xc0\xaf", "\xe2\x82", "\xed\xa0\x80"}) {  // invalid, overlong, cut, surrogate
        Result<std::string> r = npyBytes(std::vector<std::string>{"ok", bad});
        CHECK(!r.isOk());
    }
    const Status st = writeNpzSpace(dir.file("bad_keys.npz"), test::randomMatrix(2, 2, 1), {"ok", "\xff"}, {}, {});
    REQUIRE(!st.isOk());
    CHECK(st.error().message.find("keys") != std::string::npos);
    CHECK(writeNpzSpace(dir.file("missing/dir/x.npz"), test::randomMatrix(2, 2, 1), {}, {}, {}).code() ==
          ErrorCode::Io);
}
