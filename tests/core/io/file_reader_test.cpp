// The one way files are opened for reading (core/io/file_reader.h): special files are refused at once and named,
// sizes are bounded, and the loaders built on it never hang or crash on them.
#include "core/io/file_reader.h"

#include "core/io/load_space.h"
#include "core/io/mapped_file.h"
#include "core/io/npy.h"
#include "core/session/session_file.h"
#include "tests/support/test_helpers.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <algorithm>
#include <chrono>
#include <fstream>

using namespace lb;

TEST_CASE("openForReading refuses what is not a regular file, naming what it is, without blocking", "[io]") {
    test::TempDir dir;
    const std::string fifo = dir.file("pipe");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto t0 = std::chrono::steady_clock::now();
    Result<ReadableFile> f = openForReading(fifo);  // a blocking open would wait for a writer forever
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
    REQUIRE_FALSE(f);
    CHECK(f.error().path == fifo);
    CHECK(f.error().message.find("FIFO") != std::string::npos);
    Result<ReadableFile> d = openForReading(dir.file(""));
    REQUIRE_FALSE(d);
    CHECK(d.error().message.find("directory") != std::string::npos);
    Result<ReadableFile> z = openForReading("/dev/zero");
    REQUIRE_FALSE(z);
    CHECK(z.error().message.find("character device") != std::string::npos);
    CHECK_FALSE(openForReading(dir.file("missing")));
}

TEST_CASE("readWholeFile reads regular files and refuses ones larger than their kind may be", "[io]") {
    test::TempDir dir;
    const std::string p = dir.write("keys.txt", "a\nb\nc\n");
    Result<std::string> ok = readWholeFile(p, 100, "a keys file");
    REQUIRE(ok);
    CHECK(*ok == "a\nb\nc\n");
    Result<std::string> big = readWholeFile(p, 4, "a keys file");
    REQUIRE_FALSE(big);
    CHECK(big.error().code == ErrorCode::BadInput);
    CHECK(big.error().path == p);
    CHECK(big.error().message.find("a keys file") != std::string::npos);
    CHECK(maxTextFileBytes(200) == uint64_t{200} * 65536);
    CHECK(maxTextFileBytes(0) == uint64_t{1} << 20);
}

TEST_CASE("hostile sidecars, spaces and sessions: a clear error naming the file, never a hang or a crash", "[io]") {
    test::TempDir dir;
    const RowMatrixXf x = test::randomMatrix(5, 3, 1);
    const std::string npy = dir.file("emb.npy");
    REQUIRE(writeNpy(npy, x));
    const auto sidecar = [&](const std::string& json) { std::ofstream(dir.file("emb.json")) << json; };
    const std::string fifo = dir.file("pipe");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    SECTION("a sidecar field naming a directory") {
        sidecar("{\"keys\": \".\"}");
        Result<LatentSpace> s = loadSpace(npy);
        REQUIRE_FALSE(s);
        CHECK(s.error().message.find("directory") != std::string::npos);
    }
    SECTION("a sidecar field naming /dev/zero or /dev/urandom") {
        for (const char* dev : {"/dev/zero", "/dev/urandom"}) {
            sidecar(std::string("{\"texts\": \"") + dev + "\"}");
            Result<LatentSpace> s = loadSpace(npy);
            REQUIRE_FALSE(s);
            CHECK(s.error().path == dev);
        }
    }
    SECTION("a sidecar field naming a FIFO, and a FIFO as the space or the session") {
        sidecar("{\"keys\": \"pipe\"}");
        CHECK_FALSE(loadSpace(npy));
        CHECK_FALSE(loadSpace(fifo));
        Result<SessionFile> session = readSessionFile(fifo);
        REQUIRE_FALSE(session);
        CHECK(session.error().path == fifo);
    }
    SECTION("a keys file far larger than a keys list of 5 rows may be") {
        std::ofstream(dir.file("keys.txt")) << std::string(2u << 20, 'k');
        sidecar("{\"keys\": \"keys.txt\"}");
        Result<LatentSpace> s = loadSpace(npy);
        REQUIRE_FALSE(s);
        CHECK(s.error().path == dir.file("keys.txt"));
    }
}

TEST_CASE("a mapped file truncated underneath reads as zeros past its new end and is reported, never SIGBUS", "[io]") {
    test::TempDir dir;
    const RowMatrixXf x = RowMatrixXf::Constant(2048, 256, 1.0f);  // 2 MB: many pages past the cut
    const std::string path = dir.file("live.npy");
    REQUIRE(writeNpy(path, x));
    const FileIdentity before = fileIdentity(path);
    Result<LatentSpace> s = loadSpace(path);
    REQUIRE(s);
    REQUIRE(s->embeddings.isMapped());
    // A training script re-saving the file: truncated in place (same inode) while it is mapped.
    REQUIRE(::truncate(path.c_str(), 8192) == 0);
    CHECK(fileIdentity(path) != before);
    double sum = 0;
    const ConstRowMatrixMap view = s->embeddings.view();
    for (Index i = 0; i < view.rows(); ++i) sum += view.row(i).sum();  // would raise SIGBUS past 8 KB
    CHECK(sum < 2048.0 * 256.0);                                       // zeros where the data went
    const std::vector<std::string> truncated = truncatedMappedFiles();
    CHECK(std::find(truncated.begin(), truncated.end(), path) != truncated.end());
}
