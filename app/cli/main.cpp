// latentbridge-cli: the headless front end. Every subcommand calls the same core functions as the GUI.
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/suggest.h"
#include "core/jobs/allocator_reuse.h"
#include "core/jobs/omp_wait_policy.h"

#include <cstdio>
#include <cstring>
#include <iostream>

namespace lb::cli {

const std::vector<Command>& commands() {
    static const std::vector<Command> all = {
        {"info", "summarize embeddings files (shape, dtype, metadata, NaN rows)", runInfo},
        {"anchors", "choose anchor samples (random, per-class, fps, kmeans) and write an anchor file", runAnchors},
        {"relative", "relative representations of a space against K anchors (streamed to .npy)", runRelative},
        {"translate", "fit a translation between two spaces on parallel anchors and evaluate it", runTranslate},
        {"pca", "principal components of a space (explained variance, coordinates, shared basis)", runPca},
        {"compare", "CKA, kNN Jaccard/MRR, cosine between two spaces (absolute, relative or translated)", runCompare},
        {"stitch", "zero-shot stitching accuracy: native, absolute, relative, translated", runStitch},
        {"asif", "cross-modal zero-shot matching through paired anchors (ASIF)", runAsif},
        {"bootstrap", "discover parallel anchor pairs from a small seed (bootstrapping)", runBootstrap},
        {"merge", "merge charts (spaces of partly shared samples) into one atlas space", runMerge},
    };
    return all;
}

static void printHelp() {
    std::printf(
        "latentbridge-cli %s: latent communication between neural networks, from the command line\n\n"
        "Usage: latentbridge-cli COMMAND [ARGS...] [--json]\n"
        "       latentbridge-cli COMMAND --help\n\nCommands:\n",
        LB_VERSION);
    for (const Command& c : commands()) std::printf("  %-10s %s\n", c.name, c.summary);
    std::printf(
        "\nExit codes: 0 ok, 1 usage, 2 bad input, 3 numerical failure, 4 I/O error or cancelled,\n"
        "5 out of memory, 6 internal error (a bug).\n"
        "Formats: .npy (+ .json sidecar), .npz, .safetensors, .vec/.txt, .bin (word2vec), .tsv.\n"
        "A space with NaN/Inf rows is refused; --drop-nonfinite (any command) leaves those rows out.\n");
}

}  // namespace lb::cli

int main(int argc, char** argv) {
    lb::preferPassiveOmpWaiting(argv);
    lb::keepFreedBuffersForReuse();
    using namespace lb::cli;
    if (argc < 2) {
        printHelp();
        return kExitUsage;
    }
    const std::string first = argv[1];
    if (first == "--help" || first == "-h" || first == "help") {
        printHelp();
        return kExitOk;
    }
    if (first == "--version") {
        std::printf("latentbridge-cli %s\n", LB_VERSION);
        return kExitOk;
    }
    // --drop-nonfinite applies to every command that loads spaces; info parses it itself (it reports the rows).
    if (first != "info") {
        int kept = 1;
        for (int i = 1; i < argc; ++i) {
            if (std::strcmp(argv[i], "--drop-nonfinite") == 0)
                setDropNonFinite(true);
            else
                argv[kept++] = argv[i];
        }
        argc = kept;
        argv[argc] = nullptr;
    }
    for (const Command& c : commands())
        if (first == c.name) return runGuarded(c.name, c.run, argc - 1, argv + 1);
    std::vector<std::string> names;
    for (const Command& c : commands()) names.push_back(c.name);
    std::fprintf(stderr, "latentbridge-cli: unknown command '%s'%s\nTry 'latentbridge-cli --help'.\n", first.c_str(),
                 didYouMean(first, names).c_str());
    return kExitUsage;
}
