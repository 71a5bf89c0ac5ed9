#include "app/cli/suggest.h"
#include "app/cli/cli_args.h"

#include <catch2/catch.hpp>

using namespace lb::cli;

TEST_CASE("editDistance counts insertions, deletions and substitutions", "[cli][suggest]") {
    CHECK(editDistance("", "") == 0);
    CHECK(editDistance("", "abc") == 3);
    CHECK(editDistance("abc", "") == 3);
    CHECK(editDistance("compar", "compare") == 1);
    CHECK(editDistance("kitten", "sitting") == 3);  // textbook example: k->s, e->i, +g
    CHECK(editDistance("flaw", "lawn") == 2);
    CHECK(editDistance("stitch", "stitch") == 0);
    // Symmetric.
    CHECK(editDistance("translate", "tarnslate") == editDistance("tarnslate", "translate"));
}

TEST_CASE("closestName suggests plausible typos only", "[cli][suggest]") {
    const std::vector<std::string> commands = {"info", "anchors", "relative", "translate",
                                               "pca",  "compare", "stitch",   "asif"};
    CHECK(closestName("compar", commands) == "compare");
    CHECK(closestName("tranlsate", commands) == "translate");
    CHECK(closestName("stich", commands) == "stitch");
    CHECK(closestName("rel", commands) == "relative");  // unique prefix
    CHECK(closestName("frobnicate", commands).empty());
    CHECK(closestName("", commands).empty());
    CHECK(didYouMean("compar", commands) == " (did you mean 'compare'?)");
    CHECK(didYouMean("zzzzzz", commands).empty());
}

TEST_CASE("Args suggests the closest option and accepts --quiet everywhere", "[cli][suggest]") {
    const ArgSpec spec{{"--anchors", "--seed"}, {"--json"}};
    {
        const char* argv[] = {"cmd", "--ancors", "10"};
        Args args;
        std::string error;
        CHECK_FALSE(args.parse(3, const_cast<char**>(argv), 1, spec, error));
        CHECK(error == "unknown option --ancors (did you mean '--anchors'?)");
    }
    {
        const char* argv[] = {"cmd", "x.npy", "--quiet"};
        Args args;
        std::string error;
        REQUIRE(args.parse(3, const_cast<char**>(argv), 1, spec, error));
        CHECK(args.has("--quiet"));
        CHECK(args.positional().size() == 1);
    }
}
