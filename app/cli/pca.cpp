// `latentbridge-cli pca SPACE [--components 2] [--reference REF] [--out coords.npy]`: principal components.

#include "core/linalg/pca.h"
#include "app/cli/cli_args.h"
#include "app/cli/cli_common.h"
#include "app/cli/commands.h"
#include "app/cli/metric_args.h"
#include "core/io/npy.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace lb::cli {

static const char* kPcaHelp =
    "Usage: latentbridge-cli pca SPACE [--components K] [--reference REF] [--method M] [--out coords.npy]\n"
    "                            [--json] [--quiet]\n\n"
    "Top-K principal components of SPACE (docs/methods.md §6): covariance with denominator N-1, components sorted\n"
    "by decreasing variance, each component's largest-|value| coordinate positive (deterministic signs).\n"
    "  --components K  number of components (default 2, at most min(N, D))\n"
    "  --reference REF shared basis: fit the PCA on REF (same width) and project SPACE onto it\n"
    "  --method M      auto (default), dense, covariance, gram, implicit (how the eigenproblem is solved)\n"
    "  --out FILE      write the N x K float32 coordinates of SPACE (.npy)\n"
    "  --json          one JSON object {explained_variance_ratio, explained_variance, total_variance, n, d,\n"
    "                  components, method, fitted_on, out}\n"
    "Exit codes: 0 ok, 1 usage, 2 bad input (unreadable file, K out of range, widths differ), 3 numerical\n"
    "failure (eigensolver), 4 I/O, 5 out of memory, 6 internal error.\n";

static bool parsePcaMethod(const std::string& name, PcaMethod& out) {
    for (PcaMethod m : {PcaMethod::Auto, PcaMethod::Dense, PcaMethod::Covariance, PcaMethod::Gram, PcaMethod::Implicit})
        if (name == pcaMethodName(m)) return out = m, true;
    return false;
}

int runPca(int argc, char** argv) {
    Args args;
    std::string error;
    const ArgSpec spec{{"--components", "--reference", "--method", "--out"}, {"--json", "--quiet", "--help"}};
    if (!args.parse(argc, argv, 1, spec, error)) return usageError("pca", error);
    if (args.has("--help")) return std::fputs(kPcaHelp, stdout), kExitOk;
    if (args.positional().size() != 1) return usageError("pca", "expected one SPACE file");
    PcaOptions options;
    if (!getCount(args, "--components", 2, false, options.components, error)) return usageError("pca", error);
    if (!parsePcaMethod(args.getOr("--method", "auto"), options.method))
        return usageError("pca", "unknown --method '" + args.getOr("--method", "") + "'");
    const bool quiet = args.has("--quiet");

    Result<LatentSpace> space = loadSpaceOrError(args.positional()[0], quiet);
    if (!space) return reportError(space.error());
    std::optional<LatentSpace> reference;
    if (const auto ref = args.get("--reference")) {
        Result<LatentSpace> loaded = loadSpaceOrError(*ref, quiet);
        if (!loaded) return reportError(loaded.error());
        if (loaded->d() != space->d())
            return reportError(badInput(*ref, "reference width " + std::to_string(loaded->d()) + " differs from " +
                                                  space->path + " (" + std::to_string(space->d()) + ")"));
        reference = std::move(*loaded);
    }
    const LatentSpace& fitOn = reference ? *reference : *space;
    CliProgress progress(quiet);
    Result<PcaModel> model = fitPca(fitOn.embeddings.view(), options, progress);
    progress.finish();
    if (!model) {
        Error e = model.error();
        if (e.path.empty()) e.path = fitOn.path;
        return reportError(e);
    }
    const std::string out = args.getOr("--out", "");
    if (int code = refuseBinaryStdout("pca", out)) return code;
    if (!out.empty()) {
        const RowMatrixXf coords = model->project(space->embeddings.view());
        if (Status s = writeNpy(out, coords); !s) return reportError(s.error());
    }
    const auto& ratio = model->explainedVarianceRatio;
    const auto& var = model->explainedVariance;
    if (args.has("--json")) {
        printJson({{"space", space->path},
                   {"n", space->n()},
                   {"d", space->d()},
                   {"components", model->k()},
                   {"explained_variance_ratio", std::vector<double>(ratio.data(), ratio.data() + ratio.size())},
                   {"explained_variance", std::vector<double>(var.data(), var.data() + var.size())},
                   {"total_variance", model->totalVariance},
                   {"method", pcaMethodName(model->methodUsed)},
                   {"fitted_on", fitOn.path},
                   {"out", out.empty() ? nlohmann::json(nullptr) : nlohmann::json(out)}});
    } else {
        std::printf("%s: %lld x %lld, PCA fitted on %s (%s)\n", space->path.c_str(), static_cast<long long>(space->n()),
                    static_cast<long long>(space->d()), fitOn.path.c_str(), pcaMethodName(model->methodUsed));
        for (Index j = 0; j < model->k(); ++j)
            std::printf("  PC%-3lld variance %-12.6g ratio %.4f\n", static_cast<long long>(j + 1), var(j), ratio(j));
        if (!out.empty()) std::printf("  coordinates written to %s\n", out.c_str());
    }
    return kExitOk;
}

}  // namespace lb::cli
