#include "core/io/load_space.h"
#include "core/io/finish_space.h"
#include "core/io/npy_sidecar.h"
#include "core/io/npz.h"
#include "core/io/projector_tsv.h"
#include "core/io/safetensors.h"
#include "core/io/vec.h"
#include "core/io/word2vec_bin.h"

#include <algorithm>
#include <filesystem>

namespace lb {

static std::string lowerExtension(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return ext;
}

Result<LatentSpace> loadSpace(const std::string& path, const LoadOptions& options) {
    const std::string ext = lowerExtension(path);
    if (ext == ".npy") return finishLoadedSpace(loadNpySpace(path), path, options);
    if (ext == ".npz") return finishLoadedSpace(loadNpzSpace(path), path, options);
    if (ext == ".safetensors") return finishLoadedSpace(loadSafetensorsSpace(path), path, options);
    if (ext == ".vec" || ext == ".txt") return loadVec(path, options);
    if (ext == ".bin") return loadWord2VecBin(path, options);
    if (ext == ".tsv") return loadProjectorTsv(path, options);
    (void)options;
    return Error{ErrorCode::Unsupported, "unknown file type '" + ext + "'", path,
                 "expected .npy, .npz, .safetensors, .vec, .txt, .bin or .tsv"};
}

}  // namespace lb
