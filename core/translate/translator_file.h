// Fitted translators on disk: "fit here, apply there" (`translate --save-fit` / `--fit`, Python
// latentbridge.Translator.save / load). The file is a .safetensors (readable by any safetensors or latentbridge
// reader) holding every number apply() needs, bit for bit:
//   tensors (F32, little-endian, C order):
//     mean_x, std_x     D       the source anchors' scaling statistics (std 1 and mean 0 when not used)
//     mean_y, std_y     D'      the target anchors' statistics (translations are un-scaled with them)
//     map               the fitted map on scaled, zero-padded rows: W x W with W = max(D, D'), or (W + 1) x W for
//                       affine (the last row is the bias)
//     target_norm       1       n_y, mean row norm of the scaled target anchors (used with l2)
//     singular_values   S       of the scaled cross-covariance (the fit report; may be empty)
//   __metadata__ (strings):
//     format "latentbridge-translator", version "1",
//     settings  JSON {"method", "scaling", "l2", "ridge"}   (as `translate --json` records them)
//     report    JSON {"rank", "orthogonality_error", "anchor_mse"}
//     source_dim, target_dim  decimal
// Reading refuses (BadInput naming the file) another format or version, missing tensors, shapes that disagree
// with source_dim/target_dim and the method, and non-finite statistics.
#pragma once

#include "core/status.h"
#include "core/translate/translator.h"

#include <cstdint>
#include <string>

namespace lb {

// The file's bytes. Pure; any thread.
std::string serializeTranslator(const Translator& translator);
// Parses bytes written by serializeTranslator; `path` labels errors. Pure; any thread.
Result<Translator> parseTranslator(const uint8_t* data, size_t size, const std::string& path);

// Writes atomically (temporary file + rename). Errors: Io.
Status writeTranslatorFile(const std::string& path, const Translator& translator);
// Memory-maps and parses `path`. Errors: Io, BadInput.
Result<Translator> readTranslatorFile(const std::string& path);

}  // namespace lb
