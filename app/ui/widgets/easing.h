// Easing curves for the app's short animations (a view re-fitting to new points, the presentation morph).
// Pure.
#pragma once

#include <algorithm>
#include <cmath>

namespace lb::ui {

// Cubic ease-in-out on t in [0, 1] (clamped): slow start, fast middle, slow end, so a motion neither jumps
// off nor stops abruptly.
inline double easeInOut(double t) {
    t = std::clamp(t, 0.0, 1.0);
    return t < 0.5 ? 4 * t * t * t : 1 - std::pow(-2 * t + 2, 3) / 2;
}

}  // namespace lb::ui
