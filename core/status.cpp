#include "core/status.h"

#include <new>

namespace lb {

std::string Error::describe() const {
    std::string s = path.empty() ? message : path + ": " + message;
    if (!detail.empty()) s += " (" + detail + ")";
    return s;
}

Error errorFromException(const std::exception_ptr& error, const std::string& context) {
    assert(error && "errorFromException needs an exception");
    try {
        std::rethrow_exception(error);
    } catch (const std::bad_alloc&) {
        return Error{ErrorCode::OutOfMemory,
                     "out of memory while running " + context,
                     {},
                     "the data needs more memory than is available; try fewer rows, anchors or dimensions"};
    } catch (const std::exception& e) {
        return Error{
            ErrorCode::Internal, "internal error: unexpected exception in " + context + ": " + e.what(), {}, {}};
    } catch (...) {
        return Error{ErrorCode::Internal, "internal error: unexpected exception of unknown type in " + context, {}, {}};
    }
}

std::string Warning::describe() const {
    return path.empty() ? message : path + ": " + message;
}

}  // namespace lb
