// `latentbridge-cli translate --fit FIT SOURCE --out translated.npy`: applies a translator saved by
// `translate --save-fit` (core/translate/translator_file.h) to every row of SOURCE, without the target space.
#pragma once

#include "app/cli/cli_args.h"

namespace lb::cli {

// Runs the --fit form of `translate` on parsed `args` (positional: SOURCE). Returns the exit code.
int runTranslateWithFit(const Args& args);

}  // namespace lb::cli
