#include "app/ui/frame_damage.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace lb::ui {

namespace {

// 64-bit mixing of one word (the splitmix64 finalizer).
uint64_t mix(uint64_t h, uint64_t v) {
    uint64_t z = h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2));
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

uint64_t mixFloat(uint64_t h, float f) {
    uint32_t bits = 0;
    std::memcpy(&bits, &f, sizeof bits);
    return mix(h, bits);
}

// A tightly packed buffer, 8 bytes at a time (ImDrawVert and ImDrawIdx have no padding). Four words go into
// four independent lanes, so the multiplies of one do not wait for the previous word's: the anchor table's
// thumbnails make ~1 MB of vertices that are hashed every frame.
uint64_t mixBytes(uint64_t h, const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    uint64_t lane[4] = {h, mix(h, 1), mix(h, 2), mix(h, 3)};
    size_t i = 0;
    for (; i + 32 <= n; i += 32)
        for (int l = 0; l < 4; ++l) {
            uint64_t w = 0;
            std::memcpy(&w, p + i + 8 * static_cast<size_t>(l), 8);
            lane[l] = mix(lane[l], w);
        }
    for (; i + 8 <= n; i += 8) {
        uint64_t w = 0;
        std::memcpy(&w, p + i, 8);
        lane[0] = mix(lane[0], w);
    }
    uint64_t tail = 0;
    if (n > i) std::memcpy(&tail, p + i, n - i);
    return mix(mix(mix(mix(mix(lane[0], tail), lane[1]), lane[2]), lane[3]), n);
}

ScreenRect unite(const ScreenRect& a, const ScreenRect& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

ScreenRect clipTo(const ScreenRect& r, const ScreenRect& to) {
    return {std::max(r.x0, to.x0), std::max(r.y0, to.y0), std::min(r.x1, to.x1), std::min(r.y1, to.y1)};
}

// Where a list's triangles can cover pixels: the bounding box of its vertices (a window's clip rectangles are
// often the whole display, so they say little).
ScreenRect vertexBounds(const ImDrawList& list) {
    if (list.VtxBuffer.Size == 0) return {};
    ScreenRect r{1e30f, 1e30f, -1e30f, -1e30f};
    for (const ImDrawVert& v : list.VtxBuffer) {
        r.x0 = std::min(r.x0, v.pos.x);
        r.y0 = std::min(r.y0, v.pos.y);
        r.x1 = std::max(r.x1, v.pos.x);
        r.y1 = std::max(r.y1, v.pos.y);
    }
    return {std::floor(r.x0), std::floor(r.y0), std::ceil(r.x1) + 1.0f, std::ceil(r.y1) + 1.0f};
}

// A list whose triangles and commands are the same as last frame's, only some vertices changed (a number in a
// text of the same length, a scrollbar grab, a colour): the screen area of the triangles that use a changed
// vertex, at their old and new positions, each clipped to its command's rectangle. Text is drawn as one command
// per window, so this is what keeps "Anchors: 301" from redrawing the whole side panel.
ScreenRect changedTriangles(const ImDrawList& list, const std::vector<ImDrawVert>& before) {
    const ImDrawVert* now = list.VtxBuffer.Data;
    const size_t n = before.size();
    auto same = [&](size_t i) { return std::memcmp(&now[i], &before[i], sizeof(ImDrawVert)) == 0; };
    size_t first = 0, last = n;  // changed vertices: [first, last)
    while (first < n && same(first)) ++first;
    while (last > first && same(last - 1)) --last;
    ScreenRect out;
    for (const ImDrawCmd& c : list.CmdBuffer) {
        const ScreenRect clip{c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w};
        for (unsigned e = 0; e + 2 < c.ElemCount; e += 3) {
            const ImDrawIdx* tri = list.IdxBuffer.Data + c.IdxOffset + e;
            const size_t v[3] = {c.VtxOffset + tri[0], c.VtxOffset + tri[1], c.VtxOffset + tri[2]};
            if (!((v[0] >= first && v[0] < last) || (v[1] >= first && v[1] < last) || (v[2] >= first && v[2] < last)))
                continue;
            ScreenRect r{now[v[0]].pos.x, now[v[0]].pos.y, now[v[0]].pos.x, now[v[0]].pos.y};
            for (size_t k : v)
                for (const ImVec2& p : {now[k].pos, before[k].pos})
                    r = {std::min(r.x0, p.x), std::min(r.y0, p.y), std::max(r.x1, p.x), std::max(r.y1, p.y)};
            // Pixels whose centres the triangles cover, rounded outwards.
            r = {std::floor(r.x0), std::floor(r.y0), std::ceil(r.x1) + 1.0f, std::ceil(r.y1) + 1.0f};
            out = unite(out, clipTo(r, clip));
        }
    }
    return out;
}

// The screen area of command `c`'s triangles, clipped to its rectangle: where a redrawn texture shows (a view's
// image is one quad).
ScreenRect commandBounds(const ImDrawList& list, const ImDrawCmd& c) {
    ScreenRect r{1e30f, 1e30f, -1e30f, -1e30f};
    for (unsigned e = 0; e < c.ElemCount; ++e) {
        const ImVec2& p = list.VtxBuffer.Data[c.VtxOffset + list.IdxBuffer.Data[c.IdxOffset + e]].pos;
        r = {std::min(r.x0, p.x), std::min(r.y0, p.y), std::max(r.x1, p.x), std::max(r.y1, p.y)};
    }
    if (r.x0 > r.x1) return {};
    r = {std::floor(r.x0), std::floor(r.y0), std::ceil(r.x1) + 1.0f, std::ceil(r.y1) + 1.0f};
    return clipTo(r, {c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w});
}

// The screen area that shows `region` of command `c`'s texture: its quad's positions mapped from their texture
// coordinates (an axis-aligned image quad, either orientation), a pixel wider on each side, within the quad.
ScreenRect regionBounds(const ImDrawList& list, const ImDrawCmd& c, const TextureRegion& region) {
    const ScreenRect quad = commandBounds(list, c);
    if (region.empty() || quad.empty()) return {};
    // The vertices at the smallest and largest x and y, with their u and v.
    const ImDrawVert* lo[2] = {nullptr, nullptr};
    const ImDrawVert* hi[2] = {nullptr, nullptr};
    for (unsigned e = 0; e < c.ElemCount; ++e) {
        const ImDrawVert& v = list.VtxBuffer.Data[c.VtxOffset + list.IdxBuffer.Data[c.IdxOffset + e]];
        for (int axis = 0; axis < 2; ++axis) {
            const float p = axis ? v.pos.y : v.pos.x;
            if (!lo[axis] || p < (axis ? lo[axis]->pos.y : lo[axis]->pos.x)) lo[axis] = &v;
            if (!hi[axis] || p > (axis ? hi[axis]->pos.y : hi[axis]->pos.x)) hi[axis] = &v;
        }
    }
    float out[2][2];
    for (int axis = 0; axis < 2; ++axis) {
        const float p0 = axis ? lo[axis]->pos.y : lo[axis]->pos.x, p1 = axis ? hi[axis]->pos.y : hi[axis]->pos.x;
        const float t0 = axis ? lo[axis]->uv.y : lo[axis]->uv.x, t1 = axis ? hi[axis]->uv.y : hi[axis]->uv.x;
        if (!(p1 > p0) || t1 == t0) return quad;
        const auto at = [&](float t) { return p0 + (t - t0) * (p1 - p0) / (t1 - t0); };
        const float a = at(axis ? region.v0 : region.u0), b = at(axis ? region.v1 : region.u1);
        out[axis][0] = std::floor(std::min(a, b)) - 1.0f;
        out[axis][1] = std::ceil(std::max(a, b)) + 1.0f;
    }
    return clipTo({out[0][0], out[1][0], out[0][1], out[1][1]}, quad);
}

// Pixels that drawing a and b as their bounding box redraws beyond the two: the cost of merging them.
float mergeWaste(const ScreenRect& a, const ScreenRect& b) {
    return unite(a, b).area() - a.area() - b.area() + clipTo(a, b).area();
}

// Fewer passes, little extra area. Each pass re-submits the whole draw data (clipped), so two rectangles that
// nearly coincide are better as one; but the bounding box of a tooltip in the middle and a panel at the right
// edge covers most of the window, which under llvmpipe costs far more than the two alone. Pairs are merged,
// least waste first, while the waste is small (kMergeSlack of what the pair covers, or a few rows of pixels);
// beyond kMaxRects, whatever the waste. Rectangles left overlapping are correct, only their overlap is drawn
// twice.
std::vector<ScreenRect> merged(std::vector<ScreenRect> rects) {
    constexpr float kMergeSlack = 0.25f, kSmallWaste = 4096.0f;
    rects.erase(std::remove_if(rects.begin(), rects.end(), [](const ScreenRect& r) { return r.empty(); }), rects.end());
    while (rects.size() > 1) {
        size_t bi = 0, bj = 1;
        float best = mergeWaste(rects[0], rects[1]);
        for (size_t i = 0; i < rects.size(); ++i)
            for (size_t j = i + 1; j < rects.size(); ++j)
                if (const float w = mergeWaste(rects[i], rects[j]); w < best) best = w, bi = i, bj = j;
        const float covered = rects[bi].area() + rects[bj].area() - clipTo(rects[bi], rects[bj]).area();
        if (rects.size() <= FrameDamage::kMaxRects && best > std::max(kSmallWaste, kMergeSlack * covered)) break;
        rects[bi] = unite(rects[bi], rects[bj]);
        rects.erase(rects.begin() + static_cast<std::ptrdiff_t>(bj));
    }
    return rects;
}

}  // namespace

std::vector<ScreenRect> FrameDamage::update(const ImDrawData& d, const TextureVersion& version, bool force,
                                            const TextureChange& changed) {
    const ImVec2 display = d.DisplaySize;
    const ScreenRect whole{d.DisplayPos.x, d.DisplayPos.y, d.DisplayPos.x + display.x, d.DisplayPos.y + display.y};
    WholeFrameCauses seen;
    seen.displayResized = display.x != m_display.x || display.y != m_display.y;
    m_display = display;
    std::map<std::string, ListState> lists;
    std::vector<ScreenRect> rects;
    for (int l = 0; l < d.CmdListsCount; ++l) {
        const ImDrawList& list = *d.CmdLists[l];
        std::string name = list._OwnerName ? list._OwnerName : "";
        if (name.empty() || lists.count(name)) name += "#" + std::to_string(l);
        ListState s;
        ScreenRect clips;  // union of the commands' clip rectangles
        // Two hashes: the triangles and commands (structure), and with the vertices and the textures' versions too
        // (everything drawn).
        uint64_t h = mix(0x1b873593ull, static_cast<uint64_t>(l));  // the stacking order: a window brought to the front
        h = mixBytes(h, list.IdxBuffer.Data, static_cast<size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
        uint64_t versions = 0;
        s.textureVersions.reserve(static_cast<size_t>(list.CmdBuffer.Size));
        for (const ImDrawCmd& c : list.CmdBuffer) {  // field by field: ImDrawCmd has padding bytes
            for (float v : {c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w}) h = mixFloat(h, v);
            h = mix(h, reinterpret_cast<uintptr_t>(c.TextureId));
            h = mix(mix(mix(h, c.VtxOffset), c.IdxOffset), c.ElemCount);
            s.textureVersions.push_back(version ? version(c.TextureId) : kUnversionedTexture);
            versions = mix(versions, s.textureVersions.back());
            if (c.UserCallback) seen.readBack = true;
            if (c.ElemCount > 0) clips = unite(clips, {c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w});
        }
        s.structureHash = h;
        s.hash = mixBytes(mix(h, versions), list.VtxBuffer.Data,
                          static_cast<size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
        s.extent = clipTo(clipTo(vertexBounds(list), clips), whole);
        const auto old = m_lists.find(name);
        ListState* o = old == m_lists.end() ? nullptr : &old->second;
        const WindowChange change = windowChange(
            o != nullptr, o && o->hash == s.hash,
            o && o->structureHash == s.structureHash && o->vertices.size() == static_cast<size_t>(list.VtxBuffer.Size));
        if (change == WindowChange::None) {
            s.vertices = std::move(o->vertices);  // the same bytes: no copy of ~1 MB (the anchor table's thumbnails)
        } else if (change == WindowChange::Contents) {
            // Where vertices moved or changed, and where a texture was redrawn (an anchor click redraws the 9 view
            // images, not the titles, buttons and axes around them).
            rects.push_back(clipTo(changedTriangles(list, o->vertices), whole));
            for (int i = 0; i < list.CmdBuffer.Size; ++i) {
                const uint64_t before = o->textureVersions[static_cast<size_t>(i)];
                if (s.textureVersions[static_cast<size_t>(i)] == before) continue;
                const ImDrawCmd& c = list.CmdBuffer[i];
                const std::optional<TextureRegion> region = changed ? changed(c.TextureId, before) : std::nullopt;
                rects.push_back(clipTo(region ? regionBounds(list, c, *region) : commandBounds(list, c), whole));
            }
        } else {
            if (o) rects.push_back(o->extent);
            rects.push_back(s.extent);
        }
        if (o) m_lists.erase(old);
        if (change != WindowChange::None)
            s.vertices.assign(list.VtxBuffer.Data, list.VtxBuffer.Data + list.VtxBuffer.Size);
        lists.emplace(std::move(name), std::move(s));
    }
    for (const auto& [name, gone] : m_lists) rects.push_back(gone.extent);  // windows that closed
    m_lists = std::move(lists);
    if (force || seen.any()) return whole.empty() ? std::vector<ScreenRect>{} : std::vector<ScreenRect>{whole};
    return merged(std::move(rects));
}

}  // namespace lb::ui
