#!/usr/bin/python3
"""Golden values for tests/core/relative/chart_merge_test.cpp.

An independent NumPy implementation of merging charts into an atlas (docs/methods.md section 3, "Merging charts
into an atlas"): three charts of partly shared samples, matched by key, each of its own width:
  chart 0: s0..s19 and s25..s27 (6 dims); chart 1: s0..s4 and s10..s29, rows in reverse order (4 dims);
  chart 2: s0..s4 and s25..s34 (5 dims). Anchors: s0, s2, s4, s25, s27 (in every chart).
Each chart's relative representation: cosine of its unit rows with its unit anchor rows. The atlas row of a sample:
the mean of the relative rows of the charts that encode it. Atlas order: chart 0's keys, then new keys of chart 1,
then of chart 2. Inputs are rounded to float32 and written as text with full precision; the charts' keys follow.

Run: /usr/bin/python3 tests/data/golden/make_golden_atlas.py   (writes into atlas/ next to this script)
"""
import os

import numpy as np

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "atlas")


def unit(x):
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(n > 0, n, 1.0)


def main():
    os.makedirs(HERE, exist_ok=True)
    rng = np.random.default_rng(42)
    keys = [
        ["s%d" % i for i in list(range(0, 20)) + [25, 26, 27]],
        ["s%d" % i for i in reversed(list(range(0, 5)) + list(range(10, 30)))],
        ["s%d" % i for i in list(range(0, 5)) + list(range(25, 35))],
    ]
    widths = [6, 4, 5]
    anchors = ["s0", "s2", "s4", "s25", "s27"]
    charts = [rng.standard_normal((len(k), w)).astype(np.float32) for k, w in zip(keys, widths)]
    order = []
    for k in keys:
        for key in k:
            if key not in order:
                order.append(key)
    sums = {key: np.zeros(len(anchors)) for key in order}
    counts = {key: 0 for key in order}
    for x, k in zip(charts, keys):
        x = x.astype(np.float64)
        a = x[[k.index(key) for key in anchors]]
        rel = unit(x) @ unit(a).T
        for row, key in zip(rel, k):
            sums[key] += row
            counts[key] += 1
    atlas = np.array([sums[key] / counts[key] for key in order])
    for i, (x, k) in enumerate(zip(charts, keys)):
        np.savetxt(os.path.join(HERE, "chart%d.txt" % i), x, fmt="%.9g")
        with open(os.path.join(HERE, "chart%d_keys.txt" % i), "w") as f:
            f.write("\n".join(k) + "\n")
    with open(os.path.join(HERE, "anchors.txt"), "w") as f:
        f.write("\n".join(anchors) + "\n")
    with open(os.path.join(HERE, "atlas_keys.txt"), "w") as f:
        f.write("\n".join(order) + "\n")
    np.savetxt(os.path.join(HERE, "atlas.txt"), atlas, fmt="%.17g")


if __name__ == "__main__":
    main()
