#include "core/io/linear_head_io.h"

#include "core/io/npz.h"
#include "core/io/safetensors.h"

#include <algorithm>
#include <filesystem>

namespace lb {

static Result<LinearHead> assemble(const NpyArray& weight, const NpyArray& bias) {
    Result<RowMatrixXf> w = toFloatMatrix(weight);
    if (!w) return w.error();
    Result<Eigen::VectorXf> b = toFloatVector(bias);
    if (!b) return b.error();
    if (b->size() != w->rows())
        return badInput(weight.path, "linear head: 'bias' has " + std::to_string(b->size()) +
                                         " entries but 'weight' has " + std::to_string(w->rows()) + " rows (classes)");
    if (w->rows() == 0 || w->cols() == 0) return badInput(weight.path, "linear head: 'weight' is empty");
    // A NaN weight would make every prediction the same class and still report an accuracy.
    if (!w->allFinite() || !b->allFinite())
        return badInput(weight.path, "linear head: 'weight' or 'bias' holds NaN or Inf");
    return LinearHead{std::move(*w), std::move(*b)};
}

Result<LinearHead> loadLinearHead(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".npz") {
        Result<NpzFile> npz = NpzFile::openFile(path);
        if (!npz) return npz.error();
        Result<NpyArray> w = npz->array("weight");
        if (!w) return w.error();
        Result<NpyArray> b = npz->array("bias");
        if (!b) return b.error();
        return assemble(*w, *b);
    }
    if (ext == ".safetensors") {
        Result<SafetensorsFile> f = readSafetensorsFile(path);
        if (!f) return f.error();
        const auto w = f->tensors.find("weight");
        const auto b = f->tensors.find("bias");
        if (w == f->tensors.end() || b == f->tensors.end())
            return badInput(path, "linear head needs tensors 'weight' (C x D) and 'bias' (C)");
        return assemble(w->second, b->second);
    }
    return Error{ErrorCode::Unsupported, "a linear head must be a .npz or .safetensors file", path, {}};
}

}  // namespace lb
