#include "app/cli/exit_codes.h"

#include "core/io/mapped_file.h"

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
    int rc = kExitOk;
    try {
        rc = run(argc, argv);
    } catch (...) {
        rc = reportError(errorFromException(std::current_exception(), std::string("'") + command + "'"));
    }
    // A mapped input cut short while it was read (re-saved on disk meanwhile) read as zeros past its new end: the
    // numbers printed are not those of any version of the file.
    for (const std::string& path : truncatedMappedFiles())
        rc = reportError(badInput(path,
                                  "changed on disk while it was being read (cut short): the results above are "
                                  "not valid; run the command again on the finished file"));
    return rc;
}

}  // namespace lb::cli
