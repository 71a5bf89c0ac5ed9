// The subcommands of latentbridge-cli. Each lives in its own file (info.cpp, pca.cpp, ...) and returns the
// process exit code: 0 ok, 1 usage, 2 bad input, 3 numerical failure, 4 I/O error or cancelled.
#pragma once

#include "core/status.h"

#include <string>
#include <vector>

namespace lb::cli {

enum ExitCode { kExitOk = 0, kExitUsage = 1, kExitBadInput = 2, kExitNumeric = 3, kExitIo = 4 };

struct Command {
    const char* name;
    const char* summary;                 // one line for `latentbridge-cli --help`
    int (*run)(int argc, char** argv);   // argv[0] is the subcommand name
};

// All registered subcommands, in the order --help lists them.
const std::vector<Command>& commands();

// Maps an error to its exit code and prints `latentbridge-cli: error: <path>: <message>` to stderr.
int reportError(const Error& error);
int usageError(const std::string& command, const std::string& message);
int exitCodeFor(ErrorCode code);

int runInfo(int argc, char** argv);
int runAnchors(int argc, char** argv);
int runRelative(int argc, char** argv);
int runTranslate(int argc, char** argv);
int runPca(int argc, char** argv);
int runCompare(int argc, char** argv);
int runStitch(int argc, char** argv);
int runAsif(int argc, char** argv);

}  // namespace lb::cli
