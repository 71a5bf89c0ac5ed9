// Internal to the translator: per-coordinate scaling statistics fitted on anchors (docs/methods.md §2 step 1).
#pragma once

#include "core/translate/translator.h"

namespace lb::detail {

// μ and σ of the K anchors (K x D), in double. standard: column mean and unbiased std (K - 1), σ < 10·FLT_EPSILON
// replaced by 1; center: mean, σ = 1; none: μ = 0, σ = 1. pure; O(K·D).
struct ScalingStats {
    Eigen::RowVectorXd mean;  // 1 x D
    Eigen::RowVectorXd std;   // 1 x D, never 0
};
ScalingStats fitScaling(const RowMatrixXd& anchors, Scaling scaling);

// (A - μ) / σ row-wise.
RowMatrixXd applyScaling(const RowMatrixXd& a, const ScalingStats& s);

// Rows divided by max(‖row‖, 1e-12) (zero rows stay zero).
void l2NormalizeRowsInPlace(RowMatrixXd& a);

}  // namespace lb::detail
