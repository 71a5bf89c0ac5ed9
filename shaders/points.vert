#version 330 core
// Scatter points and overlay markers as point sprites. One vertex per point:
// aPos = data coordinates, aClass = class id (65535 = unlabeled).
layout(location = 0) in vec2 aPos;
layout(location = 1) in uint aClass;

uniform vec2 uCenter;          // data point at the middle of the view
uniform vec2 uScale2;          // 2 * pixelsPerUnit / (width, height): data units -> NDC
uniform float uPointSize;      // sprite diameter in pixels, without the 1 px anti-aliasing fringe
uniform sampler2D uPalette;    // 256 x R texels, class c at (c % 256, c / 256); alpha 0 = hidden class
uniform vec4 uUnlabeled;       // colour of unlabeled points
uniform int uShowHidden;       // 1: draw points of hidden classes too (anchor markers)

out vec4 vColor;

void main() {
    vec4 c = aClass == 65535u ? uUnlabeled
                              : texelFetch(uPalette, ivec2(int(aClass % 256u), int(aClass / 256u)), 0);
    if (c.a == 0.0 && uShowHidden == 0) {
        // Hidden class: put the vertex outside the clip volume so nothing is rasterised.
        gl_Position = vec4(2.0, 2.0, 2.0, 1.0);
        gl_PointSize = 1.0;
        vColor = vec4(0.0);
        return;
    }
    vColor = vec4(c.rgb, 1.0);
    vec2 ndc = (aPos - uCenter) * uScale2;
    // y flipped: the top image row lands in texture row 0, which ImGui::Image shows at the top (uv 0).
    gl_Position = vec4(ndc.x, -ndc.y, 0.0, 1.0);
    gl_PointSize = uPointSize + 1.0;
}
