// Anchors with explicit partners (Session::partners, a discovered pair that need not be one sample): the partner
// overrides the key match in the session and in every analysis that reads anchors per space (pair rows, the views,
// stitching), survives undo/redo, a change of reference and a session file.
#include "core/analysis/pair_rows.h"
#include "core/analysis/similarity_table.h"
#include "core/analysis/stitching_matrix.h"
#include "core/analysis/view_layouts.h"
#include "core/session/session.h"
#include "core/session/session_file.h"
#include "core/stitch/paired_anchor_stitching.h"
#include "tests/core/analysis/analysis_fixture.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace lb;

namespace {

// The rotated session (B = A rotated, rows reversed: B's row of reference row a is n-1-a), 40 anchors, plus two
// discovered pairs whose partners in B are deliberately wrong: anchor 3 -> B row 10, anchor 8 -> B row 20.
constexpr Index kN = 240;
void fillWithPartners(Session& s) {
    test::fillRotatedSession(s, kN);
    REQUIRE(s.addAnchorPairs({3, 8}, 1, {10, 20}, "grow 2"));
}

// Space i's row map with the given overrides, built by hand: what the session's mapping must equal.
std::vector<Index> mapWith(const Session& s, size_t i, const std::vector<std::pair<Index, Index>>& overrides) {
    std::vector<Index> map = s.entry(i).fromRef;
    for (const auto& [a, r] : overrides) map[static_cast<size_t>(a)] = r;
    return map;
}

}  // namespace

TEST_CASE("an anchor's partner overrides its key match; undo and redo restore it", "[session][partners]") {
    Session s;
    test::fillRotatedSession(s, kN);
    const uint64_t none = s.partnersFingerprint();
    REQUIRE(s.rowInSpace(1, 3) == kN - 1 - 3);
    REQUIRE(s.addAnchorPairs({3, 8}, 1, {10, 20}, "grow 2"));
    REQUIRE(s.anchors().size() == 42);
    CHECK(s.history().undoLabel() == "grow 2");
    CHECK(s.partnerOf(3, 1) == 10);
    CHECK(s.partnerOf(1, 1) == -1);
    CHECK(s.hasPartner(8));
    CHECK_FALSE(s.hasPartner(1));
    CHECK(s.anchorRowIn(1, 3) == 10);
    CHECK(s.anchorRowIn(0, 3) == 3);                   // the reference row is the anchor itself
    CHECK(s.anchorRowIn(1, 1) == s.rowInSpace(1, 1));  // no partner: the key match
    const std::vector<Index> rowsB = s.anchorRowsIn(1);
    CHECK(rowsB[40] == 10);
    CHECK(rowsB[41] == 20);
    CHECK(s.anchorRowMapIn(1) == mapWith(s, 1, {{3, 10}, {8, 20}}));
    CHECK(s.anchorRowMapIn(0) == s.entry(0).fromRef);
    CHECK(s.commonAnchors().size() == 42);
    CHECK(s.anchorAtRow(1, 10) == 3);           // a click on the partner's marker means anchor 3
    CHECK(s.anchorAtRow(1, kN - 1 - 3) == -1);  // 3's key match in B is no anchor's row
    CHECK(s.anchorAtRow(1, kN - 1 - 6) == 6);
    CHECK(s.partnersFingerprint() != none);

    // Already an anchor, the reference as the space, a row out of range: nothing is added.
    CHECK_FALSE(s.addAnchorPairs({3}, 1, {11}));
    CHECK_FALSE(s.addAnchorPairs({4}, 0, {4}));
    CHECK_FALSE(s.addAnchorPairs({4}, 1, {kN}));
    CHECK(s.partnerOf(3, 1) == 10);

    // Removing an anchor removes its partner; undo brings both back.
    REQUIRE(s.removeAnchors({3}));
    CHECK(s.partnerOf(3, 1) == -1);
    CHECK(s.partners().size() == 1);
    REQUIRE(s.undo());
    CHECK(s.partnerOf(3, 1) == 10);
    REQUIRE(s.undo());  // before the pairs
    CHECK(s.partners().empty());
    CHECK(s.anchors().size() == 40);
    CHECK(s.partnersFingerprint() == none);
    REQUIRE(s.redo());
    CHECK(s.partnerOf(3, 1) == 10);
    CHECK(s.partnerOf(8, 1) == 20);
    // A plain list replaces the anchors and their partners.
    REQUIRE(s.setAnchors({3, 8}));
    CHECK(s.partners().empty());
    CHECK(s.anchorRowIn(1, 3) == kN - 1 - 3);
    REQUIRE(s.undo());
    CHECK(s.partnerOf(3, 1) == 10);
}

TEST_CASE("a change of reference keeps every anchor's rows; removing a space drops its partners",
          "[session][partners]") {
    Session s;
    fillWithPartners(s);
    const std::vector<Index> rowsA = s.anchorRowsIn(0), rowsB = s.anchorRowsIn(1);
    REQUIRE(s.setReference(1) == 0);
    // The anchors are now B's rows (the partner for the discovered pairs), and A keeps its rows as partners.
    CHECK(s.anchors() == rowsB);
    CHECK(s.anchorRowsIn(0) == rowsA);
    CHECK(s.anchorRowsIn(1) == rowsB);
    REQUIRE(s.partners().size() == 2);
    CHECK(s.partnerOf(10, 0) == 3);
    REQUIRE(s.setReference(0) == 0);
    CHECK(s.anchors() == rowsA);
    CHECK(s.anchorRowsIn(1) == rowsB);
    CHECK(s.partnerOf(3, 1) == 10);

    SECTION("removing the partner's space drops the partners, in the history too") {
        s.addSpace("c.npz", s.entry(1).space);  // a third space, same rows as B
        REQUIRE(s.addAnchorPairs({13}, 2, {30}, "grow towards c"));
        s.removeSpace(1);
        REQUIRE(s.spaceCount() == 2);
        REQUIRE(s.partners().size() == 1);
        CHECK(s.partnerOf(13, 1) == 30);  // c is space 1 now
        REQUIRE(s.undo());
        CHECK(s.partners().empty());
        REQUIRE(s.redo());
        CHECK(s.partnerOf(13, 1) == 30);
    }
}

TEST_CASE("analyses read the partner's row: pair rows, views, stitching", "[session][partners][analysis]") {
    Session s;
    fillWithPartners(s);

    SECTION("pair rows: the fits use the partners; the rows of a discovered pair leave the evaluation") {
        const PairRows r = pairRows(s, 1, 0);
        REQUIRE(r.anchorRowsA == s.anchorRowsIn(1));
        REQUIRE(r.anchorRowsB == s.anchorRowsIn(0));
        const std::vector<Index> eval = evaluatedPositions(r, EvaluationProtocol::Standard);
        CHECK(eval.size() == r.rowsA.size() - 44);  // 40 anchors + 2 pairs touching 2 samples each
        for (Index p : eval) {
            const Index a = r.rowsA[static_cast<size_t>(p)], b = r.rowsB[static_cast<size_t>(p)];
            CHECK(std::find(r.anchorRowsA.begin(), r.anchorRowsA.end(), a) == r.anchorRowsA.end());
            CHECK(std::find(r.anchorRowsB.begin(), r.anchorRowsB.end(), b) == r.anchorRowsB.end());
        }
        CHECK(evaluatedPositions(r, EvaluationProtocol::Paper).size() == r.rowsA.size());
        Result<SimilarityTable> t = computeSimilarityTable(similarityInput(s, 1, 0, false));
        REQUIRE(t);
        CHECK(t->k == 42);
        CHECK(t->evaluated == static_cast<Index>(eval.size()));
    }

    SECTION("views: the session's layouts are those of the explicitly mapped rows, not of the key match") {
        std::vector<SpacePtr> spaces{s.entry(0).space, s.entry(1).space};
        Result<AbsoluteLayouts> abs = computeAbsoluteLayouts(spaces, 0, s.settings.view);
        REQUIRE(abs);
        const auto layouts = [&](const std::vector<Index>& mapB) {
            AnchoredLayoutInput in = anchoredLayoutInput(s, abs->refPca, makeAnchoredLayoutCache());
            if (!mapB.empty()) in.rowsFromRef[1] = mapB;
            return computeAnchoredLayouts(in).value();
        };
        const AnchoredLayouts session = layouts({});
        const AnchoredLayouts explicitRows = layouts(mapWith(s, 1, {{3, 10}, {8, 20}}));
        const AnchoredLayouts keyMatch = layouts(s.entry(1).fromRef);
        REQUIRE_FALSE(session.relativeXY[1].empty());
        REQUIRE_FALSE(session.translatedXY[1].empty());
        CHECK(session.relativeXY[1] == explicitRows.relativeXY[1]);
        CHECK(session.translatedXY[1] == explicitRows.translatedXY[1]);
        CHECK(session.translatedXY[1] != keyMatch.translatedXY[1]);
    }

    SECTION("stitching: B -> A scores what stitchWithAnchorPairs scores for the same pairs") {
        Result<StitchingMatrix> m = computeStitchingMatrix(stitchingMatrixInput(s));
        REQUIRE(m);
        const StitchCell& cell = m->at(1, 0);
        REQUIRE(cell.ok);
        CHECK(cell.k == 42);
        std::vector<std::pair<Index, Index>> pairs;
        const std::vector<Index> rowsB = s.anchorRowsIn(1), rowsA = s.anchorRowsIn(0);
        for (size_t k = 0; k < rowsA.size(); ++k) pairs.emplace_back(rowsB[k], rowsA[k]);
        const StitchingData data = prepareStitchingData(s.space(1), s.space(0), StitchingRows::Only).value();
        const StitchingOptions options =
            stitchingOptions(s.settings.stitching, s.settings.relative, s.settings.translation);
        const StitchingResult direct = stitchWithAnchorPairs(s.space(1), s.space(0), data, pairs, options).value();
        CHECK(cell.nTest == direct.nTest);
        CHECK(cell.scores.relative == direct.scores.relative);
        REQUIRE(cell.scores.translated.size() == direct.scores.translated.size());
        for (size_t i = 0; i < direct.scores.translated.size(); ++i)
            CHECK(cell.scores.translated[i].second == direct.scores.translated[i].second);
    }
}

TEST_CASE("session files save and restore partners; files without them open as before", "[session][partners]") {
    test::TempDir dir;
    Session s;
    fillWithPartners(s);
    REQUIRE(s.removeAnchors({8}));  // an edit after the pairs: the history holds partners before and after
    // Saved beside data files of the same spaces (the fixture's spaces live in memory only).
    SessionFile spec;
    for (size_t i = 0; i < 2; ++i) {
        const LatentSpace& sp = s.space(i);
        std::string text = std::to_string(sp.n()) + " " + std::to_string(sp.d()) + "\n";
        for (Index r = 0; r < sp.n(); ++r) {
            text += sp.keys[static_cast<size_t>(r)];
            for (Index j = 0; j < sp.d(); ++j) text += " " + std::to_string(sp.embeddings.view()(r, j));
            text += "\n";
        }
        spec.spaces.push_back({dir.write(sp.name + ".vec", text), sp.name, -1, -1});
    }
    spec.path = dir.file("in.json");
    Result<Session> opened = openSession(spec);
    REQUIRE(opened);
    Session& o = *opened;
    REQUIRE(o.setAnchors(std::vector<Index>(s.anchors().begin(), s.anchors().begin() + 40)));
    REQUIRE(o.addAnchorPairs({3, 8}, 1, {10, 20}, "grow 2"));
    REQUIRE(o.removeAnchors({8}));
    const std::string path = dir.file("session.json");
    REQUIRE(writeSessionFile(path, o));
    const std::string text = test::readFileBytes(path);
    CHECK(text.find("\"partners\"") != std::string::npos);

    Result<SessionFile> f = readSessionFile(path);
    REQUIRE(f);
    CHECK(f->warnings.empty());
    CHECK(f->version == kSessionVersion);
    Result<Session> back = openSession(*f);
    REQUIRE(back);
    CHECK(back->anchors() == o.anchors());
    CHECK(back->partners() == o.partners());
    CHECK(back->partnerOf(3, 1) == 10);
    REQUIRE(back->undo());
    CHECK(back->partnerOf(8, 1) == 20);
    REQUIRE(back->undo());
    CHECK(back->partners().empty());

    SECTION("a file without partners (an older one) opens with key-matched anchors") {
        nlohmann::json j = nlohmann::json::parse(text);
        const auto strip = [](nlohmann::json& list) { list.erase("partners"); };
        strip(j["anchors"]);
        for (const char* stack : {"undo", "redo"})
            for (nlohmann::json& e : j["anchors"]["history"][stack]) {
                strip(e["before"]);
                strip(e["after"]);
            }
        const std::string old = j.dump(2);
        REQUIRE(old.find("partners") == std::string::npos);
        const std::string oldPath = dir.write("old.json", old);
        Result<SessionFile> of = readSessionFile(oldPath);
        REQUIRE(of);
        Result<Session> ob = openSession(*of);
        REQUIRE(ob);
        CHECK(ob->anchors() == o.anchors());
        CHECK(ob->partners().empty());
        CHECK(ob->anchorRowIn(1, 3) == kN - 1 - 3);
        REQUIRE(ob->undo());
        CHECK(ob->partners().empty());
    }
    SECTION("a partner naming a key the space lacks is refused") {
        std::string bad = text;
        const size_t at = bad.find("\"key\"", bad.find("\"partners\""));
        REQUIRE(at != std::string::npos);
        bad.insert(bad.find('"', at + 6) + 1, "nope-");
        Result<SessionFile> bf = readSessionFile(dir.write("bad.json", bad));
        REQUIRE(bf);
        Result<Session> bs = openSession(*bf);
        REQUIRE_FALSE(bs);
        CHECK(bs.error().code == ErrorCode::BadInput);
        CHECK(bs.error().message.find("anchor partner") != std::string::npos);
    }
}
