// Optional glGetError checks: with -DLB_GL_CHECKS (CMake option LB_GL_CHECKS, ON in Debug builds)
// LB_GL_CHECK() prints every pending GL error with file:line to stderr; otherwise it compiles to nothing.
// KHR_debug is not core in GL 3.3, so this is the portable way. Main thread only.
#pragma once

namespace lb::gfx {

// Drains glGetError, printing "<file>:<line>: GL error <name>" per error. Returns how many there were.
int checkGlErrors(const char* file, int line);

const char* glErrorName(unsigned error);

}  // namespace lb::gfx

#ifdef LB_GL_CHECKS
#define LB_GL_CHECK() ::lb::gfx::checkGlErrors(__FILE__, __LINE__)
#else
#define LB_GL_CHECK() ((void)0)
#endif
