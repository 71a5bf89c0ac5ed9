// Reading a linear classification head (logits = weight * x + bias) trained on one space, for the
// zero-shot stitching code: tensors/arrays `weight` (C classes x D dims) and `bias` (C) from a .npz
// (np.savez(path, weight=W, bias=b)) or a .safetensors file. Any float or integer dtype is converted to
// float32. Errors: Io, BadInput (missing array, wrong rank, C mismatch), Unsupported. Pure; any thread.
#pragma once

#include "core/status.h"
#include "core/types.h"

#include <string>

namespace lb {

struct LinearHead {
    RowMatrixXf weight;    // C x D
    Eigen::VectorXf bias;  // C
};

Result<LinearHead> loadLinearHead(const std::string& path);

}  // namespace lb
