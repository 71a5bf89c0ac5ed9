#include "app/gfx/gl_image_cache.h"

#include "app/gfx/gl_check.h"

#include <algorithm>
#include <cstring>

namespace lb::gfx {

namespace {

// FNV-1a over the shape and the bytes.
uint64_t imageKey(const uint8_t* gray, int width, int height) {
    uint64_t h = 1469598103934665603ull;
    auto add = [&h](uint8_t b) { h = (h ^ b) * 1099511628211ull; };
    for (int v : {width, height})
        for (int i = 0; i < 4; ++i) add(static_cast<uint8_t>(v >> (8 * i)));
    const size_t n = static_cast<size_t>(width) * static_cast<size_t>(height);
    for (size_t i = 0; i < n; ++i) add(gray[i]);
    return h;
}

}  // namespace

ImTextureID GlImageCache::texture(const uint8_t* gray, int width, int height) {
    if (!gray || width <= 0 || height <= 0) return nullptr;
    const size_t n = static_cast<size_t>(width) * static_cast<size_t>(height);
    const uint64_t key = imageKey(gray, width, height);
    auto [first, last] = m_entries.equal_range(key);
    for (auto it = first; it != last; ++it) {
        Entry& e = it->second;
        if (e.width == width && e.height == height && std::memcmp(e.bytes.data(), gray, n) == 0) {
            e.lastUse = ++m_clock;
            return reinterpret_cast<ImTextureID>(static_cast<uintptr_t>(e.texture.id()));
        }
    }
    while (!m_entries.empty() && (m_entries.size() >= m_capacity || m_bytes + 4 * n > m_maxBytes))
        evictLeastRecentlyUsed();
    Entry e;
    e.width = width;
    e.height = height;
    e.bytes.assign(gray, gray + n);
    e.lastUse = ++m_clock;
    // RGBA (gray in R, G and B): ImGui's shader shows the texture's colour as it is.
    std::vector<uint32_t> rgba(n);
    for (size_t i = 0; i < n; ++i) rgba[i] = gray[i] * 0x010101u | 0xFF000000u;
    e.texture = GlTexture::create();
    glBindTexture(GL_TEXTURE_2D, e.texture.id());
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, width, height, 0, GL_RGBA, GL_UNSIGNED_BYTE, rgba.data());
    // Shown at 1× or 2×: nearest keeps the pixels square, as the rectangles drew them.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_NEAREST);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    LB_GL_CHECK();
    ++m_uploads;
    m_bytes += 4 * n;
    const GLuint id = e.texture.id();
    m_entries.emplace(key, std::move(e));
    return reinterpret_cast<ImTextureID>(static_cast<uintptr_t>(id));
}

void GlImageCache::evictLeastRecentlyUsed() {
    // A scan of at most `capacity` entries, only when a new image arrives in a full cache. A frame that needs
    // more than the cache holds at once (none does: a table page shows ~30 thumbnails) would draw one whose
    // texture was deleted, as black.
    const auto oldest = std::min_element(m_entries.begin(), m_entries.end(), [](const auto& a, const auto& b) {
        return a.second.lastUse < b.second.lastUse;
    });
    if (oldest == m_entries.end()) return;
    m_bytes -= 4 * oldest->second.bytes.size();
    m_entries.erase(oldest);
}

}  // namespace lb::gfx
