#include "app/raster/point_grid_index.h"

#include <algorithm>
#include <cmath>

namespace lb::ui {

namespace {
// About four points per cell keeps a nearest query at ~9 cells x 4 points when the radius is one cell.
constexpr double kPointsPerCell = 4.0;
constexpr int kMaxCellsPerAxis = 4096;
}  // namespace

void PointGridIndex::clear() {
    m_n = 0;
    m_bounds = DataRect{1, 1, 0, 0};
    m_cellsX = m_cellsY = 0;
    m_cellStart.clear();
    m_order.clear();
    m_sortedXy.clear();
}

void PointGridIndex::build(const float* xy, size_t n) {
    clear();
    m_n = n;
    DataRect b{INFINITY, INFINITY, -INFINITY, -INFINITY};
    size_t finite = 0;
    for (size_t i = 0; i < n; ++i) {
        const float x = xy[2 * i], y = xy[2 * i + 1];
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        b.minX = std::min(b.minX, x);
        b.maxX = std::max(b.maxX, x);
        b.minY = std::min(b.minY, y);
        b.maxY = std::max(b.maxY, y);
        ++finite;
    }
    if (finite == 0) return;
    m_bounds = b;
    // A degenerate extent (all points on a line or one spot) still needs a positive cell size.
    const double w = std::max<double>(b.maxX - b.minX, 1e-12);
    const double h = std::max<double>(b.maxY - b.minY, 1e-12);
    const double cells = std::max(1.0, finite / kPointsPerCell);
    const double aspect = std::clamp(w / h, 1e-3, 1e3);
    m_cellsX = static_cast<int>(std::clamp(std::ceil(std::sqrt(cells * aspect)), 1.0, double(kMaxCellsPerAxis)));
    m_cellsY = static_cast<int>(std::clamp(std::ceil(cells / m_cellsX), 1.0, double(kMaxCellsPerAxis)));
    m_invCellW = static_cast<float>(m_cellsX / w);
    m_invCellH = static_cast<float>(m_cellsY / h);

    // Counting sort of the finite points by cell; stable, so indices ascend within a cell.
    const size_t numCells = static_cast<size_t>(m_cellsX) * m_cellsY;
    std::vector<uint32_t> cellOf(n, UINT32_MAX);
    m_cellStart.assign(numCells + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        const float x = xy[2 * i], y = xy[2 * i + 1];
        if (!std::isfinite(x) || !std::isfinite(y)) continue;
        const int cx = std::min(m_cellsX - 1, static_cast<int>((x - b.minX) * m_invCellW));
        const int cy = std::min(m_cellsY - 1, static_cast<int>((y - b.minY) * m_invCellH));
        cellOf[i] = static_cast<uint32_t>(cy) * m_cellsX + cx;
        ++m_cellStart[cellOf[i] + 1];
    }
    for (size_t c = 0; c < numCells; ++c) m_cellStart[c + 1] += m_cellStart[c];
    m_order.resize(finite);
    m_sortedXy.resize(2 * finite);
    std::vector<uint32_t> fill(m_cellStart.begin(), m_cellStart.end() - 1);
    for (size_t i = 0; i < n; ++i) {
        if (cellOf[i] == UINT32_MAX) continue;
        const uint32_t k = fill[cellOf[i]]++;
        m_order[k] = static_cast<uint32_t>(i);
        m_sortedXy[2 * k] = xy[2 * i];
        m_sortedXy[2 * k + 1] = xy[2 * i + 1];
    }
}

bool PointGridIndex::cellRange(float x0, float y0, float x1, float y1, int& cx0, int& cy0, int& cx1, int& cy1) const {
    if (m_cellsX == 0 || !(x0 <= x1) || !(y0 <= y1)) return false;
    if (x1 < m_bounds.minX || x0 > m_bounds.maxX || y1 < m_bounds.minY || y0 > m_bounds.maxY) return false;
    // Clamp in float before converting: a huge radius must not overflow int.
    auto cell = [](float v, float lo, float inv, int count) {
        const float c = std::floor((v - lo) * inv);
        return static_cast<int>(std::clamp(c, 0.0f, static_cast<float>(count - 1)));
    };
    cx0 = cell(x0, m_bounds.minX, m_invCellW, m_cellsX);
    cx1 = cell(x1, m_bounds.minX, m_invCellW, m_cellsX);
    cy0 = cell(y0, m_bounds.minY, m_invCellH, m_cellsY);
    cy1 = cell(y1, m_bounds.minY, m_invCellH, m_cellsY);
    return true;
}

int64_t PointGridIndex::nearest(float x, float y, float radius, const PointFilter& filter) const {
    int cx0, cy0, cx1, cy1;
    if (!(radius >= 0) || !cellRange(x - radius, y - radius, x + radius, y + radius, cx0, cy0, cx1, cy1)) return -1;
    const double r2 = double(radius) * radius;
    double best = INFINITY;
    int64_t bestIndex = -1;
    for (int cy = cy0; cy <= cy1; ++cy) {
        for (int cx = cx0; cx <= cx1; ++cx) {
            const size_t cell = static_cast<size_t>(cy) * m_cellsX + cx;
            for (uint32_t k = m_cellStart[cell]; k < m_cellStart[cell + 1]; ++k) {
                const double dx = m_sortedXy[2 * k] - double(x), dy = m_sortedXy[2 * k + 1] - double(y);
                const double d2 = dx * dx + dy * dy;
                if (d2 > r2 || d2 > best) continue;
                const uint32_t i = m_order[k];
                if (d2 == best && static_cast<int64_t>(i) > bestIndex) continue;
                if (!filter.accepts(i)) continue;
                best = d2;
                bestIndex = i;
            }
        }
    }
    return bestIndex;
}

template <class Keep>
std::vector<int64_t> PointGridIndex::pointsInBox(const DataRect& box, Keep keep) const {
    std::vector<int64_t> out;
    int cx0, cy0, cx1, cy1;
    if (!cellRange(box.minX, box.minY, box.maxX, box.maxY, cx0, cy0, cx1, cy1)) return out;
    for (int cy = cy0; cy <= cy1; ++cy) {
        const size_t row = static_cast<size_t>(cy) * m_cellsX;
        for (uint32_t k = m_cellStart[row + cx0]; k < m_cellStart[row + cx1 + 1]; ++k) {
            const float px = m_sortedXy[2 * k], py = m_sortedXy[2 * k + 1];
            if (px < box.minX || px > box.maxX || py < box.minY || py > box.maxY) continue;
            if (keep(px, py, m_order[k])) out.push_back(m_order[k]);
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<int64_t> PointGridIndex::inRect(const DataRect& rect, const PointFilter& filter) const {
    return pointsInBox(rect, [&](float, float, uint32_t i) { return filter.accepts(i); });
}

size_t PointGridIndex::countInRect(const DataRect& rect, size_t upTo) const {
    size_t count = 0;
    int cx0, cy0, cx1, cy1;
    if (upTo == 0 || !cellRange(rect.minX, rect.minY, rect.maxX, rect.maxY, cx0, cy0, cx1, cy1)) return 0;
    for (int cy = cy0; cy <= cy1; ++cy) {
        const size_t row = static_cast<size_t>(cy) * m_cellsX;
        for (uint32_t k = m_cellStart[row + cx0]; k < m_cellStart[row + cx1 + 1]; ++k) {
            const float px = m_sortedXy[2 * k], py = m_sortedXy[2 * k + 1];
            if (px < rect.minX || px > rect.maxX || py < rect.minY || py > rect.maxY) continue;
            if (++count == upTo) return count;
        }
    }
    return count;
}

bool pointInPolygon(float x, float y, const std::vector<float>& poly) {
    const size_t m = poly.size() / 2;
    if (m < 3) return false;
    bool inside = false;
    for (size_t i = 0, j = m - 1; i < m; j = i++) {
        const float xi = poly[2 * i], yi = poly[2 * i + 1];
        const float xj = poly[2 * j], yj = poly[2 * j + 1];
        // Half-open rule on y ([min, max)) so a ray through a vertex counts that vertex once.
        if ((yi > y) != (yj > y)) {
            const float xCross = xj + (y - yj) * (xi - xj) / (yi - yj);
            if (x < xCross) inside = !inside;
        }
    }
    return inside;
}

std::vector<int64_t> PointGridIndex::inPolygon(const std::vector<float>& poly, const PointFilter& filter) const {
    std::vector<int64_t> out;
    if (poly.size() / 2 < 3) return out;
    DataRect box{INFINITY, INFINITY, -INFINITY, -INFINITY};
    for (size_t i = 0; i + 1 < poly.size(); i += 2) {
        box.minX = std::min(box.minX, poly[i]);
        box.maxX = std::max(box.maxX, poly[i]);
        box.minY = std::min(box.minY, poly[i + 1]);
        box.maxY = std::max(box.maxY, poly[i + 1]);
    }
    return pointsInBox(box,
                       [&](float x, float y, uint32_t i) { return pointInPolygon(x, y, poly) && filter.accepts(i); });
}

}  // namespace lb::ui
