// The subcommands of latentbridge-cli. Each lives in its own file (info.cpp, pca.cpp, ...) and returns the
// process exit code (exit_codes.h: 0 ok, 1 usage, 2 bad input, 3 numerical failure, 4 I/O error or
// cancelled, 5 out of memory, 6 internal error).
#pragma once

#include "app/cli/exit_codes.h"
#include "core/status.h"

#include <string>
#include <vector>

namespace lb::cli {

struct Command {
    const char* name;
    const char* summary;                // one line for `latentbridge-cli --help`
    int (*run)(int argc, char** argv);  // argv[0] is the subcommand name
};

// All registered subcommands, in the order --help lists them.
const std::vector<Command>& commands();

int runInfo(int argc, char** argv);
int runAnchors(int argc, char** argv);
int runRelative(int argc, char** argv);
int runTranslate(int argc, char** argv);
int runPca(int argc, char** argv);
int runCompare(int argc, char** argv);
int runStitch(int argc, char** argv);
int runAsif(int argc, char** argv);
int runBootstrap(int argc, char** argv);
int runMerge(int argc, char** argv);

}  // namespace lb::cli
