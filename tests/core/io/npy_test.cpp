#include "core/io/npy.h"

#include "core/io/load_space.h"
#include "tests/core/io/binary_expected.h"

#include <cmath>
#include <cstring>

using namespace lb;
using namespace lb::test;

TEST_CASE("npy: versions 1-3, float16/32/64, Fortran and big-endian files match NumPy", "[io]") {
    for (const char* name : {"f32_v1.npy", "f32_v2.npy", "f32_v3.npy", "f16.npy", "f64.npy", "f32_fortran.npy",
                             "f32_be.npy", "f64_be_fortran.npy"}) {
        Result<LatentSpace> s = loadSpace(binFixture(name));
        INFO(name << ": " << (s ? std::string() : s.error().describe()));
        REQUIRE(s.isOk());
        checkSpaceAgainst(*s, name);
        CHECK(s->name == std::string(name).substr(0, std::string(name).size() - 4));
        CHECK(s->path == binFixture(name));
    }
}

TEST_CASE("npy: a float32 little-endian C-order file is mapped in place, conversions warn", "[io]") {
    Result<LatentSpace> mapped = loadSpace(binFixture("f32_v1.npy"));
    REQUIRE(mapped.isOk());
    CHECK(mapped->embeddings.isMapped());
    CHECK(mapped->warnings.empty());
    Result<LatentSpace> converted = loadSpace(binFixture("f64.npy"));
    REQUIRE(converted.isOk());
    CHECK_FALSE(converted->embeddings.isMapped());
    REQUIRE(converted->warnings.size() == 1);
    CHECK(converted->warnings[0].message.find("float64") != std::string::npos);
    CHECK(converted->warnings[0].informational);  // expected widening: information, not a problem
}

TEST_CASE("npy: a file cut inside its preamble is a truncated header, not a bad magic", "[io]") {
    const uint8_t cut[8] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    Result<NpyArray> a = parseNpy(cut, sizeof cut, nullptr, "cut.npy");
    REQUIRE_FALSE(a.isOk());
    CHECK(a.error().code == ErrorCode::BadInput);
    CHECK(a.error().describe().find("cut.npy") != std::string::npos);
    CHECK(a.error().message.find("truncated") != std::string::npos);
    const uint8_t notNpy[8] = {'P', 'K', 3, 4, 0, 0, 0, 0};
    CHECK(parseNpy(notNpy, sizeof notNpy, nullptr, "x.npy").error().message.find("bad magic") != std::string::npos);
}

TEST_CASE("npy: a misaligned float32 buffer is copied, not viewed", "[io]") {
    const std::string bytes = readFileBytes(binFixture("f32_v1.npy"));
    std::vector<uint8_t> shifted(bytes.size() + 1);
    std::memcpy(shifted.data() + 1, bytes.data(), bytes.size());
    Result<NpyArray> a = parseNpy(shifted.data() + 1, bytes.size(), nullptr, "mem.npy");
    REQUIRE(a.isOk());
    Result<Embeddings> e = toEmbeddings(*a);
    REQUIRE(e.isOk());
    CHECK_FALSE(e->isMapped());
    Result<LatentSpace> ref = loadSpace(binFixture("f32_v1.npy"));
    REQUIRE(ref.isOk());
    requireNear(e->view(), ref->embeddings.view(), 0.0);
}

TEST_CASE("npy: special float16 values (subnormals, -0, Inf, NaN) convert exactly", "[io]") {
    Result<NpyArray> a = readNpyFile(binFixture("f16_special.npy"));
    REQUIRE(a.isOk());
    Result<RowMatrixXf> m = toFloatMatrix(*a);
    REQUIRE(m.isOk());
    const nlohmann::json& values = expectedBinary()["f16_special.npy"]["values"];
    REQUIRE(m->cols() == static_cast<Index>(values.size()));
    for (Index j = 0; j < m->cols(); ++j) {
        INFO("column " << j);
        if (values[j].is_null())
            CHECK(std::isnan((*m)(0, j)));
        else if (values[j].is_string())
            CHECK((*m)(0, j) == (values[j] == "inf" ? INFINITY : -INFINITY));
        else
            CHECK(static_cast<double>((*m)(0, j)) == values[j].get<double>());
    }
    CHECK(std::signbit((*m)(0, 3)));  // -0.0
}

TEST_CASE("npy: label arrays of every integer dtype and byte order become int32", "[io]") {
    const nlohmann::json& e = expectedBinary()["arrays"];
    const auto labels = e["labels"].get<std::vector<int32_t>>();
    for (const char* name : {"labels_i64.npy", "labels_i8.npy", "labels_u16.npy", "labels_be_i32.npy"}) {
        Result<NpyArray> a = readNpyFile(binFixture(name));
        REQUIRE(a.isOk());
        Result<std::vector<int32_t>> v = toInt32Vector(*a);
        REQUIRE(v.isOk());
        CHECK(*v == labels);
    }
    Result<NpyArray> b = readNpyFile(binFixture("labels_bool.npy"));
    REQUIRE(b.isOk());
    CHECK(b->dtype == DType::Bool);
    CHECK(*toInt32Vector(*b) == e["bool_labels"].get<std::vector<int32_t>>());
    Result<NpyArray> big = readNpyFile(binFixture("labels_u64_big.npy"));
    REQUIRE(big.isOk());
    Result<std::vector<int32_t>> refused = toInt32Vector(*big);
    REQUIRE_FALSE(refused.isOk());
    checkRefused(refused.error(), ErrorCode::BadInput, "labels_u64_big.npy");
}

TEST_CASE("npy: unicode keys in both byte orders decode to UTF-8; bytes arrays too", "[io]") {
    const auto keys = expectedBinary()["arrays"]["keys"].get<std::vector<std::string>>();
    for (const char* name : {"keys_U.npy", "keys_be_U.npy"}) {
        Result<NpyArray> a = readNpyFile(binFixture(name));
        REQUIRE(a.isOk());
        CHECK(a->dtype == DType::Unicode);
        Result<std::vector<std::string>> v = toStrings(*a);
        REQUIRE(v.isOk());
        CHECK(*v == keys);
    }
    Result<NpyArray> s = readNpyFile(binFixture("keys_S.npy"));
    REQUIRE(s.isOk());
    CHECK(*toStrings(*s) == std::vector<std::string>{"ab", "c", ""});
}

TEST_CASE("npy: images in C and Fortran order", "[io]") {
    const nlohmann::json& e = expectedBinary()["arrays"];
    for (const char* name : {"images_u8.npy", "images_u8_fortran.npy"}) {
        Result<NpyArray> a = readNpyFile(binFixture(name));
        REQUIRE(a.isOk());
        Result<ImageStack> im = toImages(*a);
        REQUIRE(im.isOk());
        CHECK(im->height == e["images_shape"][1].get<int>());
        CHECK(im->width == e["images_shape"][2].get<int>());
        int64_t sum = 0;
        for (uint8_t p : im->pixels) sum += p;
        CHECK(sum == e["images_sum"].get<int64_t>());
        CHECK(im->image(1)[2 * im->width + 1] == e["images_at_1_2_1"].get<int>());
    }
}

TEST_CASE("npy: NaN rows are reported, or dropped on request", "[io]") {
    Result<LatentSpace> s = loadSpace(binFixture("nan_rows.npy"));
    REQUIRE(s.isOk());
    checkSpaceAgainst(*s, "nan_rows.npy");
    CHECK(findNonFiniteRows(*s).firstRows == std::vector<Index>{1, 4});
    // Kept rows are announced the same way by every loader (binary and text).
    REQUIRE(s->warnings.size() == 1);
    CHECK(s->warnings[0].message == "2 rows contain NaN/Inf (first rows: 1, 4)");
    CHECK_FALSE(s->warnings[0].informational);
    LoadOptions drop;
    drop.dropNonFinite = true;
    Result<LatentSpace> d = loadSpace(binFixture("nan_rows.npy"), drop);
    REQUIRE(d.isOk());
    CHECK(d->n() == 4);
    CHECK(findNonFiniteRows(*d).count == 0);
    CHECK(meanRowNorm(*d) == Approx(expectedBinary()["nan_rows.npy"]["mean_norm"].get<double>()).epsilon(1e-6));
    CHECK_FALSE(d->warnings.empty());
}

TEST_CASE("npy: malformed files are refused with the right code and the file name", "[io]") {
    const std::pair<const char*, ErrorCode> cases[] = {
        {"bad_empty.npy", ErrorCode::BadInput},           {"bad_truncated_header.npy", ErrorCode::BadInput},
        {"bad_truncated_data.npy", ErrorCode::BadInput},  {"bad_magic.npy", ErrorCode::BadInput},
        {"bad_garbage_header.npy", ErrorCode::BadInput},  {"bad_claims_more.npy", ErrorCode::BadInput},
        {"bad_claims_overflow.npy", ErrorCode::BadInput}, {"bad_object.npy", ErrorCode::Unsupported},
        {"bad_rank3.npy", ErrorCode::BadInput},           {"bad_strings.npy", ErrorCode::BadInput},
        {"bad_int_embeddings.npy", ErrorCode::BadInput},
    };
    for (const auto& [name, code] : cases) {
        Result<LatentSpace> s = loadSpace(binFixture(name));
        INFO(name);
        REQUIRE_FALSE(s.isOk());
        checkRefused(s.error(), code, name);
    }
    Result<LatentSpace> missing = loadSpace(binFixture("no_such_file.npy"));
    REQUIRE_FALSE(missing.isOk());
    checkRefused(missing.error(), ErrorCode::Io, "no_such_file.npy");
}

TEST_CASE("npy: every prefix of a valid file is refused, never read out of bounds", "[io]") {
    const std::string bytes = readFileBytes(binFixture("f32_v3.npy"));
    for (size_t len = 0; len < bytes.size(); ++len) {
        std::vector<uint8_t> buf(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(len));
        Result<NpyArray> a = parseNpy(buf.data(), buf.size(), nullptr, "prefix.npy");
        INFO("length " << len);
        REQUIRE_FALSE(a.isOk());
        CHECK(a.error().code == ErrorCode::BadInput);
    }
}

namespace {

// A version 1.0 .npy file with header dict `dict` followed by `dataBytes` zero bytes.
std::string npyV1(const std::string& dict, size_t dataBytes) {
    const std::string header = dict + "\n";
    std::string bytes("\x93NUMPY\x01\x00", 8);
    bytes += static_cast<char>(header.size() & 0xFF);
    bytes += static_cast<char>(header.size() >> 8);
    return bytes + header + std::string(dataBytes, '\0');
}

// parseNpy on `bytes`, which must outlive the array (it points into them).
Result<NpyArray> parseBytes(const std::string& bytes, const std::string& path) {
    return parseNpy(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size(), nullptr, path);
}

}  // namespace

TEST_CASE("npy: header dict parsing accepts NumPy's variants and refuses garbage", "[io]") {
    std::string bytes;  // the last file parsed, kept alive for the array
    auto parseHeader = [&bytes](const std::string& dict) {
        bytes = npyV1(dict, 64);
        return parseBytes(bytes, "h.npy");
    };
    CHECK(parseHeader("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }").isOk());
    CHECK(parseHeader("{\"shape\": (4,), \"descr\": \"|u1\", \"fortran_order\": True}").isOk());
    CHECK(parseHeader("{'descr': '<f8', 'fortran_order': False, 'shape': ()}   ").isOk());
    CHECK(parseHeader("{'descr': '<i8', 'fortran_order': False, 'shape': (3L, 2L)}").isOk());
    for (const char* bad : {"", "{", "{'descr': '<f4'}", "{'descr': '<f4', 'fortran_order': Maybe, 'shape': ()}",
                            "{'descr': '<f4', 'fortran_order': False, 'shape': (2, -3)}",
                            "{'descr': '<f4', 'fortran_order': False, 'shape': (2 3)}",
                            "{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': ()}",
                            "{'descr': '<f4', 'fortran_order': False, 'shape': (), 'extra': 1}",
                            "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999999,)}",
                            "{'descr': '<f4', 'fortran_order': False, 'shape': ()} trailing",
                            "{'descr': '<x4', 'fortran_order': False, 'shape': ()}"}) {
        INFO(bad);
        Result<NpyArray> a = parseHeader(bad);
        REQUIRE_FALSE(a.isOk());
        CHECK((a.error().code == ErrorCode::BadInput || a.error().code == ErrorCode::Unsupported));
    }
    CHECK(parseHeader("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': ()}").error().code ==
          ErrorCode::Unsupported);
}

TEST_CASE("npy: empty Fortran-order arrays with a huge other dimension convert at once", "[io]") {
    // Found by the fuzzer: shape (0, 2**62) holds no element and needs no data, but converting it walked the
    // 2**62 columns one by one.
    const std::string embBytes = npyV1("{'descr': '<f8', 'fortran_order': True, 'shape': (0, 4611686018427387904)}", 0);
    Result<NpyArray> emb = parseBytes(embBytes, "empty.npy");
    REQUIRE(emb.isOk());
    Result<Embeddings> e = toEmbeddings(*emb);
    REQUIRE(e.isOk());
    CHECK(e->rows() == 0);
    const std::string imgBytes = npyV1("{'descr': '|u1', 'fortran_order': True, 'shape': (0, 65535, 65535)}", 0);
    Result<NpyArray> img = parseBytes(imgBytes, "empty.npy");
    REQUIRE(img.isOk());
    Result<ImageStack> images = toImages(*img);
    REQUIRE(images.isOk());
    CHECK(images->pixels.empty());
}

TEST_CASE("npy: descr parsing", "[io]") {
    CHECK(parseNpyDescr("<f2", "x")->dtype == DType::Float16);
    CHECK(parseNpyDescr(">f8", "x")->bigEndian);
    CHECK(parseNpyDescr("=i4", "x")->dtype == DType::Int32);
    CHECK(parseNpyDescr("|b1", "x")->dtype == DType::Bool);
    CHECK(parseNpyDescr("<U7", "x")->itemSize == 28);
    CHECK(parseNpyDescr("|O", "x").error().code == ErrorCode::Unsupported);
    CHECK(parseNpyDescr("<c8", "x").error().code == ErrorCode::Unsupported);
    CHECK(parseNpyDescr("<M8[ns]", "x").error().code == ErrorCode::Unsupported);
    CHECK(parseNpyDescr("<f3", "x").error().code == ErrorCode::Unsupported);
    CHECK(parseNpyDescr("<f", "x").error().code == ErrorCode::BadInput);
    CHECK(parseNpyDescr("", "x").error().code == ErrorCode::BadInput);
}

TEST_CASE("npy: writeNpy round-trips, aligns data to 64 bytes and replaces files atomically", "[io]") {
    TempDir dir;
    const RowMatrixXf m = randomMatrix(7, 5, 3);
    const std::string out = dir.file("out.npy");
    REQUIRE(writeNpy(out, m).isOk());
    Result<NpyArray> a = readNpyFile(out);
    REQUIRE(a.isOk());
    const std::string bytes = readFileBytes(out);
    CHECK((bytes.size() - 7 * 5 * 4) % 64 == 0);
    Result<Embeddings> e = toEmbeddings(*a);
    REQUIRE(e.isOk());
    CHECK(e->isMapped());
    requireNear(e->view(), m, 0.0);
    // Overwrite with a different shape: readers see the new file whole; no temp file is left behind.
    REQUIRE(writeNpy(out, RowMatrixXf(randomMatrix(2, 3, 4))).isOk());
    CHECK(toEmbeddings(*readNpyFile(out))->rows() == 2);
    CHECK(std::distance(std::filesystem::directory_iterator(dir.file("")), {}) == 1);
    // A column block (outer stride != cols) is packed first.
    const RowMatrixXf wide = randomMatrix(4, 6, 5);
    REQUIRE(writeNpy(out, wide.leftCols(3)).isOk());
    requireNear(toEmbeddings(*readNpyFile(out))->view(), wide.leftCols(3), 0.0);
    const std::vector<int32_t> labels{3, -1, 7};
    REQUIRE(writeNpy(dir.file("l.npy"), labels).isOk());
    CHECK(*toInt32Vector(*readNpyFile(dir.file("l.npy"))) == labels);
    CHECK(writeNpy(dir.file("missing_dir/x.npy"), m).code() == ErrorCode::Io);
}

TEST_CASE("npy: thumbnails of N x 0 x w pixels are refused, not dropped", "[io]") {
    NpyArray a;
    a.dtype = DType::UInt8;
    a.itemSize = 1;
    a.shape = {5, 0, 28};
    a.path = "thumbs.npy";
    Result<ImageStack> r = toImages(a);
    REQUIRE_FALSE(r);
    CHECK(r.error().path == "thumbs.npy");
    CHECK(r.error().message.find("0 x 28") != std::string::npos);
    a.shape = {0, 0, 28};  // no samples, no thumbnails: nothing is lost
    CHECK(toImages(a));
}
