#!/usr/bin/python3
"""Prints how many distinct class colours a screenshot shows: saturated pixels bucketed by hue.

Usage: png_colors.py FILE.png MIN_PIXELS_PER_HUE [X Y W H] (optional crop, e.g. one view's canvas). Reads 8-bit RGB/RGBA PNGs (what the app writes) with a
small decoder of its own, so no imaging library is needed.
"""
import struct
import sys
import zlib

import numpy as np


def read_png(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, w = 8, b"", 0
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and ctype in (2, 6), "only 8-bit RGB/RGBA"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8).reshape(h, 1 + w * bpp)
    out = np.zeros((h, w * bpp), dtype=np.int32)
    prev = np.zeros(w * bpp, dtype=np.int32)
    for y in range(h):
        f, line = raw[y, 0], raw[y, 1:].astype(np.int32)
        if f == 0:
            cur = line
        elif f == 2:
            cur = (line + prev) & 255
        elif f == 1:  # Sub: running sum per channel
            cur = line.reshape(w, bpp).cumsum(axis=0).reshape(-1) & 255
        else:  # Average / Paeth depend on the left neighbour: byte loop
            cur = line.copy()
            for x in range(w * bpp):
                a = cur[x - bpp] if x >= bpp else 0
                b, c = prev[x], prev[x - bpp] if x >= bpp else 0
                if f == 3:
                    cur[x] = (line[x] + (a + b) // 2) & 255
                else:
                    p = a + b - c
                    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                    pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                    cur[x] = (line[x] + pred) & 255
        out[y], prev = cur, cur
    return out.reshape(h, w, bpp)[:, :, :3]


def main():
    img = read_png(sys.argv[1]).astype(np.float32) / 255.0
    minimum = int(sys.argv[2]) if len(sys.argv) > 2 else 30
    if len(sys.argv) > 6:
        x, y, w, h = (int(float(v)) for v in sys.argv[3:7])
        img = img[y:y + h, x:x + w]
    mx, mn = img.max(axis=2), img.min(axis=2)
    sat = (mx - mn) / np.maximum(mx, 1e-6)
    mask = (sat > 0.45) & (mx > 0.35)
    r, g, b = img[..., 0][mask], img[..., 1][mask], img[..., 2][mask]
    d = np.maximum((mx - mn)[mask], 1e-6)
    hue = np.where(mx[mask] == r, ((g - b) / d) % 6, np.where(mx[mask] == g, (b - r) / d + 2, (r - g) / d + 4)) * 60
    counts = np.bincount((hue // 30).astype(int) % 12, minlength=12)
    print(int((counts >= minimum).sum()), "hues;", "per 30-degree bucket:", counts.tolist())


if __name__ == "__main__":
    main()
