#include "app/gfx/gl_check.h"

#include "app/gfx/gl.h"

#include <cstdio>

namespace lb::gfx {

const char* glErrorName(unsigned error) {
    switch (error) {
        case GL_INVALID_ENUM: return "GL_INVALID_ENUM";
        case GL_INVALID_VALUE: return "GL_INVALID_VALUE";
        case GL_INVALID_OPERATION: return "GL_INVALID_OPERATION";
        case GL_INVALID_FRAMEBUFFER_OPERATION: return "GL_INVALID_FRAMEBUFFER_OPERATION";
        case GL_OUT_OF_MEMORY: return "GL_OUT_OF_MEMORY";
        default: return "unknown GL error";
    }
}

int checkGlErrors(const char* file, int line) {
    int count = 0;
    // Bounded: a lost context can report errors forever.
    for (GLenum e = glGetError(); e != GL_NO_ERROR && count < 16; e = glGetError(), ++count)
        std::fprintf(stderr, "%s:%d: GL error %s (0x%04x)\n", file, line, glErrorName(e), e);
    return count;
}

}  // namespace lb::gfx
