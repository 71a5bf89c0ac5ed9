#include "core/io/load_space.h"

#include <algorithm>
#include <filesystem>

namespace lb {

static std::string lowerExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

Result<LatentSpace> loadSpace(const std::string& path, const LoadOptions& options) {
    const std::string ext = lowerExtension(path);
    (void)options;
    return Error{ErrorCode::Unsupported, "unknown file type '" + ext + "'", path,
                 "expected .npy, .npz, .safetensors, .vec, .txt, .bin or .tsv"};
}

}  // namespace lb
