// Atomic saves: content, permissions and symlinks survive; failures leave the old file and no temporary file.
#include "core/io/atomic_file.h"

#include "tests/support/test_helpers.h"

#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>
#include <filesystem>

using namespace lb;
namespace fs = std::filesystem;

namespace {

// The temporary files of the atomic writer present in `dir`.
int tempFilesIn(const std::string& dir) {
    int n = 0;
    for (const auto& e : fs::directory_iterator(dir)) n += io::isAtomicTempName(e.path().filename().string());
    return n;
}

mode_t modeOf(const std::string& path) {
    struct stat st {};
    REQUIRE(::stat(path.c_str(), &st) == 0);
    return st.st_mode & 07777;
}

// Sets a file's modification time `seconds` into the past.
void age(const std::string& path, int seconds) {
    const time_t t = ::time(nullptr) - seconds;
    const utimbuf times{t, t};
    REQUIRE(::utime(path.c_str(), &times) == 0);
}

}  // namespace

TEST_CASE("an atomic write round-trips and replaces the old content", "[io]") {
    test::TempDir dir;
    const std::string path = dir.file("a.txt");
    REQUIRE(io::writeFileAtomic(path, std::string("first\n")));
    REQUIRE(test::readFileBytes(path) == "first\n");
    const std::string binary("\0\x01\xff zero", 8);
    REQUIRE(io::writeFileAtomic(path, binary.data(), binary.size()));
    REQUIRE(test::readFileBytes(path) == binary);
    REQUIRE(io::writeFileAtomic(path, std::string()));  // an empty file is a valid file
    REQUIRE(fs::file_size(path) == 0);
    REQUIRE(tempFilesIn(dir.file("")) == 0);
}

TEST_CASE("a save durable against a process crash only still replaces the file whole", "[io]") {
    test::TempDir dir;
    const std::string path = dir.file("report.json");
    REQUIRE(io::writeFileAtomic(path, std::string("{\"frame\": 1}\n"), io::Durability::ProcessCrash));
    REQUIRE(test::readFileBytes(path) == "{\"frame\": 1}\n");
    REQUIRE(io::writeFileAtomic(path, std::string("{\"frame\": 2}\n"), io::Durability::ProcessCrash));
    REQUIRE(test::readFileBytes(path) == "{\"frame\": 2}\n");
    REQUIRE(tempFilesIn(dir.file("")) == 0);
    // Into a missing folder it fails like any save, naming the file.
    const Status missing =
        io::writeFileAtomic(dir.file("no/such/report.json"), std::string("x"), io::Durability::ProcessCrash);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().describe().find("report.json") != std::string::npos);
}

TEST_CASE("an atomic write keeps an existing file's mode; new files follow the umask", "[io]") {
    test::TempDir dir;
    const std::string secret = dir.file("secret.json");
    REQUIRE(io::writeFileAtomic(secret, std::string("v1")));
    REQUIRE(::chmod(secret.c_str(), 0600) == 0);
    REQUIRE(io::writeFileAtomic(secret, std::string("v2")));
    REQUIRE(modeOf(secret) == 0600);
    REQUIRE(::chmod(secret.c_str(), 0640) == 0);
    REQUIRE(io::writeFileAtomic(secret, std::string("v3")));
    REQUIRE(modeOf(secret) == 0640);
    REQUIRE(test::readFileBytes(secret) == "v3");

    const mode_t mask = ::umask(022);
    REQUIRE(io::writeFileAtomic(dir.file("new.json"), std::string("x")));
    ::umask(mask);
    REQUIRE(modeOf(dir.file("new.json")) == 0644);
}

TEST_CASE("saving through a symlink replaces the target and keeps the link", "[io]") {
    test::TempDir dir;
    fs::create_directory(dir.file("real"));
    const std::string target = dir.file("real/data.txt");
    REQUIRE(io::writeFileAtomic(target, std::string("old")));
    const std::string link = dir.file("link.txt");
    fs::create_symlink("real/data.txt", link);  // relative, resolved against the link's folder
    const std::string chain = dir.file("chain.txt");
    fs::create_symlink(link, chain);

    REQUIRE(io::writeFileAtomic(chain, std::string("new")));
    REQUIRE(fs::is_symlink(chain));
    REQUIRE(fs::is_symlink(link));
    REQUIRE(test::readFileBytes(target) == "new");
    // The temporary file lived beside the target, not beside the link.
    REQUIRE(tempFilesIn(dir.file("")) == 0);
    REQUIRE(tempFilesIn(dir.file("real")) == 0);

    SECTION("a dangling link creates its target") {
        const std::string dangling = dir.file("dangling.txt");
        fs::create_symlink("real/created.txt", dangling);
        REQUIRE(io::writeFileAtomic(dangling, std::string("made")));
        REQUIRE(fs::is_symlink(dangling));
        REQUIRE(test::readFileBytes(dir.file("real/created.txt")) == "made");
    }
    SECTION("a symlink loop is an error") {
        fs::create_symlink(dir.file("loop2"), dir.file("loop1"));
        fs::create_symlink(dir.file("loop1"), dir.file("loop2"));
        const Status s = io::writeFileAtomic(dir.file("loop1"), std::string("x"));
        REQUIRE_FALSE(s);
        REQUIRE(s.code() == ErrorCode::Io);
        REQUIRE(s.error().path == dir.file("loop1"));
    }
}

TEST_CASE("a failed atomic write leaves the old content and no temporary file", "[io]") {
    test::TempDir dir;
    const std::string good = dir.file("good.txt");
    REQUIRE(io::writeFileAtomic(good, std::string("keep me")));

    SECTION("the parent is a regular file (fails for root too)") {
        const std::string path = good + "/child.txt";
        const Status s = io::writeFileAtomic(path, std::string("x"));
        REQUIRE_FALSE(s);
        REQUIRE(s.code() == ErrorCode::Io);
        REQUIRE(s.error().path == path);
    }
    SECTION("the target is a folder") {
        fs::create_directory(dir.file("folder"));
        REQUIRE_FALSE(io::writeFileAtomic(dir.file("folder"), std::string("x")));
        REQUIRE(fs::is_directory(dir.file("folder")));
    }
    SECTION("a read-only folder (skipped as root, who may write anyway)") {
        if (::geteuid() != 0) {
            fs::create_directory(dir.file("ro"));
            const std::string inside = dir.file("ro/f.txt");
            REQUIRE(io::writeFileAtomic(inside, std::string("old")));
            ::chmod(dir.file("ro").c_str(), 0555);
            const Status s = io::writeFileAtomic(inside, std::string("new"));
            ::chmod(dir.file("ro").c_str(), 0755);
            REQUIRE_FALSE(s);
            REQUIRE(s.error().path == inside);
            REQUIRE(test::readFileBytes(inside) == "old");
            REQUIRE(tempFilesIn(dir.file("ro")) == 0);
        }
    }
    SECTION("the target is a FIFO: refused, not replaced by a regular file") {
        const std::string fifo = dir.file("fifo");
        REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
        REQUIRE_FALSE(io::writeFileAtomic(fifo, std::string("x")));
        REQUIRE(fs::is_fifo(fifo));
    }
    REQUIRE(test::readFileBytes(good) == "keep me");
    REQUIRE(tempFilesIn(dir.file("")) == 0);
}

TEST_CASE("the streaming writer shows nothing until commit and cleans up when dropped", "[io]") {
    test::TempDir dir;
    const std::string path = dir.file("big.bin");
    REQUIRE(io::writeFileAtomic(path, std::string("old")));
    std::string temp;
    {
        Result<io::AtomicFileWriter> w = io::AtomicFileWriter::open(path);
        REQUIRE(w);
        temp = w->tempPath();
        REQUIRE(fs::path(temp).parent_path() == fs::path(path).parent_path());
        REQUIRE(io::isAtomicTempName(fs::path(temp).filename().string()));
        REQUIRE(w->write("abc", 3));
        REQUIRE(fs::exists(temp));
        REQUIRE(test::readFileBytes(path) == "old");
        io::AtomicFileWriter moved = std::move(*w);  // the temporary file follows its owner
        REQUIRE(moved.write("def", 3));
        REQUIRE(fs::exists(temp));
    }  // destroyed without commit
    REQUIRE_FALSE(fs::exists(temp));
    REQUIRE(test::readFileBytes(path) == "old");

    {
        Result<io::AtomicFileWriter> w = io::AtomicFileWriter::open(path);
        REQUIRE(w);
        REQUIRE(w->write("partial", 7));
        w->discard();
        REQUIRE(w->write("more", 4).code() == ErrorCode::InvalidArgument);
        REQUIRE(w->commit().code() == ErrorCode::InvalidArgument);
        REQUIRE(tempFilesIn(dir.file("")) == 0);
    }

    Result<io::AtomicFileWriter> w = io::AtomicFileWriter::open(path);
    REQUIRE(w);
    for (int i = 0; i < 3; ++i) REQUIRE(w->write("block", 5));
    REQUIRE(w->commit());
    REQUIRE_FALSE(w->isOpen());
    REQUIRE(test::readFileBytes(path) == "blockblockblock");
    REQUIRE(tempFilesIn(dir.file("")) == 0);
}

TEST_CASE("stale temporary files of a killed save are removed, fresh ones kept", "[io]") {
    test::TempDir dir;
    const std::string path = dir.file("s.json");
    const std::string stale = dir.write(".s.json.lbtmp-AbC123", "half");
    const std::string fresh = dir.write(".s.json.lbtmp-XyZ789", "a save running now");
    const std::string other = dir.write(".t.json.lbtmp-AbC123", "another file's");
    const std::string unrelated = dir.write(".s.json.lbtmp-toolong", "not ours");
    for (const std::string& f : {stale, other, unrelated}) age(f, 2 * io::kStaleTempAgeSeconds);
    REQUIRE(io::isAtomicTempName(".s.json.lbtmp-AbC123"));
    REQUIRE_FALSE(io::isAtomicTempName("s.json"));

    REQUIRE(io::removeStaleTemps(path) == 1);
    REQUIRE_FALSE(fs::exists(stale));
    REQUIRE(fs::exists(fresh));
    REQUIRE(fs::exists(other));
    REQUIRE(fs::exists(unrelated));

    age(fresh, 2 * io::kStaleTempAgeSeconds);
    REQUIRE(io::writeFileAtomic(path, std::string("{}")));  // a save cleans up first
    REQUIRE_FALSE(fs::exists(fresh));
    REQUIRE(fs::exists(other));

    // An old temporary file that a writer still holds is a slow save, not a dead one.
    Result<io::AtomicFileWriter> slow = io::AtomicFileWriter::open(path);
    REQUIRE(slow);
    age(slow->tempPath(), 2 * io::kStaleTempAgeSeconds);
    REQUIRE(io::removeStaleTemps(path) == 0);
    REQUIRE(slow->write("late", 4));
    REQUIRE(slow->commit());
    REQUIRE(test::readFileBytes(path) == "late");
}
