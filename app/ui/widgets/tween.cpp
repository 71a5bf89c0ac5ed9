#include "app/ui/widgets/tween.h"

#include <algorithm>
#include <cmath>

namespace lb::ui {

void CountingNumber::set(std::optional<double> target, double now) {
    if (target == m_to) return;
    const std::optional<double> shown = value(now);
    if (target && shown) {
        m_from = *shown;
        m_start = now;
    } else {
        m_start = -1e9;  // nothing to count from (or to): show at once
    }
    m_to = target;
}

std::optional<double> CountingNumber::value(double now) const {
    if (!m_to) return std::nullopt;
    if (!animating(now)) return m_to;
    return m_from + (*m_to - m_from) * easeInOut((now - m_start) / seconds);
}

bool CountingNumber::animating(double now) const {
    return m_to && now - m_start < seconds;
}

void PointTween::begin(std::vector<float> fromXy, std::vector<float> toXy, double now) {
    from = std::move(fromXy);
    to = std::move(toXy);
    start = now;
    active = from.size() == to.size() && !to.empty();
}

bool PointTween::frame(std::vector<float>& out, double now) {
    if (!active) return false;
    const double t = (now - start) / seconds;
    if (t >= 1.0) {
        out = to;  // exactly the end layout
        active = false;
        return false;
    }
    const auto e = static_cast<float>(easeInOut(t));
    out.resize(to.size());
    for (size_t k = 0; k < to.size(); ++k) out[k] = from[k] + (to[k] - from[k]) * e;
    return true;
}

namespace {
void centerAndSpread(const std::vector<float>& xy, double& cx, double& cy, double& r) {
    const size_t n = xy.size() / 2;
    double sx = 0, sy = 0, ss = 0;
    for (size_t i = 0; i < n; ++i) sx += xy[2 * i], sy += xy[2 * i + 1];
    cx = n ? sx / static_cast<double>(n) : 0.0;
    cy = n ? sy / static_cast<double>(n) : 0.0;
    for (size_t i = 0; i < n; ++i) ss += std::pow(xy[2 * i] - cx, 2) + std::pow(xy[2 * i + 1] - cy, 2);
    r = n ? std::sqrt(ss / static_cast<double>(n)) : 1.0;
    if (!(r > 0)) r = 1.0;
}
}  // namespace

std::vector<float> placedLike(const std::vector<float>& xy, const std::vector<float>& like) {
    double fx, fy, fr, tx, ty, tr;
    centerAndSpread(xy, fx, fy, fr);
    centerAndSpread(like, tx, ty, tr);
    std::vector<float> out(xy.size());
    for (size_t k = 0; k + 1 < xy.size(); k += 2) {
        out[k] = static_cast<float>(tx + (xy[k] - fx) * tr / fr);
        out[k + 1] = static_cast<float>(ty + (xy[k + 1] - fy) * tr / fr);
    }
    return out;
}

}  // namespace lb::ui
