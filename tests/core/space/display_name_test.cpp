#include "core/space/display_name.h"
#include "core/session/session.h"

#include <catch2/catch.hpp>

using namespace lb;

TEST_CASE("default space names: file stem, projector files take their folder", "[space][names]") {
    CHECK(defaultSpaceName("/data/cnn_s0.npz") == "cnn_s0");
    CHECK(defaultSpaceName("runs/resnet/tensors.tsv") == "resnet");
    CHECK(defaultSpaceName("/x/vit/tensors.tsv") == "vit");
    CHECK(defaultSpaceName("tensors.tsv") == "tensors");  // no folder to name it after
    CHECK(defaultSpaceName("/x/vit/words.tsv") == "words");
}

TEST_CASE("display names are unique in a session", "[space][names]") {
    CHECK(uniqueDisplayName("mlp", {}) == "mlp");
    CHECK(uniqueDisplayName("mlp", {"cnn"}) == "mlp");
    CHECK(uniqueDisplayName("mlp", {"mlp"}) == "mlp (2)");
    CHECK(uniqueDisplayName("mlp", {"mlp", "mlp (2)"}) == "mlp (3)");
    CHECK(uniqueDisplayName("mlp", {"mlp", "mlp (3)"}) == "mlp (2)");
}

TEST_CASE("long names are shortened in the middle, keeping start and end", "[space][names]") {
    CHECK(shortenMiddle("short", 10) == "short");
    CHECK(shortenMiddle("0123456789", 10) == "0123456789");
    const std::string s = shortenMiddle("resnet50_imagenet_seed1", 12);
    CHECK(s == "resne...eed1");
    CHECK(s.size() == 12);
    CHECK(shortenMiddle("resnet50_imagenet_seed1", 12) != shortenMiddle("resnet50_imagenet_seed2", 12));
    // UTF-8 characters are never split: "é" is 2 bytes but one character.
    const std::string u = shortenMiddle("ééééééééééé", 7);
    CHECK(u == "éé...éé");
    CHECK(shortenMiddle("abcdefghij", 1) == "a...j");  // at least 5 characters
}

TEST_CASE("a session gives a second space of the same name a suffix", "[session][names]") {
    Session session;
    for (int k = 0; k < 3; ++k) {
        LatentSpace s;
        s.name = "tensors";
        s.embeddings = Embeddings(RowMatrixXf::Zero(2, 2));
        session.makeNameUnique(s);
        session.addSpace("x" + std::to_string(k) + ".npy", std::make_shared<const LatentSpace>(std::move(s)));
    }
    CHECK(session.space(0).name == "tensors");
    CHECK(session.space(1).name == "tensors (2)");
    CHECK(session.space(2).name == "tensors (3)");
}
