#include "core/io/vec.h"

#include "core/io/load_space.h"
#include "tests/core/io/text_expected.h"

#include <cmath>

using namespace lb;
using namespace lb::test;

TEST_CASE("vec: gensim text, fastText and headerless CRLF files match the values gensim read", "[io]") {
    for (const char* name : {"gensim_text.vec", "fasttext.vec", "glove_crlf.txt"}) {
        SECTION(name) {
            Result<LatentSpace> r = loadSpace(textFixture(name));
            INFO((r ? std::string() : r.error().describe()));
            REQUIRE(r.isOk());
            checkAgainstExpected(*r, expectedText()[name]);
            CHECK(r->name == std::filesystem::path(name).stem().string());
            CHECK(r->path == textFixture(name));
        }
    }
}

TEST_CASE("vec: non-ASCII words are kept byte for byte", "[io]") {
    Result<LatentSpace> r = loadVec(textFixture("gensim_text.vec"));
    REQUIRE(r.isOk());
    const auto row = expectedText()["gensim_text.vec"]["word_cafe_row"].get<size_t>();
    CHECK(r->keys[row] == "caf\xc3\xa9");
}

TEST_CASE("vec: writeVec round trip is exact and uses fastText's layout", "[io]") {
    LatentSpace s;
    s.keys = {"alpha", "beta", "\xe6\x97\xa5"};
    RowMatrixXf X = randomMatrix(3, 4, 7);
    X(1, 2) = 1e-39f;  // a subnormal
    X(2, 0) = -3.4e38f;
    s.embeddings = Embeddings(X);
    TempDir dir;
    const std::string path = dir.file("out.vec");
    REQUIRE(writeVec(path, s).isOk());
    const std::string bytes = readFileBytes(path);
    CHECK(bytes.rfind("3 4\nalpha ", 0) == 0);
    CHECK(bytes.substr(bytes.size() - 2) == " \n");  // trailing space, as fastText writes
    Result<LatentSpace> back = loadVec(path);
    REQUIRE(back.isOk());
    CHECK(back->keys == s.keys);
    requireNear(back->embeddings.view(), X, 0.0);
}

TEST_CASE("vec: writeVec refuses spaces without keys or with unwritable keys", "[io]") {
    LatentSpace s;
    s.embeddings = Embeddings(randomMatrix(2, 2, 1));
    TempDir dir;
    CHECK(writeVec(dir.file("a.vec"), s).code() == ErrorCode::InvalidArgument);
    s.keys = {"ok", "two words"};
    CHECK(writeVec(dir.file("a.vec"), s).code() == ErrorCode::InvalidArgument);
    s.keys = {"ok", "fine"};
    CHECK(writeVec(dir.file("missing/dir/a.vec"), s).code() == ErrorCode::Io);
}

TEST_CASE("vec: tolerated layouts (trailing blanks, tabs, CRLF, no final newline, '+' sign, blank tail)", "[io]") {
    const std::string text = "2 3\r\nalpha\t1 +2.5\t-3e0  \r\nbeta .5 1e-50 1e50\r\n\r\n\n";
    Result<LatentSpace> r = parseVec(text.data(), text.size(), "mem.vec");
    INFO((r ? std::string() : r.error().describe()));
    REQUIRE(r.isOk());
    CHECK(r->keys == std::vector<std::string>{"alpha", "beta"});
    const ConstRowMatrixMap X = r->embeddings.view();
    CHECK(X(0, 1) == 2.5f);
    CHECK(X(0, 2) == -3.0f);
    CHECK(X(1, 0) == 0.5f);
    CHECK(X(1, 1) == 0.0f);  // underflow reads as zero, like strtof
    CHECK(std::isinf(X(1, 2)));
    const std::string noNewline = "1 2\nw 1 2";
    REQUIRE(parseVec(noNewline.data(), noNewline.size(), "x.vec").isOk());
}

TEST_CASE("vec: malformed files are refused with BadInput naming the file", "[io]") {
    SECTION("empty") {
        requireBadFile(loadSpace(textFixture("bad_empty.vec")), ErrorCode::BadInput, "bad_empty.vec");
    }
    SECTION("ragged row names its line") {
        Result<LatentSpace> r = loadSpace(textFixture("bad_ragged.vec"));
        requireBadFile(r, ErrorCode::BadInput, "bad_ragged.vec");
        CHECK(r.error().message.find("line 3") != std::string::npos);
    }
    SECTION("non-numeric value") {
        Result<LatentSpace> r = loadSpace(textFixture("bad_nonnumeric.vec"));
        requireBadFile(r, ErrorCode::BadInput, "bad_nonnumeric.vec");
        CHECK(r.error().message.find("five") != std::string::npos);
    }
    SECTION("header announces more rows than the file has") {
        requireBadFile(loadSpace(textFixture("bad_header_more.vec")), ErrorCode::BadInput, "bad_header_more.vec");
    }
    SECTION("header announces fewer rows than the file has") {
        requireBadFile(loadSpace(textFixture("bad_header_fewer.vec")), ErrorCode::BadInput, "bad_header_fewer.vec");
    }
    SECTION("header claims more values than the file can hold (refused before allocating)") {
        Result<LatentSpace> r = loadSpace(textFixture("bad_huge_header.vec"));
        requireBadFile(r, ErrorCode::BadInput, "bad_huge_header.vec");
        CHECK(r.error().message.find("can hold") != std::string::npos);
    }
    SECTION("duplicate word") {
        requireBadFile(loadSpace(textFixture("bad_duplicate.vec")), ErrorCode::BadInput, "bad_duplicate.vec");
    }
    SECTION("missing file is an Io error") {
        requireBadFile(loadSpace(textFixture("no_such_file.vec")), ErrorCode::Io, "no_such_file.vec");
    }
}

TEST_CASE("vec: in-memory edge cases", "[io]") {
    const auto bad = [](const std::string& text) {
        Result<LatentSpace> r = parseVec(text.data(), text.size(), "edge.vec");
        INFO(text);
        requireBadFile(r, ErrorCode::BadInput, "edge.vec");
        return r.error().message;
    };
    bad("\n");                                                // blank first line
    bad("7\nw 1\n");                                          // one-token header
    bad("0 3\n");                                             // header with no data
    bad("2 1\na 1\n\nb 2\n");                                 // blank line between rows
    bad("1 2\n a 1 2\n");                                     // row without word
    bad("1 2\na 1 2x\n");                                     // trailing garbage after a number
    bad("1 2\na 1 0x10\n");                                   // hex is not a decimal float
    bad("1 2\na 1 --2\n");                                    // double sign
    bad("a 1 2\nb 3\nc 4 5\n");                               // headerless, ragged
    bad("18446744073709551615 18446744073709551615\na 1\n");  // N * D overflows 64 bits
    CHECK(bad("2 2\na 1 2\nb 3 4 5\n").find("line 3") != std::string::npos);
}

TEST_CASE("vec: NaN/Inf rows are reported, or dropped with their keys", "[io]") {
    const auto& e = expectedText()["nan_rows.vec"];
    Result<LatentSpace> kept = loadSpace(textFixture("nan_rows.vec"));
    REQUIRE(kept.isOk());
    CHECK(kept->n() == e["n"].get<Index>());
    const NonFiniteReport nf = findNonFiniteRows(*kept);
    CHECK(nf.count == e["non_finite_rows"].get<Index>());
    CHECK(nf.firstRows == e["first_non_finite_rows"].get<std::vector<Index>>());
    REQUIRE(kept->warnings.size() == 1);
    CHECK(kept->warnings[0].message.find("2 rows contain NaN/Inf (first rows: 1, 3)") != std::string::npos);

    LoadOptions drop;
    drop.dropNonFinite = true;
    Result<LatentSpace> dropped = loadSpace(textFixture("nan_rows.vec"), drop);
    REQUIRE(dropped.isOk());
    CHECK(dropped->keys == e["kept_keys"].get<std::vector<std::string>>());
    CHECK(dropped->texts == dropped->keys);
    CHECK(dropped->embeddings.view().cast<double>().sum() == Approx(e["kept_sum"].get<double>()));
    CHECK(findNonFiniteRows(*dropped).count == 0);
    CHECK_FALSE(dropped->warnings.empty());
}
