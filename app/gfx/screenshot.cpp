#include "app/gfx/screenshot.h"

#include "app/gfx/gl.h"
#include "core/io/atomic_file.h"

#include <stb/stb_image_write.h>

#include <vector>

namespace lb::gfx {

namespace {

// stbi_write_png_to_func's sink: appends the encoded bytes to a std::vector<unsigned char>.
void appendPngBytes(void* context, void* data, int size) {
    auto* out = static_cast<std::vector<unsigned char>*>(context);
    const auto* bytes = static_cast<const unsigned char*>(data);
    out->insert(out->end(), bytes, bytes + size);
}

}  // namespace

std::string saveFramebufferPng(const std::string& path, int x, int y, int width, int height) {
    if (width <= 0 || height <= 0) return "nothing to save (empty area)";
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(x, y, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // GL rows run bottom-up; PNG rows top-down.
    stbi_flip_vertically_on_write(1);
    std::vector<unsigned char> png;
    const int ok = stbi_write_png_to_func(appendPngBytes, &png, width, height, 3, pixels.data(), width * 3);
    stbi_flip_vertically_on_write(0);
    if (!ok) return path + ": cannot encode the PNG";
    // Encoded in memory first so the file is saved atomically like every other output.
    const Status saved = io::writeFileAtomic(path, png.data(), png.size());
    return saved ? std::string() : saved.error().describe();
}

}  // namespace lb::gfx
