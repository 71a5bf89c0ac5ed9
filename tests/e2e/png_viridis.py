#!/usr/bin/python3
"""Counts the pixels of a screenshot drawn in the views' agreement colour map (viridis) below 0.7, where no class
colour lies: how much of a view is coloured by agreement rather than by class.

Usage: png_viridis.py FILE.png X Y W H   (the crop: one view's canvas). Prints the count.
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_colors import read_png  # noqa: E402

# Viridis at 0, 1/8, ..., 1 (sRGB), interpolated linearly as the app does.
STOPS = np.array([[68, 1, 84], [71, 45, 123], [59, 82, 139], [44, 114, 142], [33, 145, 140], [40, 174, 128],
                  [94, 201, 98], [173, 220, 48], [253, 231, 37]], dtype=np.float64)


def viridis(v):
    x = np.clip(v, 0, 1) * 8
    i = np.minimum(7, x.astype(int))
    f = (x - i)[:, None]
    return STOPS[i] * (1 - f) + STOPS[i + 1] * f


def main():
    img = read_png(sys.argv[1]).astype(np.float64)
    x, y, w, h = (int(float(v)) for v in sys.argv[2:6])
    px = img[y:y + h, x:x + w].reshape(-1, 3)
    ramp = viridis(np.linspace(0, 0.7, 90))
    near = np.zeros(len(px), dtype=bool)
    for c in ramp:
        near |= np.abs(px - c).max(axis=1) <= 8
    print(int(near.sum()))


if __name__ == "__main__":
    main()
