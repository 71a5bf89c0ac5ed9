#!/usr/bin/python3
"""Compares two screenshots of the same size: prints how many channel values differ and by how much at most,
and exits 1 when that is more than MAX_LEVELS.

Usage: png_diff.py A.png B.png MAX_LEVELS
"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from png_colors import read_png  # noqa: E402


def main():
    a, b = read_png(sys.argv[1]), read_png(sys.argv[2])
    limit = int(sys.argv[3])
    if a.shape != b.shape:
        sys.exit(f"png_diff: {sys.argv[1]} is {a.shape[1]}x{a.shape[0]}, {sys.argv[2]} is {b.shape[1]}x{b.shape[0]}")
    d = np.abs(a - b)
    worst = int(d.max())
    print(f"{int((d > 0).sum())} of {d.size} channel values differ, by at most {worst}")
    if worst > limit:
        sys.exit(f"png_diff: the screenshots differ by up to {worst} levels (allowed {limit})")


if __name__ == "__main__":
    main()
