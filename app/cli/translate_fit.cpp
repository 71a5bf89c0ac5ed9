#include "app/cli/translate_fit.h"

#include "app/cli/cli_common.h"
#include "app/cli/exit_codes.h"
#include "core/io/npy_stream_writer.h"
#include "core/translate/apply_translator.h"
#include "core/translate/translator_file.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <optional>

namespace lb::cli {

int runTranslateWithFit(const Args& args) {
    if (args.positional().size() != 1) return usageError("translate", "with --fit, expected exactly one SOURCE file");
    for (const char* option : {"--anchors", "--method", "--scaling", "--l2", "--ridge", "--save-fit"})
        if (args.has(option))
            return usageError("translate", std::string(option) + " does not apply with --fit (the fit holds them)");
    const bool quiet = args.has("--quiet");
    const auto start = std::chrono::steady_clock::now();
    const std::string fitPath = *args.get("--fit");
    Result<Translator> fit = readTranslatorFile(fitPath);
    if (!fit) return reportError(fit.error());
    Result<LatentSpace> src = loadSpaceOrError(args.positional()[0], quiet);
    if (!src) return reportError(src.error());
    if (src->d() != fit->sourceDim())
        return reportError(badInput(src->path, "has " + std::to_string(src->d()) + " columns, the fit " + fitPath +
                                                   " maps " + std::to_string(fit->sourceDim())));
    const std::string out = args.getOr("--out", "");
    if (int code = refuseBinaryStdout("translate", out)) return code;
    std::optional<NpyStreamWriter> writer;
    if (!out.empty()) {
        Result<NpyStreamWriter> opened = NpyStreamWriter::open(out, src->n(), fit->targetDim());
        if (!opened) return reportError(opened.error());
        writer.emplace(std::move(*opened));
    }
    const ConstRowMatrixMap X = src->embeddings.view();
    double sum = 0.0;
    CliProgress progress(quiet);
    // Blocks of 4096 rows (a multiple of kTranslateChunkRows), so every row lands where `translate --out` puts it.
    RowMatrixXf translated;
    progress.setStage("translate", static_cast<uint64_t>(X.rows()));
    for (Index r0 = 0; r0 < X.rows(); r0 += 4096) {
        const Index b = std::min<Index>(4096, X.rows() - r0);
        if (Status st = applyTranslator(*fit, X.middleRows(r0, b), translated); !st) return reportError(st.error());
        progress.advance(static_cast<uint64_t>(b));
        sum += translated.cast<double>().sum();
        if (writer)
            if (Status st = writer->writeRows(translated); !st) return reportError(st.error());
    }
    progress.finish();
    if (writer)
        if (Status st = writer->finish(); !st) return reportError(st.error());
    const TranslationOptions& o = fit->options();
    const double count = static_cast<double>(X.rows()) * static_cast<double>(fit->targetDim());
    const nlohmann::json report = {
        {"source", src->path},
        {"fit", fitPath},
        {"method", translationMethodName(o.method)},
        {"scaling", scalingName(o.scaling)},
        {"l2", o.l2},
        {"ridge", o.ridge},
        {"n", X.rows()},
        {"d_source", fit->sourceDim()},
        {"d_target", fit->targetDim()},
        {"mean", count > 0 ? sum / count : 0.0},
        {"out", out.empty() ? nlohmann::json() : nlohmann::json(out)},
        {"seconds", std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()}};
    if (args.has("--json"))
        printJson(report);
    else
        std::printf("%s: %lld rows translated with %s (%s, %lld -> %lld)%s%s\n", src->path.c_str(),
                    static_cast<long long>(X.rows()), fitPath.c_str(), translationMethodName(o.method),
                    static_cast<long long>(fit->sourceDim()), static_cast<long long>(fit->targetDim()),
                    out.empty() ? "" : " -> ", out.c_str());
    return kExitOk;
}

}  // namespace lb::cli
