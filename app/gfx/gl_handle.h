// Move-only owners of OpenGL object names: the destructor deletes the object, so GPU resources follow C++
// scope instead of manual init()/free(). The only place besides app/gfx/*.cpp where GLuint appears.
// Create and destroy on the main thread with the owning context current.
#pragma once

#include "app/gfx/gl.h"

#include <utility>

namespace lb::gfx {

template <class Deleter>
class GlHandle {
   public:
    GlHandle() = default;
    explicit GlHandle(GLuint id) : m_id(id) {}
    ~GlHandle() { reset(); }
    GlHandle(const GlHandle&) = delete;
    GlHandle& operator=(const GlHandle&) = delete;
    GlHandle(GlHandle&& o) noexcept : m_id(std::exchange(o.m_id, 0)) {}
    GlHandle& operator=(GlHandle&& o) noexcept {
        if (this != &o) {
            reset();
            m_id = std::exchange(o.m_id, 0);
        }
        return *this;
    }

    // A fresh object name (glGen* / glCreate*).
    static GlHandle create() { return GlHandle(Deleter::create()); }

    GLuint id() const { return m_id; }
    explicit operator bool() const { return m_id != 0; }
    // Deletes the current object (if any) and takes ownership of `id`.
    void reset(GLuint id = 0) {
        if (m_id) Deleter::destroy(m_id);
        m_id = id;
    }
    // Gives up ownership without deleting.
    GLuint release() { return std::exchange(m_id, 0); }

   private:
    GLuint m_id = 0;
};

struct BufferDeleter {
    static GLuint create() {
        GLuint id = 0;
        glGenBuffers(1, &id);
        return id;
    }
    static void destroy(GLuint id) { glDeleteBuffers(1, &id); }
};
struct VertexArrayDeleter {
    static GLuint create() {
        GLuint id = 0;
        glGenVertexArrays(1, &id);
        return id;
    }
    static void destroy(GLuint id) { glDeleteVertexArrays(1, &id); }
};
struct TextureDeleter {
    static GLuint create() {
        GLuint id = 0;
        glGenTextures(1, &id);
        return id;
    }
    static void destroy(GLuint id) { glDeleteTextures(1, &id); }
};
struct FramebufferDeleter {
    static GLuint create() {
        GLuint id = 0;
        glGenFramebuffers(1, &id);
        return id;
    }
    static void destroy(GLuint id) { glDeleteFramebuffers(1, &id); }
};
struct ProgramDeleter {
    static GLuint create() { return glCreateProgram(); }
    static void destroy(GLuint id) { glDeleteProgram(id); }
};
// Shaders need a type to create; use GlShader(glCreateShader(type)).
struct ShaderDeleter {
    static void destroy(GLuint id) { glDeleteShader(id); }
};

using GlBuffer = GlHandle<BufferDeleter>;
using GlVertexArray = GlHandle<VertexArrayDeleter>;
using GlTexture = GlHandle<TextureDeleter>;
using GlFramebuffer = GlHandle<FramebufferDeleter>;
using GlProgram = GlHandle<ProgramDeleter>;
using GlShader = GlHandle<ShaderDeleter>;

}  // namespace lb::gfx
