#include "core/session/session.h"
#include "core/session/session_file.h"

#include "core/io/npy.h"
#include "tests/support/test_helpers.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sys/stat.h>
#include <unistd.h>

using namespace lb;
using lb::test::TempDir;

namespace {

std::shared_ptr<const LatentSpace> makeSpace(const std::string& name, Index n, Index d, unsigned seed,
                                             std::vector<std::string> keys = {}) {
    LatentSpace s;
    s.name = name;
    s.embeddings = Embeddings(lb::test::randomMatrix(n, d, seed));
    s.keys = std::move(keys);
    return std::make_shared<const LatentSpace>(std::move(s));
}

std::vector<std::string> keysFor(const std::vector<int>& ids) {
    std::vector<std::string> k;
    for (int i : ids) k.push_back("w" + std::to_string(i));
    return k;
}

// word2vec text file: "N D" then "key v1 ... vD" per row (keys give row matching by key).
std::string writeVec(const TempDir& dir, const std::string& name, const std::vector<std::string>& keys, Index d,
                     unsigned seed) {
    const RowMatrixXf x = lb::test::randomMatrix(static_cast<Index>(keys.size()), d, seed);
    std::string text = std::to_string(keys.size()) + " " + std::to_string(d) + "\n";
    for (size_t i = 0; i < keys.size(); ++i) {
        text += keys[i];
        for (Index j = 0; j < d; ++j) text += " " + std::to_string(x(static_cast<Index>(i), j));
        text += "\n";
    }
    return dir.write(name, text);
}

}  // namespace

TEST_CASE("anchors are reference rows mapped into every space by key", "[session]") {
    Session s;
    s.addSpace("a", makeSpace("a", 5, 3, 1, keysFor({0, 1, 2, 3, 4})));
    s.addSpace("b", makeSpace("b", 4, 6, 2, keysFor({4, 3, 2, 9})));  // reversed order, one unknown key
    REQUIRE(s.reference() == 0);
    REQUIRE(s.entry(1).matchedByKey);
    REQUIRE(s.entry(1).matchedRows == 3);
    REQUIRE(s.rowInSpace(1, 4) == 0);
    REQUIRE(s.rowInSpace(1, 0) == -1);
    REQUIRE(s.refRowOf(1, 1) == 3);
    REQUIRE(s.refRowOf(1, 3) == -1);

    REQUIRE(s.setAnchors({0, 2, 4}));
    REQUIRE(s.anchorRowsIn(1) == std::vector<Index>{-1, 2, 0});
    REQUIRE(s.commonAnchors() == std::vector<Index>{2, 4});

    SECTION("changing the reference re-expresses anchors in the new reference's rows") {
        const size_t dropped = s.setReference(1);
        REQUIRE(dropped == 1);  // sample w0 is not in b
        REQUIRE(s.anchors() == std::vector<Index>{2, 0});
        REQUIRE(s.rowInSpace(0, 0) == 4);
        REQUIRE_FALSE(s.history().canUndo());
    }
    SECTION("a space sharing no key with the reference is kept with an explanation") {
        const size_t i = s.addSpace("c", makeSpace("c", 2, 3, 3, keysFor({100, 101})));
        REQUIRE_FALSE(s.entry(i).matchError.empty());
        REQUIRE(s.entry(i).matchError.find("no shared samples") != std::string::npos);
        REQUIRE(s.commonAnchors() == std::vector<Index>{2, 4});
    }
}

TEST_CASE("anchor edits undo and redo exactly", "[session]") {
    Session s;
    s.addSpace("a", makeSpace("a", 20, 3, 1));
    const uint64_t v0 = s.anchorsVersion();
    REQUIRE(s.toggleAnchor(3));
    REQUIRE(s.anchorsVersion() > v0);
    REQUIRE(s.addAnchors({5, 7, 3, 99, -1}));          // 3 duplicate, 99 and -1 out of range: ignored
    REQUIRE(s.anchors() == std::vector<Index>{3, 5, 7});
    REQUIRE(s.toggleAnchor(5));                         // removes
    REQUIRE(s.anchors() == std::vector<Index>{3, 7});
    REQUIRE(s.setAnchors({1, 2}, "select 2 (random)"));
    REQUIRE(s.history().undoLabel() == "select 2 (random)");
    REQUIRE_FALSE(s.setAnchors({1, 2}));                // no change, nothing recorded
    REQUIRE(s.history().undoDepth() == 4);

    REQUIRE(s.undo());
    REQUIRE(s.anchors() == std::vector<Index>{3, 7});
    REQUIRE(s.undo());
    REQUIRE(s.anchors() == std::vector<Index>{3, 5, 7});
    REQUIRE(s.redo());
    REQUIRE(s.anchors() == std::vector<Index>{3, 7});
    REQUIRE(s.undo());
    REQUIRE(s.undo());
    REQUIRE(s.undo());
    REQUIRE(s.anchors().empty());
    REQUIRE_FALSE(s.undo());
    REQUIRE(s.redo());
    REQUIRE(s.anchors() == std::vector<Index>{3});

    // A new edit after undo drops the redo branch.
    REQUIRE(s.toggleAnchor(10));
    REQUIRE_FALSE(s.redo());
    REQUIRE(s.anchors() == std::vector<Index>{3, 10});
    REQUIRE(s.removeAnchors({3}));
    REQUIRE(s.anchors() == std::vector<Index>{10});
}

TEST_CASE("sessions round-trip through JSON", "[session]") {
    TempDir dir;
    std::vector<std::string> keysA, keysB;
    for (int i = 0; i < 30; ++i) keysA.push_back("s" + std::to_string(i));
    for (int i = 29; i >= 5; --i) keysB.push_back("s" + std::to_string(i));
    const std::string a = writeVec(dir, "a.vec", keysA, 4, 1);
    const std::string b = writeVec(dir, "b.vec", keysB, 6, 2);

    SessionFile spec;
    spec.path = dir.file("in.json");
    spec.spaces = {{a, "", -1, -1}, {b, "model B", -1, -1}};
    spec.reference = 1;
    Result<Session> opened = openSession(spec);
    REQUIRE(opened);
    Session& s = *opened;
    REQUIRE(s.space(1).name == "model B");
    REQUIRE(s.setAnchors({0, 3, 7}));
    s.settings.metricsK = 7;
    s.settings.translation.method = TranslationMethod::Affine;
    s.settings.relative.similarities = {Similarity::Cosine, Similarity::Euclidean};
    s.settings.sharedBasis = true;

    const std::string path = dir.file("session.json");
    REQUIRE(writeSessionFile(path, s));
    REQUIRE(std::filesystem::exists(path));
    // Data below the session folder is stored with a relative path.
    REQUIRE(lb::test::readFileBytes(path).find("\"a.vec\"") != std::string::npos);

    Result<SessionFile> f = readSessionFile(path);
    REQUIRE(f);
    REQUIRE(f->spaces.size() == 2);
    REQUIRE(f->spaces[0].n == 30);
    REQUIRE(f->anchors.kind == AnchorSpec::Kind::Keys);
    Result<Session> back = openSession(*f);
    REQUIRE(back);
    REQUIRE(back->reference() == 1);
    REQUIRE(back->anchors() == s.anchors());
    REQUIRE(back->settings.metricsK == 7);
    REQUIRE(back->settings.translation.method == TranslationMethod::Affine);
    REQUIRE(back->settings.relative.similarities.size() == 2);
    REQUIRE(back->settings.sharedBasis);
    REQUIRE_FALSE(back->history().canUndo());
    REQUIRE(back->space(1).name == "model B");

    SECTION("a file whose shape changed since saving is refused, naming the file") {
        writeVec(dir, "a.vec", std::vector<std::string>(keysA.begin(), keysA.begin() + 20), 4, 1);
        Result<Session> r = openSession(*f);
        REQUIRE_FALSE(r);
        REQUIRE(r.error().code == ErrorCode::BadInput);
        REQUIRE(r.error().path == a);
        REQUIRE(r.error().message.find("shape changed") != std::string::npos);
    }
    SECTION("a missing data file is refused with its name") {
        std::filesystem::remove(b);
        Result<Session> r = openSession(*f);
        REQUIRE_FALSE(r);
        REQUIRE(r.error().path == b);
    }
}

TEST_CASE("reading session files validates them", "[session]") {
    TempDir dir;
    SECTION("missing file") {
        Result<SessionFile> r = readSessionFile(dir.file("nope.json"));
        REQUIRE_FALSE(r);
        REQUIRE(r.error().code == ErrorCode::Io);
    }
    SECTION("bad JSON names the session file") {
        const std::string p = dir.write("bad.json", "{\"spaces\": [\"a.npy\",, ]");
        Result<SessionFile> r = readSessionFile(p);
        REQUIRE_FALSE(r);
        REQUIRE(r.error().code == ErrorCode::BadInput);
        REQUIRE(r.error().path == p);
    }
    SECTION("wrong types and out-of-range reference are refused") {
        REQUIRE_FALSE(readSessionFile(dir.write("t.json", "{\"spaces\": [3]}")));
        REQUIRE_FALSE(readSessionFile(dir.write("r.json", "{\"spaces\": [\"a.npy\"], \"reference\": 2}")));
        REQUIRE_FALSE(readSessionFile(dir.write("e.json", "{\"spaces\": [], \"settings\": {\"translation\": {\"method\": \"magic\"}}}")));
        REQUIRE_FALSE(readSessionFile(dir.write("k.json", "{\"spaces\": [], \"settings\": {\"metrics\": {\"k\": \"ten\"}}}")));
    }
    SECTION("unknown fields are ignored; the demo format (strategy anchors, plain paths) is accepted") {
        const std::string p = dir.write("demo.json",
            "{\"spaces\": [\"x.npz\", \"/abs/y.npz\"], \"reference\": 1, \"future\": {\"a\": 1},"
            " \"anchors\": {\"strategy\": \"per-class\", \"count\": 12, \"seed\": 3}}");
        Result<SessionFile> r = readSessionFile(p);
        REQUIRE(r);
        REQUIRE(r->spaces[0].path == dir.file("x.npz"));
        REQUIRE(r->spaces[1].path == "/abs/y.npz");
        REQUIRE(r->reference == 1);
        REQUIRE(r->anchors.kind == AnchorSpec::Kind::Strategy);
        REQUIRE(r->anchors.selection.strategy == AnchorStrategy::PerClass);
        REQUIRE(r->anchors.selection.count == 12);
        REQUIRE(r->anchors.selection.seed == 3);
    }
}

TEST_CASE("an atomic write leaves no partial file when it fails", "[session]") {
    TempDir dir;
    Session s;
    s.addSpace(dir.file("a.npy"), makeSpace("a", 4, 2, 1));
    REQUIRE(s.setAnchors({1, 2}));
    const std::string good = dir.file("s.json");
    REQUIRE(writeSessionFile(good, s));
    const std::string before = lb::test::readFileBytes(good);

    SECTION("missing directory") {
        const Status st = writeSessionFile(dir.file("no/such/dir/s.json"), s);
        REQUIRE_FALSE(st);
        REQUIRE(st.code() == ErrorCode::Io);
        REQUIRE(st.error().path == dir.file("no/such/dir/s.json"));
    }
    SECTION("the target is a directory: the old content survives, no temp file remains") {
        const std::string target = dir.file("taken");
        std::filesystem::create_directory(target);
        std::filesystem::create_directory(target + "/child");  // a non-empty directory cannot be replaced
        REQUIRE_FALSE(writeSessionFile(target, s));
        REQUIRE(std::filesystem::is_directory(target));
    }
    SECTION("an unwritable directory (skipped when running as root, who may write anyway)") {
        if (::geteuid() != 0) {
            const std::string ro = dir.file("ro");
            std::filesystem::create_directory(ro);
            ::chmod(ro.c_str(), 0555);
            REQUIRE_FALSE(writeSessionFile(ro + "/s.json", s));
            ::chmod(ro.c_str(), 0755);
        }
    }
    // Whatever failed, the earlier good file is intact and no temp file is left behind.
    REQUIRE(lb::test::readFileBytes(good) == before);
    for (const auto& e : std::filesystem::recursive_directory_iterator(dir.file("")))
        REQUIRE(e.path().filename().string().find(".tmp-") == std::string::npos);
}
