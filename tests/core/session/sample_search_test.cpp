// Finding samples by key, class name or text (core/session/sample_search.h), in one space and across a session.
#include "core/session/sample_search.h"

#include "tests/support/test_helpers.h"

#include <catch2/catch.hpp>

using namespace lb;

namespace {

// Six samples: keys img_0..img_5, classes Sandal/Shirt/Bag cycling, a caption each; `reversed` stores the rows
// in the opposite order (as a second model's export might), so matching goes through the keys.
std::shared_ptr<const LatentSpace> captioned(const std::string& name, bool reversed, bool withTexts) {
    const std::vector<std::string> captions = {"a red sandal",    "white SHIRT",   "leather bag",
                                               "sandal, strappy", "striped shirt", "a tote bag"};
    LatentSpace s;
    s.name = name;
    s.embeddings = Embeddings(test::randomMatrix(6, 4, reversed ? 2u : 1u));
    s.labelNames = {"Sandal", "Shirt", "Bag"};
    for (int i = 0; i < 6; ++i) {
        const int sample = reversed ? 5 - i : i;
        s.keys.push_back("img_" + std::to_string(sample));
        s.labels.push_back(sample % 3);
        if (withTexts) s.texts.push_back(captions[static_cast<size_t>(sample)]);
    }
    return std::make_shared<const LatentSpace>(std::move(s));
}

}  // namespace

TEST_CASE("sample search: keys, class names and texts, case-insensitive; blank finds nothing", "[session][search]") {
    const auto s = captioned("a", false, true);
    CHECK(findRows(*s, "IMG_4") == std::vector<Index>{4});
    CHECK(findRows(*s, "sandal") == std::vector<Index>{0, 3});   // class Sandal (rows 0, 3), captions agree
    CHECK(findRows(*s, "striped") == std::vector<Index>{4});     // text only
    CHECK(findRows(*s, "a") == std::vector<Index>{0, 2, 3, 5});  // Sandal and Bag; no Shirt row has an "a"
    CHECK(findRows(*s, "tote") == std::vector<Index>{5});
    CHECK(findRows(*s, "  ").empty());
    CHECK(findRows(*s, "").empty());
    CHECK(findRows(*s, "zebra").empty());
}

TEST_CASE("sample search: a file without keys is searched by row number", "[session][search]") {
    LatentSpace s;
    s.embeddings = Embeddings(test::randomMatrix(13, 2, 3));
    CHECK(findRows(s, "12") == std::vector<Index>{12});
    CHECK(findRows(s, "1") == std::vector<Index>{1, 10, 11, 12});
}

TEST_CASE("sample search: a text held by one space finds the sample in the reference's rows", "[session][search]") {
    Session session;
    session.addSpace("ref.npz", captioned("ref", false, false));    // reference: no texts
    session.addSpace("other.npz", captioned("other", true, true));  // rows reversed, with captions
    // "tote" is sample img_5's caption: row 0 of the other space, row 5 of the reference.
    CHECK(findSamples(session, "tote") == std::vector<Index>{5});
    // Class "Shirt" matches in both spaces; the result is unique and ascending.
    CHECK(findSamples(session, "shirt") == std::vector<Index>{1, 4});
    CHECK(findSamples(session, "nothing like it").empty());
}
