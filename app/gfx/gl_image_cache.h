// Small grayscale images (thumbnails) as GL textures, keyed by their bytes, for ui::PlotCanvas::imageTexture.
// The anchor table and the hover tooltip then draw a thumbnail as one textured quad instead of one rectangle
// per pixel: a page of the table would be ~15,000 rectangles, built, hashed for the damage tracking
// (frame_damage.h) and copied in every frame. At most `capacity` textures and `maxBytes` of texels (large
// images, e.g. 224 × 224, must not pile up); the least recently used one goes first.
// Main thread only, with the GL context current; destroy before the context.
#pragma once

#include "app/gfx/gl_handle.h"

#include <imgui.h>

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace lb::gfx {

class GlImageCache {
   public:
    explicit GlImageCache(size_t capacity = 512, size_t maxBytes = size_t(32) << 20)
        : m_capacity(capacity), m_maxBytes(maxBytes) {}

    // The texture of `gray` (width × height bytes, row 0 = top) shown as gray, uploaded on first use.
    ImTextureID texture(const uint8_t* gray, int width, int height);
    size_t size() const { return m_entries.size(); }
    uint64_t uploads() const { return m_uploads; }

   private:
    struct Entry {
        GlTexture texture;
        int width = 0, height = 0;
        std::vector<uint8_t> bytes;  // to tell a hash collision from the same image
        uint64_t lastUse = 0;
    };
    void evictLeastRecentlyUsed();

    size_t m_capacity, m_maxBytes;
    size_t m_bytes = 0;  // RGBA texels held
    std::unordered_multimap<uint64_t, Entry> m_entries;
    uint64_t m_clock = 0;
    uint64_t m_uploads = 0;
};

}  // namespace lb::gfx
