#include "core/status.h"

#include <new>

namespace lb {

const char* errorCodeName(ErrorCode code) {
    switch (code) {
        case ErrorCode::Ok: return "ok";
        case ErrorCode::InvalidArgument: return "invalid_argument";
        case ErrorCode::BadInput: return "bad_input";
        case ErrorCode::Unsupported: return "unsupported";
        case ErrorCode::NoOverlap: return "no_overlap";
        case ErrorCode::Io: return "io";
        case ErrorCode::NumericalIssue: return "numerical_issue";
        case ErrorCode::NotConverging: return "not_converging";
        case ErrorCode::Cancelled: return "cancelled";
        case ErrorCode::OutOfMemory: return "out_of_memory";
        case ErrorCode::Internal: return "internal";
    }
    return "unknown";
}

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
        return Error{ErrorCode::OutOfMemory, "out of memory while running " + context, {},
                     "the data needs more memory than is available; try fewer rows, anchors or dimensions"};
    } catch (const std::exception& e) {
        return Error{ErrorCode::Internal, "internal error: unexpected exception in " + context + ": " + e.what(), {},
                     {}};
    } catch (...) {
        return Error{ErrorCode::Internal, "internal error: unexpected exception of unknown type in " + context, {},
                     {}};
    }
}

std::string Warning::describe() const { return path.empty() ? message : path + ": " + message; }

}  // namespace lb
