#include "core/space/label_alignment.h"

#include "core/io/load_space.h"
#include "core/io/npy.h"
#include "core/stitch/stitching.h"
#include "tests/support/test_helpers.h"

#include <catch2/catch.hpp>

using namespace lb;

namespace {
// Six samples of three classes. The .npy sidecar keeps label_names in the order shirt, bag, coat; the projector
// metadata.tsv names the same classes, which its reader numbers byte-wise (bag, coat, shirt).
const std::vector<std::string> kNames = {"shirt", "bag", "coat"};
const std::vector<int32_t> kLabels = {0, 1, 2, 0, 1, 2};

std::string writeNamedNpy(const test::TempDir& dir) {
    RowMatrixXf m(6, 2);
    for (Index i = 0; i < 6; ++i) m.row(i) << static_cast<float>(i), static_cast<float>(i % 3);
    REQUIRE(writeNpy(dir.file("named.npy"), ConstRowMatrixRef(m)));
    dir.write("named.json",
              R"({"keys": ["k0","k1","k2","k3","k4","k5"], "labels": [0,1,2,0,1,2],
                  "label_names": ["shirt","bag","coat"]})");
    return dir.file("named.npy");
}

std::string writeProjector(const test::TempDir& dir, const std::vector<std::string>& rowNames) {
    std::string tensors, meta = "key\tlabel\n";
    for (size_t i = 0; i < rowNames.size(); ++i) {
        tensors += std::to_string(i) + "\t" + std::to_string(i % 3) + "\n";
        meta += "k" + std::to_string(i) + "\t" + rowNames[i] + "\n";
    }
    dir.write("metadata.tsv", meta);
    return dir.write("tensors.tsv", tensors);
}

std::vector<std::string> namesOf(const std::vector<int32_t>& labels) {
    std::vector<std::string> out;
    for (int32_t l : labels) out.push_back(kNames[static_cast<size_t>(l)]);
    return out;
}
}  // namespace

TEST_CASE("projector and named .npy spaces get the same label ids after alignment", "[space][labels]") {
    test::TempDir npyDir, tsvDir;
    Result<LatentSpace> npy = loadSpace(writeNamedNpy(npyDir));
    Result<LatentSpace> tsv = loadSpace(writeProjector(tsvDir, namesOf(kLabels)));
    REQUIRE(npy);
    REQUIRE(tsv);
    REQUIRE(npy->labels == kLabels);
    // Without alignment the ids differ (byte-wise order): that is what made stitch refuse.
    REQUIRE(tsv->labelNames == std::vector<std::string>{"bag", "coat", "shirt"});
    REQUIRE(tsv->labels != npy->labels);

    Result<std::vector<int32_t>> inTarget = sourceLabelsInTargetIds(*tsv, *npy);
    REQUIRE(inTarget);
    CHECK(*inTarget == kLabels);

    Result<StitchingData> d = prepareStitchingData(*tsv, *npy, StitchingRows::Only);
    REQUIRE(d);
    CHECK(d->labels == kLabels);

    alignLabelsByName(*tsv, npy->labelNames);
    CHECK(tsv->labelNames == kNames);
    CHECK(tsv->labels == kLabels);
    CHECK(validateSpace(*tsv));
}

TEST_CASE("alignLabelsByName keeps classes the reference lacks after its names", "[space][labels]") {
    LatentSpace s;
    s.labelNames = {"b", "z", "a"};
    s.labels = {0, 1, 2, 1};
    alignLabelsByName(s, {"a", "b", "c"});
    CHECK(s.labelNames == std::vector<std::string>{"a", "b", "c", "z"});
    CHECK(s.labels == std::vector<int32_t>{1, 3, 0, 3});
}

TEST_CASE("label names that truly disagree are refused naming both files", "[space][labels]") {
    test::TempDir npyDir, tsvDir;
    Result<LatentSpace> npy = loadSpace(writeNamedNpy(npyDir));
    REQUIRE(npy);

    SECTION("a class name missing on one side") {
        std::vector<std::string> names = namesOf(kLabels);
        names[4] = "hat";
        Result<LatentSpace> tsv = loadSpace(writeProjector(tsvDir, names));
        REQUIRE(tsv);
        Result<StitchingData> d = prepareStitchingData(*tsv, *npy, StitchingRows::Only);
        REQUIRE_FALSE(d);
        const std::string msg = d.error().describe();
        CHECK(msg.find("\"hat\"") != std::string::npos);
        CHECK(msg.find(tsv->path) != std::string::npos);
        CHECK(msg.find(npy->path) != std::string::npos);
    }
    SECTION("a sample with another class") {
        std::vector<std::string> names = namesOf(kLabels);
        std::swap(names[0], names[1]);
        Result<LatentSpace> tsv = loadSpace(writeProjector(tsvDir, names));
        REQUIRE(tsv);
        Result<StitchingData> d = prepareStitchingData(*tsv, *npy, StitchingRows::Only);
        REQUIRE_FALSE(d);
        const std::string msg = d.error().describe();
        CHECK(msg.find("labels disagree") != std::string::npos);
        CHECK(msg.find(npy->path) != std::string::npos);
        CHECK(msg.find("\"bag\"") != std::string::npos);
    }
}
