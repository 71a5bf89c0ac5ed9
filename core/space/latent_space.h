// The data model: one latent space = the N x D embeddings one model produced, plus optional per-row
// metadata. A Workspace (workspace.h) holds several spaces and matches their rows.
#pragma once

#include "core/status.h"
#include "core/types.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace lb {

// N x D float32 embeddings, row-major. Either owned (converted or computed data) or a view into a
// memory-mapped file kept alive by `keepAlive` (float32 little-endian C-order .npy, safetensors F32).
// Copying an Embeddings shares the storage; it is immutable once built.
class Embeddings {
   public:
    Embeddings() = default;
    // Takes ownership of a computed or converted matrix.
    explicit Embeddings(RowMatrixXf owned);
    // Views `rows * cols` floats at `data`, which stays valid as long as `keepAlive` lives.
    Embeddings(const float* data, Index rows, Index cols, std::shared_ptr<const void> keepAlive);

    Index rows() const { return m_rows; }
    Index cols() const { return m_cols; }
    bool isMapped() const { return m_mapped; }
    ConstRowMatrixMap view() const { return ConstRowMatrixMap(m_data, m_rows, m_cols); }
    const float* data() const { return m_data; }

   private:
    const float* m_data = nullptr;
    Index m_rows = 0;
    Index m_cols = 0;
    bool m_mapped = false;
    std::shared_ptr<const void> m_keepAlive;  // owner of m_data (a RowMatrixXf or a MappedFile)
};

// N grayscale (or single-channel) thumbnails of h x w uint8 pixels, row-major, image after image.
struct ImageStack {
    int height = 0;
    int width = 0;
    std::vector<uint8_t> pixels;  // N * height * width bytes
    bool empty() const { return pixels.empty(); }
    const uint8_t* image(Index row) const { return pixels.data() + static_cast<size_t>(row) * height * width; }
};

// Rows holding NaN or +-Inf (see findNonFiniteRows).
struct NonFiniteReport {
    Index count = 0;
    std::vector<Index> firstRows;  // up to 10 zero-based row numbers, ascending
};

struct LatentSpace {
    std::string name;                          // shown in views and reports; defaults to the file stem
    std::string path;                          // file it was loaded from ("" for computed spaces)
    std::string dtype;                         // dtype on disk ("float32", "float16", "bfloat16", "float64")
    Embeddings embeddings;                     // N x D
    std::vector<std::string> keys;             // empty or N unique strings; rows are matched across spaces by key
    std::vector<int32_t> labels;               // empty or N class ids in [0, C)
    std::vector<std::string> labelNames;       // empty or C names (may be empty while labels exist)
    std::vector<std::string> texts;            // empty or N strings (a word, a caption)
    ImageStack images;                         // empty or N thumbnails
    std::vector<Warning> warnings;             // collected while loading
    std::optional<NonFiniteReport> nonFinite;  // the loader's scan of the rows as loaded; empty = not scanned

    Index n() const { return embeddings.rows(); }
    Index d() const { return embeddings.cols(); }
    bool hasKeys() const { return !keys.empty(); }
    bool hasLabels() const { return !labels.empty(); }
    // Number of classes: max(label) + 1, or the number of label names if larger; 0 without labels.
    int numClasses() const;
};

// The most classes a space's labels may span (validateSpace refuses larger labels): the number of label_names when
// there are any, else the larger of N and kMaxUnnamedClasses.
constexpr int64_t kMaxUnnamedClasses = 65536;
int64_t maxClassCount(const LatentSpace& space);

// Checks the invariants above (metadata lengths equal N, keys unique, labels >= 0 and below maxClassCount, images
// sized N). Loaders call it last so every format refuses inconsistent metadata with the same message.
Status validateSpace(const LatentSpace& space);

// Rows holding NaN or +-Inf: a full scan of the matrix (every float read); any thread.
NonFiniteReport findNonFiniteRows(const LatentSpace& space);

// The loaders' report when they made one (see LatentSpace::nonFinite), else a fresh scan. Use this one: a
// 1M x 768 file is 3 GB, and scanning it twice doubles the cost of opening it.
NonFiniteReport nonFiniteRows(const LatentSpace& space);

// Returns a copy of `space` without the rows reported by findNonFiniteRows (metadata filtered too).
LatentSpace dropNonFiniteRows(const LatentSpace& space);

// "N rows contain NaN/Inf (first rows: 3, 17, ...)": the one wording every loader and the CLI use.
std::string describeNonFinite(const NonFiniteReport& report);

// Loaders' last step for non-finite rows: drops them (dropNonFiniteRows, which adds a "dropped" warning) when
// `drop` is true, otherwise keeps them and adds the describeNonFinite warning. No-op for a clean space.
void reportOrDropNonFinite(LatentSpace& space, bool drop);

// Mean L2 norm of the rows (non-finite rows skipped). Reporting only; double accumulation.
double meanRowNorm(const LatentSpace& space);

}  // namespace lb
