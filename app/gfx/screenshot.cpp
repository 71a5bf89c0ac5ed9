#include "app/gfx/screenshot.h"

#include "app/gfx/gl.h"

#include <stb/stb_image_write.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace lb::gfx {

std::string saveFramebufferPng(const std::string& path, int x, int y, int width, int height) {
    if (width <= 0 || height <= 0) return "nothing to save (empty area)";
    std::vector<unsigned char> pixels(static_cast<size_t>(width) * height * 3);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(x, y, width, height, GL_RGB, GL_UNSIGNED_BYTE, pixels.data());
    // GL rows run bottom-up; PNG rows top-down.
    stbi_flip_vertically_on_write(1);
    errno = 0;
    const int ok = stbi_write_png(path.c_str(), width, height, 3, pixels.data(), width * 3);
    stbi_flip_vertically_on_write(0);
    if (!ok) return path + ": cannot write PNG" + (errno ? std::string(": ") + std::strerror(errno) : std::string());
    return {};
}

}  // namespace lb::gfx
