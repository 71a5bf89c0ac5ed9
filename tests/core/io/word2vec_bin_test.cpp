#include "core/io/word2vec_bin.h"

#include "core/io/load_space.h"
#include "core/io/vec.h"
#include "tests/core/io/text_expected.h"

#include <cstring>

using namespace lb;
using namespace lb::test;

static Result<LatentSpace> parseBytes(const std::string& bytes) {
    return parseWord2VecBin(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), "mem.bin");
}

static std::string floatBytes(std::initializer_list<float> values) {
    std::string out;
    for (float v : values) out.append(reinterpret_cast<const char*>(&v), 4);  // little-endian host
    return out;
}

TEST_CASE("w2v bin: gensim binary matches the values gensim read, and the text twin", "[io]") {
    Result<LatentSpace> r = loadSpace(textFixture("gensim_binary.bin"));
    INFO((r ? std::string() : r.error().describe()));
    REQUIRE(r.isOk());
    checkAgainstExpected(*r, expectedText()["gensim_binary.bin"]);
    CHECK(r->name == "gensim_binary");
    // gensim wrote the same vectors as text: both loaders must agree exactly.
    Result<LatentSpace> text = loadVec(textFixture("gensim_text.vec"));
    REQUIRE(text.isOk());
    CHECK(text->keys == r->keys);
    requireNear(text->embeddings.view(), r->embeddings.view(), 0.0);
}

TEST_CASE("w2v bin: records with the '\\n' word2vec writes after each vector", "[io]") {
    const std::string bytes =
        "2 2\r\nab " + floatBytes({1.0f, -2.0f}) + "\nc\xc3\xa9 " + floatBytes({3.0f, 4.5f}) + "\n";
    Result<LatentSpace> r = parseBytes(bytes);
    INFO((r ? std::string() : r.error().describe()));
    REQUIRE(r.isOk());
    CHECK(r->keys == std::vector<std::string>{"ab", "c\xc3\xa9"});
    CHECK(r->embeddings.view()(1, 1) == 4.5f);
    CHECK(r->dtype == "float32");
}

TEST_CASE("w2v bin: malformed files are refused with BadInput naming the file", "[io]") {
    SECTION("truncated vector") {
        Result<LatentSpace> r = loadSpace(textFixture("bad_truncated.bin"));
        requireBadFile(r, ErrorCode::BadInput, "bad_truncated.bin");
        CHECK(r.error().message.find("truncated") != std::string::npos);
    }
    SECTION("header announces more records than present") {
        requireBadFile(loadSpace(textFixture("bad_header_more.bin")), ErrorCode::BadInput, "bad_header_more.bin");
    }
    SECTION("edge cases in memory") {
        const std::string one = "ab " + floatBytes({1.0f, 2.0f});
        for (const std::string& bytes : {std::string(), std::string("2 2"), std::string("x 2\n") + one,
                                         std::string("1 0\n"), std::string("1 2 3\n") + one,
                                         std::string("1 2\n") + one + "junk",  // more data than announced
                                         std::string("2 2\n") + one + " " + floatBytes({1, 2}),      // empty word
                                         std::string("1 2\nab") + floatBytes({1.0f, 2.0f}),          // no space
                                         std::string("1 2\nab ") + floatBytes({1.0f}),               // short vector
                                         std::string("2 2\n") + one + "\nab " + floatBytes({3, 4}),  // dup word
                                         std::string("4000000000 300\n") + one}) {
            Result<LatentSpace> r = parseBytes(bytes);
            INFO("input of " << bytes.size() << " bytes");
            requireBadFile(r, ErrorCode::BadInput, "mem.bin");
        }
    }
}

TEST_CASE("w2v bin: NaN rows are reported or dropped", "[io]") {
    const float nan = std::numeric_limits<float>::quiet_NaN();
    const std::string bytes = "3 1\na " + floatBytes({1.0f}) + "b " + floatBytes({nan}) + "c " + floatBytes({2.0f});
    Result<LatentSpace> r = parseBytes(bytes);
    REQUIRE(r.isOk());
    CHECK(findNonFiniteRows(*r).firstRows == std::vector<Index>{1});
    CHECK(r->warnings.size() == 1);
    LoadOptions drop;
    drop.dropNonFinite = true;
    Result<LatentSpace> d =
        parseWord2VecBin(reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(), "mem.bin", drop);
    REQUIRE(d.isOk());
    CHECK(d->keys == std::vector<std::string>{"a", "c"});
}
