#include "app/cli/exit_codes.h"

#include <catch2/catch.hpp>

#include <new>
#include <stdexcept>

using namespace lb;
using namespace lb::cli;

TEST_CASE("each ErrorCode has its documented exit code", "[cli]") {
    CHECK(exitCodeFor(ErrorCode::Ok) == 0);
    CHECK(exitCodeFor(ErrorCode::InvalidArgument) == 2);
    CHECK(exitCodeFor(ErrorCode::BadInput) == 2);
    CHECK(exitCodeFor(ErrorCode::Unsupported) == 2);
    CHECK(exitCodeFor(ErrorCode::NoOverlap) == 2);
    CHECK(exitCodeFor(ErrorCode::NumericalIssue) == 3);
    CHECK(exitCodeFor(ErrorCode::NotConverging) == 3);
    CHECK(exitCodeFor(ErrorCode::Io) == 4);
    CHECK(exitCodeFor(ErrorCode::Cancelled) == 4);
    CHECK(exitCodeFor(ErrorCode::OutOfMemory) == 5);
    CHECK(exitCodeFor(ErrorCode::Internal) == 6);
}

TEST_CASE("reportError: an I/O error naming a file is the user's bad input", "[cli]") {
    CHECK(reportError(Error{ErrorCode::Io, "no such file", "missing.npy", {}}) == kExitBadInput);
    CHECK(reportError(Error{ErrorCode::Io, "disk full", {}, {}}) == kExitIo);
}

namespace {
int throwsBadAlloc(int, char**) {
    throw std::bad_alloc();
}
int throwsRuntimeError(int, char**) {
    throw std::runtime_error("unexpected state");
}
int returnsThree(int, char**) {
    return 3;
}
}  // namespace

TEST_CASE("runGuarded turns an exception escaping a command into an exit code", "[cli]") {
    char name[] = "cmd";
    char* argv[] = {name, nullptr};
    CHECK(runGuarded("cmd", throwsBadAlloc, 1, argv) == kExitOutOfMemory);
    CHECK(runGuarded("cmd", throwsRuntimeError, 1, argv) == kExitInternal);
    CHECK(runGuarded("cmd", returnsThree, 1, argv) == 3);
}
