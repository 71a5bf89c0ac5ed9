#include "app/cli/exit_codes.h"

#include <cstdio>
#include <exception>

namespace lb::cli {

int exitCodeFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::Ok: return kExitOk;
        case ErrorCode::InvalidArgument:
        case ErrorCode::BadInput:
        case ErrorCode::Unsupported:
        case ErrorCode::NoOverlap: return kExitBadInput;
        case ErrorCode::NumericalIssue:
        case ErrorCode::NotConverging: return kExitNumeric;
        case ErrorCode::Io:
        case ErrorCode::Cancelled: return kExitIo;
        case ErrorCode::OutOfMemory: return kExitOutOfMemory;
        case ErrorCode::Internal: return kExitInternal;
    }
    // Only reachable with a value outside the enum: whatever produced it is a bug.
    return kExitInternal;
}

int reportError(const Error& error) {
    std::fprintf(stderr, "latentbridge-cli: error: %s\n", error.describe().c_str());
    if (error.code == ErrorCode::Io && !error.path.empty()) return kExitBadInput;
    return exitCodeFor(error.code);
}

int usageError(const std::string& command, const std::string& message) {
    std::fprintf(stderr, "latentbridge-cli %s: %s\nTry 'latentbridge-cli %s --help'.\n", command.c_str(),
                 message.c_str(), command.c_str());
    return kExitUsage;
}

int runGuarded(const char* command, int (*run)(int argc, char** argv), int argc, char** argv) {
    try {
        return run(argc, argv);
    } catch (...) {
        return reportError(errorFromException(std::current_exception(), std::string("'") + command + "'"));
    }
}

}  // namespace lb::cli
