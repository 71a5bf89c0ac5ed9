// CPU spatial index for picking in scatter views: a uniform grid over the points' data coordinates.
//
// Built once per PlotPoints::version (O(N) time, 12 N + 4 cells bytes, cells ~ N / 4), then queried every
// frame: nearest point within a radius (hover / click), points inside an axis-aligned box (box selection)
// and inside a polygon (lasso). Non-finite points are never returned. No ImGui or GL dependence.
// Threading: build and queries are pure; concurrent queries on a built index are safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lb::ui {

// Which points a query may return: when `classes` and `hidden` are set, point i is skipped if
// classes[i] < hidden->size() and (*hidden)[classes[i]] is true (the legend's hidden classes).
struct PointFilter {
    const uint16_t* classes = nullptr;          // N class ids (PlotPoints::colorIndex.data()), may be null
    const std::vector<bool>* hidden = nullptr;  // hidden[c] = true hides class c, may be null
    bool accepts(uint32_t i) const {
        if (!classes || !hidden) return true;
        const uint16_t c = classes[i];
        return c >= hidden->size() || !(*hidden)[c];
    }
};

struct DataRect {
    float minX = 0, minY = 0, maxX = 0, maxY = 0;
    bool valid() const { return minX <= maxX && minY <= maxY; }
};

class PointGridIndex {
   public:
    // xy: 2N floats (x0, y0, x1, y1, ...) in data coordinates; copied, so the caller may free it.
    // Replaces any previous content. N must be < 2^32.
    void build(const float* xy, size_t n);
    void clear();

    size_t size() const { return m_n; }
    // Bounding box of the finite points; invalid (min > max) when there are none.
    const DataRect& bounds() const { return m_bounds; }

    // Index of the accepted point nearest to (x, y) with distance <= radius (data units), or -1.
    // Ties go to the lower index. Cost: the points in the cells the radius touches.
    int64_t nearest(float x, float y, float radius, const PointFilter& filter = {}) const;

    // Accepted points inside the closed box, ascending indices.
    std::vector<int64_t> inRect(const DataRect& rect, const PointFilter& filter = {}) const;
    // How many points lie inside the closed box, counting no further than `upTo` (enough to tell "alone" from
    // "crowded" without listing a dense region's points).
    size_t countInRect(const DataRect& rect, size_t upTo) const;

    // Accepted points inside the polygon (even-odd rule; vertices as 2M floats, implicitly closed;
    // fewer than 3 vertices select nothing), ascending indices.
    std::vector<int64_t> inPolygon(const std::vector<float>& polygonXy, const PointFilter& filter = {}) const;

   private:
    // Inclusive cell ranges covering [x0, x1] x [y0, y1], clamped to the grid.
    bool cellRange(float x0, float y0, float x1, float y1, int& cx0, int& cy0, int& cx1, int& cy1) const;
    // Indices of the points inside `box` for which keep(x, y, index) holds, ascending (inRect and inPolygon).
    template <class Keep>
    std::vector<int64_t> pointsInBox(const DataRect& box, Keep keep) const;

    size_t m_n = 0;
    DataRect m_bounds{1, 1, 0, 0};
    int m_cellsX = 0, m_cellsY = 0;
    float m_invCellW = 0, m_invCellH = 0;
    std::vector<uint32_t> m_cellStart;  // cells + 1 offsets into m_order (counting sort by cell)
    std::vector<uint32_t> m_order;      // finite point indices grouped by cell, ascending within a cell
    std::vector<float> m_sortedXy;      // 2 floats per m_order entry (a copy, so queries stay local in memory)
};

// Even-odd point-in-polygon test; polygonXy holds 2M floats, implicitly closed.
bool pointInPolygon(float x, float y, const std::vector<float>& polygonXy);

}  // namespace lb::ui
