// Animations of the presentation: a number that counts from its old value to a new one, and 2-D points that
// glide from their old positions to new ones (same N). Both ease in and out over `seconds`; time is whatever
// clock the caller passes (ImGui::GetTime() in the app, a fake one in tests). Pure; main thread only by use.
#pragma once

#include "app/ui/widgets/easing.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace lb::ui {

// A shown number: set() a new target, value() the one to draw now. Absent (nullopt) targets show as absent at
// once; the first present value after an absent one appears without counting.
struct CountingNumber {
    double seconds = 0.8;  // duration of one count (default 0.8 s)
    void set(std::optional<double> target, double now);
    std::optional<double> value(double now) const;
    bool animating(double now) const;
    std::optional<double> target() const { return m_to; }

   private:
    std::optional<double> m_to;
    double m_from = 0, m_start = -1e9;
};

// Points moving between layouts. start() from the positions shown now (or `from` when nothing was shown) to
// `to`; frame() writes the interpolated positions into `out` (2N floats) and returns false once they equal `to`.
struct PointTween {
    double seconds = 1.2;  // default 1.2 s
    bool active = false;
    std::vector<float> from, to;
    double start = 0;
    void begin(std::vector<float> fromXy, std::vector<float> toXy, double now);
    bool frame(std::vector<float>& out, double now);
};

// `xy` (2N) moved and scaled so its mean and RMS radius are those of `like` (2N): a layout whose offset and
// scale are arbitrary (a PCA view) placed where another one is, for the eye to follow the shape.
std::vector<float> placedLike(const std::vector<float>& xy, const std::vector<float>& like);

}  // namespace lb::ui
