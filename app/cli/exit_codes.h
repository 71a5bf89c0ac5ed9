// How latentbridge-cli ends: its exit codes, the mapping from ErrorCode, the one-line error on stderr, and the
// guard that turns an exception escaping a subcommand into an exit code instead of std::terminate.
// Main thread of the CLI; reportError() and usageError() write to stderr.
#pragma once

#include "core/status.h"

#include <string>

namespace lb::cli {

enum ExitCode {
    kExitOk = 0,
    kExitUsage = 1,        // unknown option, missing argument
    kExitBadInput = 2,     // a missing or malformed file, or an impossible request (K = 0, no shared rows)
    kExitNumeric = 3,      // a decomposition or fit failed
    kExitIo = 4,           // other I/O errors, and cancelled
    kExitOutOfMemory = 5,  // the input needs more memory than is available: less data can succeed
    kExitInternal = 6,     // an unexpected exception, i.e. a bug: worth reporting with the command line
};

// The exit code of an ErrorCode (Ok -> 0). reportError() differs in one case, see there.
int exitCodeFor(ErrorCode code);

// Prints `latentbridge-cli: error: <path>: <message>` to stderr and returns the exit code: exitCodeFor(code),
// except that an Io error naming a file is 2 (a missing input file is the user's bad input, not our failure).
int reportError(const Error& error);

// Prints the usage error and a pointer to `latentbridge-cli <command> --help`; returns kExitUsage.
int usageError(const std::string& command, const std::string& message);

// Returns run(argc, argv). An exception escaping it is reported like any error (errorFromException: 5 for
// std::bad_alloc, 6 for anything else), naming `command`: this is the CLI's job boundary. A mapped input file cut
// short while the command read it (mapped_file.h) makes it exit 2 naming that file, whatever it printed.
int runGuarded(const char* command, int (*run)(int argc, char** argv), int argc, char** argv);

}  // namespace lb::cli
