// The one place that includes OpenGL declarations. GL 3.3 core entry points come from the system's
// <GL/glcorearb.h> prototypes resolved by libGL at link time (Mesa exports every core function).
#pragma once

#define GL_GLEXT_PROTOTYPES 1
#include <GL/glcorearb.h>
