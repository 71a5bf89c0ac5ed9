// `latentbridge-cli info FILE... [--json] [--drop-nonfinite]`: one summary per file.
#include "app/cli/cli_args.h"
#include "app/cli/commands.h"
#include "core/io/load_space.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace lb::cli {

static const char* kInfoHelp =
    "Usage: latentbridge-cli info FILE... [--json] [--drop-nonfinite]\n\n"
    "Prints, for each embeddings file: name, N x D, dtype on disk, labels/classes, keys, texts, images,\n"
    "rows holding NaN/Inf (count and first rows) and the mean row norm. With --json, prints exactly one\n"
    "JSON object {\"spaces\": [...]} on stdout. Any unreadable file stops with exit code 2.\n";

static nlohmann::json describeSpace(const LatentSpace& s, const NonFiniteReport& nf) {
    return {{"path", s.path},
            {"name", s.name},
            {"n", s.n()},
            {"d", s.d()},
            {"dtype", s.dtype},
            {"has_labels", s.hasLabels()},
            {"num_classes", s.numClasses()},
            {"has_keys", s.hasKeys()},
            {"has_texts", !s.texts.empty()},
            {"has_images", !s.images.empty()},
            {"non_finite_rows", nf.count},
            {"first_non_finite_rows", nf.firstRows},
            {"mean_norm", meanRowNorm(s)}};
}

static void printHuman(const LatentSpace& s, const NonFiniteReport& nf) {
    std::printf("%s\n  name      %s\n  shape     %lld x %lld (%s)\n", s.path.c_str(), s.name.c_str(),
                static_cast<long long>(s.n()), static_cast<long long>(s.d()), s.dtype.c_str());
    if (s.hasLabels())
        std::printf("  labels    %d classes%s\n", s.numClasses(), s.labelNames.empty() ? "" : " (named)");
    std::printf("  keys      %s\n  texts     %s\n", s.hasKeys() ? "yes" : "no (rows matched by index)",
                s.texts.empty() ? "no" : "yes");
    if (!s.images.empty()) std::printf("  images    %d x %d\n", s.images.height, s.images.width);
    std::printf("  mean norm %.6g\n", meanRowNorm(s));
    if (nf.count > 0) {
        std::printf("  NaN/Inf   %lld rows, first:", static_cast<long long>(nf.count));
        for (Index r : nf.firstRows) std::printf(" %lld", static_cast<long long>(r));
        std::printf("\n");
    }
    for (const Warning& w : s.warnings)
        std::printf("  %-9s %s\n", w.informational ? "note" : "warning", w.message.c_str());
}

int runInfo(int argc, char** argv) {
    Args args;
    std::string error;
    if (!args.parse(argc, argv, 1, {{}, {"--json", "--drop-nonfinite", "--help"}}, error))
        return usageError("info", error);
    if (args.has("--help")) {
        std::fputs(kInfoHelp, stdout);
        return kExitOk;
    }
    if (args.positional().empty()) return usageError("info", "no input file");

    LoadOptions options;
    options.dropNonFinite = args.has("--drop-nonfinite");
    nlohmann::json spaces = nlohmann::json::array();
    for (const std::string& path : args.positional()) {
        Result<LatentSpace> loaded = loadSpace(path, options);
        if (!loaded) return reportError(loaded.error());
        const NonFiniteReport nf = nonFiniteRows(*loaded);
        if (args.has("--json"))
            spaces.push_back(describeSpace(*loaded, nf));
        else
            printHuman(*loaded, nf);
    }
    if (args.has("--json")) std::cout << nlohmann::json{{"spaces", spaces}}.dump() << "\n";
    return kExitOk;
}

}  // namespace lb::cli
