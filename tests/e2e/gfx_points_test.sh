#!/bin/bash
# Renderer smoke test: runs bench/scatter_demo (3 views of 10 clustered classes) under Xvfb in point and
# density mode and checks that each screenshot shows many distinct class colours, i.e. the GL canvas
# really drew the points (a blank or single-colour image fails); then that points drawn on the CPU (as the app
# draws them under software rasterizers) match the GL point sprites within a few levels.
# Usage: bash tests/e2e/gfx_points_test.sh path/to/latentbridge   (scatter_demo is in its bench/ dir)
set -euo pipefail
APP="$1"
DEMO="$(dirname "$APP")/bench/scatter_demo"
if ! command -v xvfb-run >/dev/null 2>&1; then
    echo "gfx_points_test: skipped, xvfb-run is not installed"
    exit 0
fi
if [ ! -x "$DEMO" ]; then
    echo "gfx_points_test: $DEMO not built (configure with LB_BUILD_BENCH=ON)" >&2
    exit 1
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

for mode in points density; do
    xvfb-run -a -s "-screen 0 1200x800x24" "$DEMO" --points 30000 --mode "$mode" --width 1200 --height 800 \
        --frames 3 --screenshot "$TMP/$mode.png" > "$TMP/$mode.log"
    /usr/bin/python3 - "$TMP/$mode.png" "$mode" <<'PY'
import struct, sys, zlib

def read_png_rgb(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), "expected 8-bit RGB(A)"
            ch = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw, stride, rows, prev = zlib.decompress(idat), w * ch, [], bytearray(w * ch)
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):  # undo the PNG row filter (none, sub, up, average, paeth)
            a = line[i - ch] if i >= ch else 0
            b, c = prev[i], prev[i - ch] if i >= ch else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return w, h, ch, rows

w, h, ch, rows = read_png_rgb(sys.argv[1])
# Hue buckets of saturated pixels: class colours are saturated, the UI chrome and background are grey.
buckets = {}
for row in rows[::2]:
    for x in range(0, w * ch, 2 * ch):
        r, g, b = row[x], row[x + 1], row[x + 2]
        mx, mn = max(r, g, b), min(r, g, b)
        if mx < 60 or mx - mn < 50:
            continue
        if mx == r: hue = ((g - b) / (mx - mn)) % 6
        elif mx == g: hue = (b - r) / (mx - mn) + 2
        else: hue = (r - g) / (mx - mn) + 4
        key = int(hue * 4)  # 24 hue buckets of 15 degrees
        buckets[key] = buckets.get(key, 0) + 1
big = sorted((n for n in buckets.values() if n >= 100), reverse=True)
print(f"{sys.argv[2]}: {w}x{h}, {sum(buckets.values())} coloured samples in {len(big)} hue buckets")
if len(big) < 6:
    sys.exit(f"gfx_points_test: {sys.argv[2]} mode: only {len(big)} distinct colours, expected >= 6")
PY
done
# Points drawn on the CPU (what the app does under software rasterizers, app/raster/point_splat.h) must look
# like the GL point sprites: same scene, every pixel within a few levels (8-bit blending rounds differently).
for mode in points cpu-points; do
    xvfb-run -a -s "-screen 0 1200x800x24" "$DEMO" --points 30000 --mode "$mode" --width 600 --height 400 \
        --frames 3 --screenshot "$TMP/small-$mode.png" > "$TMP/small-$mode.log"
done
/usr/bin/python3 "$(dirname "$0")/png_diff.py" "$TMP/small-points.png" "$TMP/small-cpu-points.png" 8
echo "gfx_points_test: ok"
