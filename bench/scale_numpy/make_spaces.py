"""Seeded synthetic spaces for bench/scale.sh: A, B, C (N x D float32 .npy) plus one labels file.

A holds C_LASSES labelled gaussian clusters; B = A R_B + noise and C = A R_C + noise with R_B, R_C random
orthogonal D x D matrices, so B and C are the same samples seen by two other "models" (matched by row index,
no keys). Each space gets a sidecar X.json naming labels.npy (docs/formats.md, "The .npy sidecar").
The rows are appended to the three .npy files in chunks of CHUNK rows, so the generator's own memory stays at
a few chunks plus the two rotations whatever N is (1M x 768 is 3 GB per space on disk).
Usage: make_spaces.py DIR N [D] [SEED]
"""
import json
import os
import sys

import numpy as np

CLASSES = 10
CHUNK = 20000
SPREAD = 0.12  # centre coordinates' scale: classes overlap a little, so accuracies are not all 1.0
NOISE = 0.2  # per-coordinate noise of B and C against the rotated A (A's own per-coordinate std is ~1)

out, n = sys.argv[1], int(sys.argv[2])
d = int(sys.argv[3]) if len(sys.argv) > 3 else 768
seed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(seed)
centres = (SPREAD * rng.standard_normal((CLASSES, d))).astype(np.float32)
# A Haar-random orthogonal matrix: QR of a gaussian with R's diagonal signs moved into Q.
rotations = []
for _ in range(2):
    q, r = np.linalg.qr(rng.standard_normal((d, d)))
    rotations.append((q * np.sign(np.diag(r))).astype(np.float32))
labels = rng.integers(0, CLASSES, size=n, dtype=np.int32)
np.save(os.path.join(out, "labels.npy"), labels)

files = {name: open(os.path.join(out, name + ".npy"), "wb") for name in "ABC"}
for f in files.values():
    np.lib.format.write_array_header_1_0(f, {"descr": "<f4", "fortran_order": False, "shape": (n, d)})
for i in range(0, n, CHUNK):
    m = min(CHUNK, n - i)
    a = centres[labels[i:i + m]] + rng.standard_normal((m, d), dtype=np.float32)
    a.tofile(files["A"])
    for name, rot in zip("BC", rotations):
        (a @ rot + NOISE * rng.standard_normal((m, d), dtype=np.float32)).tofile(files[name])
for name, f in files.items():
    f.close()
    with open(os.path.join(out, name + ".json"), "w") as sidecar:
        json.dump({"name": name, "labels": "labels.npy"}, sidecar)
