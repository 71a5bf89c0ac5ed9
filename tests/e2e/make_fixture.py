#!/usr/bin/python3
"""Writes a small synthetic multi-model fixture for the GUI end-to-end tests.

Usage: make_fixture.py OUTDIR [N] [DIMS...]
Creates OUTDIR/space_<i>.npz (embeddings, labels, keys, label_names, images) -- the same N samples seen by
several "models" (random linear maps + noise of one shared latent with class clusters), shuffled
differently so rows must be matched by key -- plus OUTDIR/fixture.json, a session with 20 random anchors.
"""
import json
import os
import sys

import numpy as np


def main():
    out = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1500
    dims = [int(d) for d in sys.argv[3:]] or [32, 24, 32]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(0)
    classes = 6
    labels = rng.integers(0, classes, size=n)
    centers = rng.normal(0, 4, size=(classes, 16))
    latent = centers[labels] + rng.normal(0, 1, size=(n, 16))
    keys = np.array([f"sample{i:05d}" for i in range(n)])
    names = np.array(["tshirt", "trouser", "pullover", "dress", "coat", "sandal"])
    images = np.zeros((n, 28, 28), dtype=np.uint8)
    for i in range(n):  # a bar whose position encodes the class: visible in tooltips
        c = labels[i]
        images[i, 4 + 3 * c: 7 + 3 * c, 4:24] = 255
    spaces = []
    for s, d in enumerate(dims):
        w = rng.normal(0, 1, size=(16, d))
        x = np.tanh(latent @ w / 4) + rng.normal(0, 0.05, size=(n, d))
        perm = rng.permutation(n) if s > 0 else np.arange(n)
        name = f"space_{s}.npz"
        np.savez(os.path.join(out, name), embeddings=x[perm].astype(np.float32), labels=labels[perm].astype(np.int32),
                 keys=keys[perm], label_names=names, images=images[perm])
        spaces.append(name)
    with open(os.path.join(out, "fixture.json"), "w") as f:
        json.dump({"spaces": spaces, "reference": 0, "anchors": {"strategy": "random", "count": 20, "seed": 0}}, f)


if __name__ == "__main__":
    main()
