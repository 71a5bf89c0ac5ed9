#include "app/ui/frame_pacing.h"

#include <algorithm>
#include <cstring>

namespace lb::ui {

namespace {

// 64-bit mixing of one word (the finalizer of splitmix64).
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

// A tightly packed buffer, 8 bytes at a time (ImDrawVert and ImDrawIdx have no padding).
uint64_t mixBytes(uint64_t h, const void* data, size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w = 0;
        std::memcpy(&w, p + i, 8);
        h = mix(h, w);
    }
    uint64_t tail = 0;
    std::memcpy(&tail, p + i, n - i);
    return mix(mix(h, tail), n);
}

}  // namespace

FrameSignature frameSignature(const ImDrawData& d, uint64_t extra) {
    FrameSignature out;
    uint64_t h = mix(0x1b873593ull, extra);
    h = mixFloat(mixFloat(h, d.DisplaySize.x), d.DisplaySize.y);
    h = mixFloat(mixFloat(h, d.FramebufferScale.x), d.FramebufferScale.y);
    for (int l = 0; l < d.CmdListsCount; ++l) {
        const ImDrawList& list = *d.CmdLists[l];
        h = mixBytes(h, list.VtxBuffer.Data, static_cast<size_t>(list.VtxBuffer.Size) * sizeof(ImDrawVert));
        h = mixBytes(h, list.IdxBuffer.Data, static_cast<size_t>(list.IdxBuffer.Size) * sizeof(ImDrawIdx));
        // Field by field: ImDrawCmd has padding bytes.
        for (const ImDrawCmd& c : list.CmdBuffer) {
            for (float v : {c.ClipRect.x, c.ClipRect.y, c.ClipRect.z, c.ClipRect.w}) h = mixFloat(h, v);
            h = mix(h, reinterpret_cast<uintptr_t>(c.TextureId));
            h = mix(mix(mix(h, c.VtxOffset), c.IdxOffset), c.ElemCount);
            if (c.UserCallback) out.callbacks = true;
        }
    }
    out.hash = h;
    return out;
}

bool FramePresenter::shouldPresent(const FrameSignature& frame, bool force) {
    if (!force && !frame.callbacks && m_any && frame.hash == m_last) {
        ++m_skipped;
        return false;
    }
    m_last = frame.hash;
    m_any = true;
    ++m_presented;
    return true;
}

double frameWaitSeconds(const std::vector<double>& runningMs, bool pending) {
    if (runningMs.empty()) return pending ? kProgressWaitSeconds : kIdleWaitSeconds;
    const double oldest = *std::max_element(runningMs.begin(), runningMs.end());
    if (oldest >= kProgressAfterMs) return kProgressWaitSeconds;
    return std::max(kProgressWaitSeconds, (kProgressAfterMs - oldest) / 1000.0);
}

}  // namespace lb::ui
