#include "app/raster/density_image.h"

#include "app/raster/class_palette.h"
#include "core/jobs/concurrency.h"

#include <algorithm>
#include <cmath>

namespace lb::ui {

namespace {

bool isHidden(const std::vector<bool>& hidden, uint16_t c) {
    return c < hidden.size() && hidden[c];
}

// Per-thread bins: count and a Boyer-Moore (candidate, votes) pair per pixel.
struct PartialBins {
    std::vector<uint32_t> count;
    std::vector<uint16_t> candidate;
    std::vector<uint32_t> votes;
    size_t binned = 0;
    void init(size_t pixels) {
        count.assign(pixels, 0);
        candidate.assign(pixels, kUnlabeled);
        votes.assign(pixels, 0);
    }
};

void binRange(const PlotPoints& pts, const std::vector<bool>& hidden, const PlotViewport& vp, int w, int h,
              size_t begin, size_t end, PartialBins& out) {
    const bool hasClasses = pts.colorIndex.size() >= end;
    for (size_t i = begin; i < end; ++i) {
        const uint16_t c = hasClasses ? pts.colorIndex[i] : kUnlabeled;
        if (isHidden(hidden, c)) continue;
        int col, row;
        if (!pixelOf(vp, w, h, pts.xy[2 * i], pts.xy[2 * i + 1], col, row)) continue;
        const size_t p = static_cast<size_t>(row) * w + col;
        ++out.count[p];
        ++out.binned;
        if (out.votes[p] == 0) {
            out.candidate[p] = c;
            out.votes[p] = 1;
        } else if (out.candidate[p] == c) {
            ++out.votes[p];
        } else {
            --out.votes[p];
        }
    }
}

}  // namespace

bool pixelOf(const PlotViewport& vp, int width, int height, float x, float y, int& col, int& row) {
    const float px = (x - vp.centerX) * vp.scale + width * 0.5f;
    const float py = height * 0.5f - (y - vp.centerY) * vp.scale;
    // Compare in float first: NaN and far-away points must not reach the int conversion.
    if (!(px >= 0.0f && px < static_cast<float>(width) && py >= 0.0f && py < static_cast<float>(height))) return false;
    col = std::min(width - 1, static_cast<int>(px));
    row = std::min(height - 1, static_cast<int>(py));
    return true;
}

size_t countVisiblePoints(const PlotPoints& pts, const std::vector<bool>& hidden, const PlotViewport& vp, int width,
                          int height, size_t upTo) {
    const size_t n = std::min(pts.size(), pts.xy.size() / 2);
    size_t visible = 0;
    int col, row;
    for (size_t i = 0; i < n && visible < upTo; ++i) {
        if (isHidden(hidden, pts.colorIndex[i])) continue;
        visible += pixelOf(vp, width, height, pts.xy[2 * i], pts.xy[2 * i + 1], col, row);
    }
    return visible;
}

void binPoints(const PlotPoints& pts, const std::vector<bool>& hidden, const PlotViewport& vp, int width, int height,
               DensityBins& out, int threads) {
    width = std::max(width, 0);
    height = std::max(height, 0);
    const size_t pixels = static_cast<size_t>(width) * height;
    const size_t n = std::min(pts.size(), pts.xy.size() / 2);
    if (threads <= 0) threads = defaultRangeThreads();
    // Below ~64k points per thread the extra bins cost more than the parallel loop saves.
    threads = static_cast<int>(std::clamp<size_t>(n / 65536, 1, static_cast<size_t>(threads)));
    std::vector<PartialBins> parts(static_cast<size_t>(threads));
    for (PartialBins& p : parts) p.init(pixels);
    if (pixels > 0)
        parallelRanges(n, threads, [&](size_t begin, size_t end, int part) {
            binRange(pts, hidden, vp, width, height, begin, end, parts[static_cast<size_t>(part)]);
        });
    // Merge into part 0. Majority votes combine like a vote between the two candidates.
    PartialBins& acc = parts[0];
    for (int t = 1; t < threads; ++t) {
        const PartialBins& o = parts[t];
        acc.binned += o.binned;
        for (size_t p = 0; p < pixels; ++p) {
            acc.count[p] += o.count[p];
            if (o.votes[p] == 0) continue;
            if (acc.votes[p] == 0 || acc.candidate[p] == o.candidate[p]) {
                acc.candidate[p] = o.candidate[p];
                acc.votes[p] += o.votes[p];
            } else if (o.votes[p] > acc.votes[p]) {
                acc.candidate[p] = o.candidate[p];
                acc.votes[p] = o.votes[p] - acc.votes[p];
            } else {
                acc.votes[p] -= o.votes[p];
            }
        }
    }
    out.width = width;
    out.height = height;
    out.count = std::move(acc.count);
    out.dominant = std::move(acc.candidate);
    out.binnedPoints = acc.binned;
    out.maxCount = out.count.empty() ? 0 : *std::max_element(out.count.begin(), out.count.end());
}

void colorDensity(const DensityBins& bins, std::vector<uint32_t>& rgba) {
    const Rgba8 bg = plotBackground();
    const uint32_t bgPacked = uint32_t(bg.r) | (uint32_t(bg.g) << 8) | (uint32_t(bg.b) << 16) | (0xFFu << 24);
    rgba.assign(bins.count.size(), bgPacked);
    if (bins.maxCount == 0) return;
    const float invLogMax = 1.0f / std::log1p(static_cast<float>(bins.maxCount));
    for (size_t p = 0; p < bins.count.size(); ++p) {
        const uint32_t c = bins.count[p];
        if (c == 0) continue;
        // Log scale: a pixel with one point is still clearly visible next to a pixel with thousands.
        const float b = 0.3f + 0.7f * std::log1p(static_cast<float>(c)) * invLogMax;
        const Rgba8 k = classColor(bins.dominant[p]);
        auto ch = [b](uint8_t v) { return static_cast<uint32_t>(std::min(255.0f, v * b + 0.5f)); };
        rgba[p] = ch(k.r) | (ch(k.g) << 8) | (ch(k.b) << 16) | (0xFFu << 24);
    }
}

}  // namespace lb::ui
