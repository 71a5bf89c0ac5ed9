#include "core/status.h"

#include <catch2/catch.hpp>

#include <new>
#include <stdexcept>

using namespace lb;

TEST_CASE("errorFromException: bad_alloc is OutOfMemory, anything else Internal", "[status]") {
    const Error oom = errorFromException(std::make_exception_ptr(std::bad_alloc()), "'pca'");
    CHECK(oom.code == ErrorCode::OutOfMemory);
    CHECK(oom.message.find("'pca'") != std::string::npos);

    // bad_array_new_length derives from bad_alloc: a size computation too large to allocate.
    CHECK(errorFromException(std::make_exception_ptr(std::bad_array_new_length()), "x").code == ErrorCode::OutOfMemory);

    const Error logic = errorFromException(std::make_exception_ptr(std::logic_error("index 9 of 3")), "'knn'");
    CHECK(logic.code == ErrorCode::Internal);
    CHECK(logic.message.find("index 9 of 3") != std::string::npos);
    CHECK(logic.message.find("'knn'") != std::string::npos);

    CHECK(errorFromException(std::make_exception_ptr(42), "x").code == ErrorCode::Internal);
}
