"""What the NumPy twins of bench/scale.sh share: the few building blocks a NumPy user would write once.

Each is plain vectorized NumPy on whole arrays, float32 where the CLI keeps float32 (its small systems are
solved in float64, so are ours). Conventions follow docs/methods.md: cosine with norms clamped at 1e-12,
unbiased standard deviations (a zero one counts as 1), ridge λ = alpha · trace(X_cᵀX_c) / D.
"""
import json
import os
import sys

import numpy as np


def labels_of(npy_path):
    """The labels named by the space's sidecar (x.npy.json, else x.json), as the CLI finds them."""
    base = npy_path[:-4]
    for sidecar in (npy_path + ".json", base + ".json"):
        if os.path.exists(sidecar):
            meta = json.load(open(sidecar))
            labels = meta["labels"]
            if isinstance(labels, str):
                return np.load(os.path.join(os.path.dirname(sidecar), labels))
            return np.asarray(labels)
    raise SystemExit(f"{npy_path}: no sidecar with labels")


def random_anchors(n, k, seed=0):
    """K distinct random rows (not the CLI's generator: the anchors differ, the statistics should not)."""
    return np.random.default_rng(seed).choice(n, size=k, replace=False)


def unit_rows(x):
    return x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)


def relative(x, anchors):
    """Cosine relative representation of the rows of x on the anchor rows (N x K float32)."""
    return unit_rows(x) @ unit_rows(anchors).T


def standard_stats(a):
    """Mean and unbiased std of the anchors (float64), a zero std counting as 1 (docs/methods.md §2)."""
    a = a.astype(np.float64)
    mu = a.mean(axis=0)
    sd = a.std(axis=0, ddof=1)
    sd[sd == 0] = 1
    return mu, sd


def scaled(a, stats):
    """Rows standardized with the anchors' statistics, in float64: the fits need exactly centred anchors (in
    float32, round-off leaves the K centred anchors of rank K instead of K - 1, and the minimum-norm least
    squares then fits that noise)."""
    return (a.astype(np.float64) - stats[0]) / stats[1]


def procrustes(ax, ay):
    """Orthogonal R = U Vᵀ from the SVD of Ãxᵀ Ãy (float64 scaled anchors), and the singular values."""
    u, s, vt = np.linalg.svd(ax.T @ ay)
    return u @ vt, s


def least_squares(ax, ay):
    """Minimum-norm least-squares map argmin ‖Ãx R − Ãy‖ (float64 scaled anchors)."""
    return np.linalg.lstsq(ax, ay, rcond=None)[0]


def ridge_head(x, y, classes, alpha=0.1):
    """One-vs-rest ridge on one-hot targets with an unpenalized bias: (W D x C, b C)."""
    mx = x.mean(axis=0, dtype=np.float64)
    xc = x - mx.astype(np.float32)
    onehot = np.zeros((len(y), classes), dtype=np.float32)
    onehot[np.arange(len(y)), y] = 1
    my = onehot.mean(axis=0, dtype=np.float64)
    gram = (xc.T @ xc).astype(np.float64)
    xy = (xc.T @ onehot).astype(np.float64) - np.outer(xc.sum(axis=0, dtype=np.float64), my)
    gram[np.diag_indices_from(gram)] += alpha * np.trace(gram) / x.shape[1]
    w = np.linalg.solve(gram, xy)
    return w.astype(np.float32), (my - mx @ w).astype(np.float32)


def accuracy(head, x, y):
    w, b = head
    return float(np.mean(np.argmax(x @ w + b, axis=1) == y))


def report(result):
    """One JSON line on stdout, as the CLI's --json does, for bench/scale.sh's side-by-side check."""
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
