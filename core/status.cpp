#include "core/status.h"

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
    }
    return "unknown";
}

std::string Error::describe() const {
    std::string s = path.empty() ? message : path + ": " + message;
    if (!detail.empty()) s += " (" + detail + ")";
    return s;
}

std::string Warning::describe() const { return path.empty() ? message : path + ": " + message; }

}  // namespace lb
