#include "app/ui/panels/analysis_common.h"

#include "app/ui/app_state.h"
#include "app/ui/view_compute.h"
#include "app/ui/widgets/job_progress.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace lb::ui {

PairRows pairRows(const Session& s, size_t a, size_t b) {
    PairRows out;
    if (a >= s.spaceCount() || b >= s.spaceCount()) return out;
    const Index nRef = s.space(s.reference()).n();
    std::vector<Index> position(static_cast<size_t>(nRef), -1);
    for (Index r = 0; r < nRef; ++r) {
        const Index ra = s.rowInSpace(a, r), rb = s.rowInSpace(b, r);
        if (ra < 0 || rb < 0) continue;
        position[static_cast<size_t>(r)] = static_cast<Index>(out.rowsA.size());
        out.rowsA.push_back(ra);
        out.rowsB.push_back(rb);
    }
    for (Index ref : s.anchors())
        if (ref >= 0 && ref < nRef && position[static_cast<size_t>(ref)] >= 0)
            out.anchors.push_back(position[static_cast<size_t>(ref)]);
    return out;
}

bool resolvePair(const Session& s, int& a, int& b) {
    const int n = static_cast<int>(s.spaceCount());
    if (n < 2) return false;
    const int ref = static_cast<int>(s.reference());
    if (b < 0 || b >= n) b = ref;
    if (a < 0 || a >= n || a == b) {
        a = -1;
        for (int i = 0; i < n && a < 0; ++i)
            if (i != b) a = i;
    }
    return true;
}

uint64_t mixKey(uint64_t h, uint64_t v) {
    for (int i = 0; i < 8; ++i) h = (h ^ ((v >> (8 * i)) & 0xFF)) * 1099511628211ull;
    return h;
}

uint64_t mixKey(uint64_t h, double v) {
    uint64_t bits = 0;
    std::memcpy(&bits, &v, sizeof bits);
    return mixKey(h, bits);
}

uint64_t documentKey(const AppState& st) {
    uint64_t h = 1469598103934665603ull;
    h = mixKey(h, st.session.spacesVersion());
    h = mixKey(h, st.session.anchorsVersion());
    h = mixKey(h, static_cast<uint64_t>(st.session.reference()));
    return mixKey(h, relativeSettingsHash(st));
}

ImU32 rampColor(float t) {
    // Five stops of a viridis-like ramp: ordered in lightness, readable by most colour-blind viewers.
    static constexpr float stops[5][3] = {{0.27f, 0.00f, 0.33f}, {0.23f, 0.32f, 0.55f}, {0.13f, 0.57f, 0.55f},
                                          {0.37f, 0.79f, 0.38f}, {0.99f, 0.91f, 0.14f}};
    t = std::clamp(std::isfinite(t) ? t : 0.0f, 0.0f, 1.0f) * 4.0f;
    const int i = std::min(3, static_cast<int>(t));
    const float f = t - static_cast<float>(i);
    float c[3];
    for (int k = 0; k < 3; ++k) c[k] = stops[i][k] + (stops[i + 1][k] - stops[i][k]) * f;
    return IM_COL32(static_cast<int>(c[0] * 255), static_cast<int>(c[1] * 255), static_cast<int>(c[2] * 255), 255);
}

ImU32 textColorOn(float t) { return t > 0.55f ? IM_COL32(10, 10, 10, 255) : IM_COL32(245, 245, 245, 255); }

std::string formatValue(double v, int decimals) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
    return buf;
}

std::string formatPercent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * v);
    return buf;
}

bool waitingForYoungViews(const AppState& st) {
    for (const LatestJob* views : {&st.relativeJob, &st.absoluteJob})
        if (views->running() && showsProgress(views->handle())) return false;
    return st.relativeJob.running() || st.absoluteJob.running();
}

double msSinceViewsRequest(const AppState& st) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - st.relativeRequestedAt).count();
}

bool deferToViews(const AppState& st, LatestJob& job) {
    if (!st.relativeJob.running() && !st.absoluteJob.running()) return false;
    if (job.running()) job.invalidate();
    return true;
}

}  // namespace lb::ui
