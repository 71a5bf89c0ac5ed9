#include "core/session/session.h"
#include "core/session/session_file.h"

#include "core/io/atomic_file.h"
#include "core/io/npy.h"
#include "tests/support/test_helpers.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>
#include <filesystem>

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
    REQUIRE(s.addAnchors({5, 7, 3, 99, -1}));  // 3 duplicate, 99 and -1 out of range: ignored
    REQUIRE(s.anchors() == std::vector<Index>{3, 5, 7});
    REQUIRE(s.toggleAnchor(5));  // removes
    REQUIRE(s.anchors() == std::vector<Index>{3, 7});
    REQUIRE(s.setAnchors({1, 2}, "select 2 (random)"));
    REQUIRE(s.history().undoLabel() == "select 2 (random)");
    REQUIRE_FALSE(s.setAnchors({1, 2}));  // no change, nothing recorded
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
    REQUIRE(s.addAnchors({9}));
    REQUIRE(s.addAnchors({11, 12}));
    REQUIRE(s.undo());  // one edit to redo, two to undo
    // Every setting a user can edit, away from its default.
    SessionSettings& set = s.settings;
    set.translation.method = TranslationMethod::Affine;
    set.translation.l2 = true;
    set.relative.similarities = {Similarity::Cosine, Similarity::Euclidean};
    set.relative.post = PostNormalization::Standardize;
    set.similarity.protocol = EvaluationProtocol::Paper;
    set.similarity.kJaccard = 7;
    set.similarity.maxQueries = 123;
    set.similarity.rbfRows = 321;
    set.similarity.linearRows = 999;
    set.similarity.seed = 5;
    set.similarity.preview.enabled = false;
    set.similarity.preview.queries = 77;
    set.stitching.head = HeadKind::Logistic;
    set.stitching.logisticLambda = 0.5;
    set.stitching.testFraction = 0.3;
    set.stitching.seed = 9;
    set.curves.anchorCounts = {4, 8};
    set.view.sharedBasis = true;
    s.layout.panelsRecorded = true;
    s.layout.openPanels = {"curves"};
    s.layout.similarityA = 1;
    s.layout.similarityB = 0;
    s.layout.stitchShown = StitchMethod::Linear;
    s.layout.stitchLive = false;
    s.layout.hiddenClasses = {2};

    const std::string path = dir.file("session.json");
    REQUIRE(writeSessionFile(path, s));
    REQUIRE(std::filesystem::exists(path));
    // Data below the session folder is stored with a relative path.
    REQUIRE(lb::test::readFileBytes(path).find("\"a.vec\"") != std::string::npos);

    Result<SessionFile> f = readSessionFile(path);
    REQUIRE(f);
    CHECK(f->warnings.empty());
    REQUIRE(f->version == kSessionVersion);
    REQUIRE(f->spaces.size() == 2);
    REQUIRE(f->spaces[0].n == 30);
    REQUIRE(f->anchors.kind == AnchorSpec::Kind::Keys);
    Result<Session> back = openSession(*f);
    REQUIRE(back);
    REQUIRE(back->reference() == 1);
    REQUIRE(back->anchors() == s.anchors());
    // Everything saved comes back: compared through the one JSON form of the settings.
    CHECK(settingsToJson(back->settings) == settingsToJson(s.settings));
    CHECK(back->settings.similarity.kJaccard == 7);
    CHECK(back->settings.stitching.head == HeadKind::Logistic);
    CHECK(back->settings.view.sharedBasis);
    CHECK(back->layout.openPanels == std::vector<std::string>{"curves"});
    CHECK(back->layout.similarityA == 1);
    CHECK(back->layout.stitchShown == StitchMethod::Linear);
    CHECK_FALSE(back->layout.stitchLive);
    CHECK(back->layout.hiddenClasses == std::vector<int>{2});
    // The undo history too: undo twice and redo back to where the user was.
    REQUIRE(back->history().undoDepth() == s.history().undoDepth());
    REQUIRE(back->redo());
    CHECK(back->anchors().size() == 6);
    REQUIRE(back->undo());
    REQUIRE(back->undo());
    CHECK(back->anchors() == std::vector<Index>{0, 3, 7});
    REQUIRE(back->undo());
    CHECK(back->anchors().empty());  // before the first recorded edit
    CHECK_FALSE(back->history().canUndo());
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
    SECTION("a number too large for any JSON number type names the session file") {
        const std::string p = dir.write("huge.json", "{\"spaces\": [\"a.npy\", " + std::string(400, '5') + "]}");
        Result<SessionFile> r = readSessionFile(p);
        REQUIRE_FALSE(r);
        REQUIRE(r.error().code == ErrorCode::BadInput);
        REQUIRE(r.error().path == p);
    }
    SECTION("wrong types, out-of-range values and references are refused, naming the file and the field") {
        const auto refused = [&](const char* name, const char* text, const char* field) {
            Result<SessionFile> r = readSessionFile(dir.write(name, text));
            REQUIRE_FALSE(r);
            CHECK(r.error().code == ErrorCode::BadInput);
            CHECK(r.error().path == dir.file(name));
            INFO(r.error().message);
            CHECK(r.error().message.find(field) != std::string::npos);
        };
        refused("t.json", "{\"spaces\": [3]}", "spaces");
        refused("r.json", "{\"spaces\": [\"a.npy\"], \"reference\": 2}", "reference");
        refused("n.json", "{\"spaces\": [\"a.npy\"], \"reference\": -1}", "reference");
        refused("e.json", "{\"spaces\": [], \"settings\": {\"translation\": {\"method\": \"magic\"}}}", "method");
        refused("k.json", "{\"spaces\": [], \"settings\": {\"metrics\": {\"k\": \"ten\"}}}", "metrics.k");
        refused("c.json", "{\"spaces\": [\"a.npy\"], \"anchors\": {\"strategy\": \"random\", \"count\": -5}}", "count");
        refused("q.json", "{\"spaces\": [], \"settings\": {\"similarity\": {\"queries\": -1}}}", "similarity.queries");
        refused("f.json", "{\"spaces\": [], \"settings\": {\"stitching\": {\"test_fraction\": 2}}}", "test_fraction");
        refused("l.json", "{\"spaces\": [\"a.npy\"], \"layout\": {\"similarity\": {\"a\": 4}}}", "layout.similarity.a");
        refused("p.json", "{\"spaces\": [], \"settings\": {\"similarity\": {\"protocol\": \"loose\"}}}", "protocol");
    }
    SECTION("version 1 settings are read into their version 2 places") {
        Result<SessionFile> r = readSessionFile(dir.write(
            "v1.json",
            "{\"format\": \"latentbridge-session\", \"version\": 1, \"spaces\": [],"
            " \"settings\": {\"head\": {\"kind\": \"file\", \"test_fraction\": 0.25}, \"metrics\": {\"k\": 7}}}"));
        REQUIRE(r);
        CHECK(r->warnings.empty());
        CHECK(r->settings.stitching.head == HeadKind::Fixed);
        CHECK(r->settings.stitching.testFraction == 0.25);
        CHECK(r->settings.similarity.kJaccard == 7);
    }
    SECTION("unknown fields are warnings naming the file and the field; the demo format is accepted") {
        const std::string p =
            dir.write("demo.json",
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
        REQUIRE(r->warnings.size() == 1);
        CHECK(r->warnings[0].find(p) == 0);
        CHECK(r->warnings[0].find("\"future\"") != std::string::npos);
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
        REQUIRE_FALSE(io::isAtomicTempName(e.path().filename().string()));
}
