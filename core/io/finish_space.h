// The last step every binary reader shares (called by loadSpace): default name = file stem, optional
// dropping of NaN/Inf rows, validateSpace. Keeping it in one place means .npy, .npz and .safetensors refuse
// inconsistent metadata with the same messages.
#pragma once

#include "core/io/load_space.h"

#include <string>

namespace lb {

// Passes errors through. Otherwise: sets name to the stem of `path` when the reader left it empty,
// validates (metadata lengths, unique keys, labels >= 0), drops non-finite rows when
// options.dropNonFinite (a warning says how many), and validates again (a space of only NaN rows is
// refused). O(N * D) when dropping, O(N) otherwise. Pure; any thread.
Result<LatentSpace> finishLoadedSpace(Result<LatentSpace> loaded, const std::string& path, const LoadOptions& options);

}  // namespace lb
