// Opens any supported embeddings file as a LatentSpace, choosing the reader by file name:
//   .npy (+ optional sidecar, see npy_sidecar.h), .npz, .safetensors, .vec / .txt (word2vec text),
//   .bin (word2vec binary), .tsv (TensorBoard projector tensors.tsv, + metadata.tsv beside it).
// Every reader refuses malformed files with one Error naming the file and the problem, never crashes,
// and never allocates more than the file can hold.
#pragma once

#include "core/space/latent_space.h"

#include <string>

namespace lb {

struct LoadOptions {
    bool dropNonFinite = false;  // drop rows with NaN/Inf (reported as a warning) instead of keeping them
};

// The interactive app's policy (files opened in the GUI, sessions restored): NaN/Inf rows would poison PCA
// and every fit, so they are left out and a warning names the file and the count. The file is untouched.
inline LoadOptions interactiveLoadOptions() {
    LoadOptions options;
    options.dropNonFinite = true;
    return options;
}

// pure; any thread. Errors: Io, BadInput, Unsupported.
Result<LatentSpace> loadSpace(const std::string& path, const LoadOptions& options = {});

}  // namespace lb
