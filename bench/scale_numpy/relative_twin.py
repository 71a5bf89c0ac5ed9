"""NumPy twin of `latentbridge-cli relative SPACE --anchors K --out OUT --json`: load the space, pick K random
anchor rows, cosine relative representation of every row (N x K float32), save it, and report the output's
min / max / mean as the CLI does. Usage: relative_twin.py SPACE K OUT"""
import sys

import numpy as np

from twin_common import random_anchors, relative, report

src, k, dst = sys.argv[1], int(sys.argv[2]), sys.argv[3]
x = np.load(src)
rel = relative(x, x[random_anchors(len(x), k)])
np.save(dst, rel)
report({"n": len(x), "k": k, "min": float(rel.min()), "max": float(rel.max()),
        "mean": float(rel.mean(dtype=np.float64))})
