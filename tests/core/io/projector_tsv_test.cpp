#include "core/io/projector_tsv.h"

#include "core/io/load_space.h"
#include "tests/core/io/text_expected.h"

using namespace lb;
using namespace lb::test;

static Result<LatentSpace> parseTsv(const std::string& tensors, const std::string* meta = nullptr) {
    const TextBuffer t{tensors.data(), tensors.size(), "mem.tsv"};
    if (!meta) return parseProjectorTsv(t, nullptr);
    const TextBuffer m{meta->data(), meta->size(), "mem_metadata.tsv"};
    return parseProjectorTsv(t, &m);
}

TEST_CASE("tsv: numpy-written tensors.tsv with a multi-column metadata.tsv", "[io]") {
    Result<LatentSpace> r = loadSpace(textFixture("projector/tensors.tsv"));
    INFO((r ? std::string() : r.error().describe()));
    REQUIRE(r.isOk());
    const auto& e = expectedText()["projector/tensors.tsv"];
    auto plain = e;
    plain["first_word"] = nullptr;  // keys come from metadata here, checked below
    checkAgainstExpected(*r, plain);
    CHECK(r->name == "tensors");
    CHECK(r->keys.front() == e["first_key"].get<std::string>());
    CHECK(r->keys.back() == e["last_key"].get<std::string>());
    CHECK(r->texts.back() == e["last_text"].get<std::string>());
    CHECK(r->labelNames == e["label_names"].get<std::vector<std::string>>());
    CHECK(r->labels == e["labels"].get<std::vector<int32_t>>());
    CHECK(r->numClasses() == 3);
    // The unknown "colour" column is ignored with a warning.
    REQUIRE(r->warnings.size() == 1);
    CHECK(r->warnings[0].message.find("colour") != std::string::npos);
}

TEST_CASE("tsv: single-column metadata with repeated names becomes sorted class labels", "[io]") {
    Result<LatentSpace> r = loadSpace(textFixture("classes.tsv"));
    REQUIRE(r.isOk());
    const auto& e = expectedText()["classes.tsv"];
    checkAgainstExpected(*r, e);
    CHECK_FALSE(r->hasKeys());
    CHECK(r->labelNames == e["label_names"].get<std::vector<std::string>>());
    CHECK(r->labels == e["labels"].get<std::vector<int32_t>>());
}

TEST_CASE("tsv: no metadata beside the tensors", "[io]") {
    Result<LatentSpace> r = loadSpace(textFixture("plain.tsv"));
    REQUIRE(r.isOk());
    checkAgainstExpected(*r, expectedText()["plain.tsv"]);
    CHECK_FALSE(r->hasKeys());
    CHECK_FALSE(r->hasLabels());
}

TEST_CASE("tsv: metadata conventions in memory", "[io]") {
    const std::string t = "1\t2\r\n3\t4\t\r\n 5 \t6\n";  // CRLF, a trailing tab, blanks around a cell
    SECTION("distinct single column -> keys") {
        const std::string m = "x\ny\nz\n\n";
        Result<LatentSpace> r = parseTsv(t, &m);
        REQUIRE(r.isOk());
        CHECK(r->keys == std::vector<std::string>{"x", "y", "z"});
        CHECK(r->embeddings.view()(2, 0) == 5.0f);
    }
    SECTION("repeated integers -> class ids as written") {
        const std::string m = "2\n0\n2";
        Result<LatentSpace> r = parseTsv(t, &m);
        REQUIRE(r.isOk());
        CHECK(r->labels == std::vector<int32_t>{2, 0, 2});
        CHECK(r->labelNames.empty());
    }
    SECTION("header with Class / ID / Text, case-insensitive") {
        const std::string m = "ID\tClass\tText\na\tdog\thello\nb\tcat\t\nc\tdog\tx y\n";
        Result<LatentSpace> r = parseTsv(t, &m);
        REQUIRE(r.isOk());
        CHECK(r->keys == std::vector<std::string>{"a", "b", "c"});
        CHECK(r->labels == std::vector<int32_t>{1, 0, 1});
        CHECK(r->texts == std::vector<std::string>{"hello", "", "x y"});
    }
    SECTION("ragged metadata row") {
        const std::string m = "key\tlabel\na\t1\nb\nc\t2\n";
        Result<LatentSpace> r = parseTsv(t, &m);
        requireBadFile(r, ErrorCode::BadInput, "mem_metadata.tsv");
        CHECK(r.error().message.find("line 3") != std::string::npos);
    }
    SECTION("duplicate keys in a key column: the metadata file is named, where the duplicate is") {
        const std::string m = "key\tlabel\na\t1\na\t1\nc\t2\n";
        requireBadFile(parseTsv(t, &m), ErrorCode::BadInput, "mem_metadata.tsv");
    }
}

TEST_CASE("tsv: malformed tensors or metadata are refused with BadInput naming the file", "[io]") {
    SECTION("metadata row count differs from N") {
        Result<LatentSpace> r = loadSpace(textFixture("bad_meta_count.tsv"));
        requireBadFile(r, ErrorCode::BadInput, "bad_meta_count_metadata.tsv");
        CHECK(r.error().message.find("3 rows") != std::string::npos);
    }
    SECTION("ragged tensor row") {
        Result<LatentSpace> r = loadSpace(textFixture("bad_ragged.tsv"));
        requireBadFile(r, ErrorCode::BadInput, "bad_ragged.tsv");
        CHECK(r.error().message.find("line 2") != std::string::npos);
    }
    SECTION("opening the metadata file itself") {
        requireBadFile(loadSpace(textFixture("classes_metadata.tsv")), ErrorCode::BadInput, "classes_metadata.tsv");
    }
    SECTION("in memory") {
        for (const std::string& t :
             {std::string(), std::string("\n1\t2\n"), std::string("a\tb\n1\t2\n"), std::string("1\t\t2\n"),
              std::string("1\t2\n\n3\t4\n"), std::string("1\t2\n3\n4\n5\n6\n7\n8\n9\n"), std::string("1 2\n")}) {
            INFO(t);
            requireBadFile(parseTsv(t), ErrorCode::BadInput, "mem.tsv");
        }
    }
}

TEST_CASE("tsv: metadata file candidates follow the documented order", "[io]") {
    CHECK(projectorMetadataCandidates("/d/tensors.tsv").front() == "/d/metadata.tsv");
    CHECK(projectorMetadataCandidates("/d/run1_tensors.tsv").front() == "/d/run1_metadata.tsv");
    CHECK(projectorMetadataCandidates("/d/vecs.tsv").front() == "/d/meta.tsv");
    const auto c = projectorMetadataCandidates("/d/emb.tsv");
    REQUIRE(c.size() == 2);
    CHECK(c[0] == "/d/emb_metadata.tsv");
    CHECK(c[1] == "/d/emb.metadata.tsv");
}
