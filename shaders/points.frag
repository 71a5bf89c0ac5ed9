#version 330 core
// Round, anti-aliased point sprite; optionally with a ring (anchor, selection and hover markers).
in vec4 vColor;
out vec4 fragColor;

uniform float uPointSize;   // disc diameter in pixels (the sprite is 1 px larger for the fringe)
uniform float uRingWidth;   // 0: plain disc; > 0: outer ring of this width in uRingColor
uniform vec4 uRingColor;
uniform float uFillAlpha;   // opacity of the class-coloured interior (0 for hollow rings)

void main() {
    float spriteSize = uPointSize + 1.0;
    float r = length(gl_PointCoord - vec2(0.5)) * spriteSize;   // distance from the centre in pixels
    float radius = 0.5 * uPointSize;
    float coverage = clamp(radius - r + 0.5, 0.0, 1.0);         // 1 px linear edge = anti-aliasing
    if (coverage <= 0.0) discard;
    vec4 c = vec4(vColor.rgb, uFillAlpha);
    if (uRingWidth > 0.0) {
        float ring = clamp(r - (radius - uRingWidth) + 0.5, 0.0, 1.0);
        c = mix(c, uRingColor, ring);
    }
    if (c.a * coverage <= 0.0) discard;
    fragColor = vec4(c.rgb, c.a * coverage);
}
