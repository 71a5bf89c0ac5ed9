// Translator files (core/translate/translator_file.h): a saved and reloaded translator applies bit for bit as the
// fitted one, for every method, scaling and width pair; malformed files are refused naming the file.

#include "core/translate/translator_file.h"

#include "tests/support/test_helpers.h"

#include <filesystem>

using namespace lb;
using lb::test::randomMatrix;

TEST_CASE("a translator survives serialization bit for bit", "[translate][io]") {
    const RowMatrixXf X = randomMatrix(120, 10, 31);
    for (Index dy : {Index(10), Index(7), Index(13)}) {
        const RowMatrixXf Y = randomMatrix(120, dy, 32 + static_cast<unsigned>(dy));
        for (TranslationMethod m : {TranslationMethod::Procrustes, TranslationMethod::Linear,
                                    TranslationMethod::LinearOrtho, TranslationMethod::Affine})
            for (Scaling s : {Scaling::Standard, Scaling::Center, Scaling::None})
                for (bool l2 : {false, true}) {
                    INFO(translationMethodName(m) << " " << scalingName(s) << " l2=" << l2 << " D'=" << dy);
                    TranslationOptions o;
                    o.method = m;
                    o.scaling = s;
                    o.l2 = l2;
                    o.ridge = m == TranslationMethod::Procrustes ? 0.0 : 0.25;
                    Result<Translator> t = Translator::fit(X.topRows(60), Y.topRows(60), o);
                    REQUIRE(t.isOk());
                    const std::string bytes = serializeTranslator(*t);
                    Result<Translator> back =
                        parseTranslator(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), "mem");
                    REQUIRE(back.isOk());
                    CHECK(back->sourceDim() == 10);
                    CHECK(back->targetDim() == dy);
                    CHECK(back->options().method == m);
                    CHECK(back->options().scaling == t->options().scaling);  // affine keeps its own (centered, no L2)
                    CHECK(back->options().l2 == t->options().l2);
                    CHECK(back->options().ridge == o.ridge);
                    CHECK(back->report().rank == t->report().rank);
                    CHECK(back->report().anchorMse == t->report().anchorMse);
                    CHECK(back->report().singularValues == t->report().singularValues);
                    CHECK(back->apply(X) == t->apply(X));  // exact: every float stored as it was
                }
    }
}

TEST_CASE("translator files are written atomically and read back", "[translate][io]") {
    const std::string path = (std::filesystem::temp_directory_path() / "lb_translator_file_test.safetensors").string();
    const RowMatrixXf X = randomMatrix(50, 6, 41), Y = randomMatrix(50, 6, 42);
    Result<Translator> t = Translator::fit(X, Y, {});
    REQUIRE(t.isOk());
    REQUIRE(writeTranslatorFile(path, *t).isOk());
    Result<Translator> back = readTranslatorFile(path);
    REQUIRE(back.isOk());
    CHECK(back->apply(X) == t->apply(X));
    std::filesystem::remove(path);
    Result<Translator> missing = readTranslatorFile(path);
    REQUIRE(!missing.isOk());
    CHECK(missing.error().code == ErrorCode::Io);
}

TEST_CASE("malformed translator files are refused naming the file", "[translate][io]") {
    const RowMatrixXf X = randomMatrix(40, 5, 51);
    Result<Translator> t = Translator::fit(X, X, {});
    REQUIRE(t.isOk());
    std::string bytes = serializeTranslator(*t);
    const auto parse = [](const std::string& b) {
        return parseTranslator(reinterpret_cast<const uint8_t*>(b.data()), b.size(), "fit.safetensors");
    };
    SECTION("another safetensors file") {
        const std::string other = std::string("\x08\0\0\0\0\0\0\0{}      ", 16);
        Result<Translator> r = parse(other);
        REQUIRE(!r.isOk());
        CHECK(r.error().code == ErrorCode::BadInput);
        CHECK(r.error().path == "fit.safetensors");
    }
    SECTION("a width that disagrees with the tensors") {
        const size_t at = bytes.find("\"source_dim\":\"5\"");
        REQUIRE(at != std::string::npos);
        bytes.replace(at, 16, "\"source_dim\":\"4\"");
        Result<Translator> r = parse(bytes);
        REQUIRE(!r.isOk());
        CHECK(r.error().code == ErrorCode::BadInput);
    }
    SECTION("truncated") {
        Result<Translator> r = parse(bytes.substr(0, bytes.size() - 3));
        REQUIRE(!r.isOk());
        CHECK(r.error().path == "fit.safetensors");
    }
}
