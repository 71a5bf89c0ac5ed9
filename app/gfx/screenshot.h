// Saving what the GL context shows as a PNG (for --screenshot, the export menu and the screenshot test).
#pragma once

#include <string>

namespace lb::gfx {

// Reads the currently bound read framebuffer (x, y, width, height in pixels, origin bottom-left) and writes
// it top-down as an RGB PNG, saved atomically (io::writeFileAtomic). Call before glfwSwapBuffers. Returns an
// error message naming the file, empty on success. Main thread only (GL).
std::string saveFramebufferPng(const std::string& path, int x, int y, int width, int height);

}  // namespace lb::gfx
