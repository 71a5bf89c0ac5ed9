// Compiling and linking GLSL programs, from source strings or from the shaders embedded at build time
// (shaders/*.vert, shaders/*.frag -> generated embedded_shaders.cpp, so the exe runs from anywhere).
// Main thread only, with a GL 3.3 core context current.
#pragma once

#include "app/gfx/gl_handle.h"
#include "core/status.h"

#include <string>

namespace lb::gfx {

// Compiles both stages and links them. On failure the Error names the program and stage and carries the
// driver's info log, e.g. "points: fragment shader does not compile" with detail "0:12(3): error: ...".
Result<GlProgram> buildProgram(const std::string& name, const char* vertexSource, const char* fragmentSource);

// The same for embedded shaders by file name, e.g. buildEmbeddedProgram("points.vert", "points.frag").
Result<GlProgram> buildEmbeddedProgram(const std::string& vertexName, const std::string& fragmentName);

// Source of an embedded shader ("points.vert"), nullptr when there is none by that name. Any thread.
const char* embeddedShader(const std::string& name);

}  // namespace lb::gfx
