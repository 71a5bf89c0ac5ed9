#!/usr/bin/python3
"""Golden values for tests/core/metrics and tests/core/linalg/pca_test.cpp.

An independent NumPy implementation of linear CKA, RBF CKA, kNN Jaccard@k, MRR@k (docs/methods.md section 4) and
PCA explained variance (section 6), on small seeded inputs. Inputs are rounded to float32 (what the C++ code
reads) and written as text with full precision; outputs are float64.

Run: /usr/bin/python3 tests/data/golden/make_golden_metrics.py   (writes next to this script)
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def save(name, a):
    np.savetxt(os.path.join(HERE, name), np.atleast_2d(a), fmt="%.17g")


def linear_cka(x, y):
    xc, yc = x - x.mean(0), y - y.mean(0)
    return np.linalg.norm(yc.T @ xc, "fro") ** 2 / (np.linalg.norm(xc.T @ xc, "fro") * np.linalg.norm(yc.T @ yc, "fro"))


def rbf_kernel(x):
    d2 = ((x[:, None, :] - x[None, :, :]) ** 2).sum(-1)
    nz = np.sort(d2[d2 > 0].ravel())
    median = nz[(len(nz) - 1) // 2]  # lower middle element for an even count
    return np.exp(-d2 / (2.0 * median)), np.sqrt(median)


def rbf_cka(x, y):
    n = x.shape[0]
    h = np.eye(n) - np.ones((n, n)) / n
    kx, sx = rbf_kernel(x)
    ky, sy = rbf_kernel(y)
    kxc, kyc = h @ kx @ h, h @ ky @ h
    return (kxc * kyc).sum() / np.sqrt((kxc * kxc).sum() * (kyc * kyc).sum()), sx, sy


def topk_cosine(q, base, k):
    qn = q / np.linalg.norm(q, axis=1, keepdims=True)
    bn = base / np.linalg.norm(base, axis=1, keepdims=True)
    sims = qn @ bn.T
    out = []
    for row in sims:
        order = np.lexsort((np.arange(len(row)), -row))  # decreasing similarity, then lower index
        out.append(order[:k])
    return np.array(out)


def jaccard_mrr(s, t, kj, km):
    nt = topk_cosine(t, t, kj)
    ns = topk_cosine(s, t, max(kj, km))
    jac, mrr = [], []
    for w in range(t.shape[0]):
        a, b = set(nt[w]), set(ns[w][:kj])
        jac.append(len(a & b) / len(a | b))
        hits = np.where(ns[w][:km] == w)[0]
        mrr.append(1.0 / (hits[0] + 1) if len(hits) else 0.0)
    return np.mean(jac), np.mean(mrr)


def pca(x, k):
    xc = x - x.mean(0)
    cov = xc.T @ xc / (x.shape[0] - 1)
    vals, vecs = np.linalg.eigh(cov)
    order = np.argsort(vals)[::-1][:k]
    vals, vecs = vals[order], vecs[:, order]
    for j in range(k):  # sign: largest-|value| coordinate positive
        if vecs[np.argmax(np.abs(vecs[:, j])), j] < 0:
            vecs[:, j] = -vecs[:, j]
    return vals, vals / np.trace(cov), vecs


def main():
    rng = np.random.default_rng(20261122)
    x = rng.standard_normal((40, 6)).astype(np.float32)
    mix = rng.standard_normal((6, 4)).astype(np.float32)
    y = (np.tanh(x @ mix) + 0.3 * rng.standard_normal((40, 4))).astype(np.float32)
    s = rng.standard_normal((30, 5)).astype(np.float32)
    t = (s + 0.7 * rng.standard_normal((30, 5))).astype(np.float32)
    p = (rng.standard_normal((50, 7)) * np.array([5, 3, 2, 1, 0.5, 0.2, 0.1])).astype(np.float32)
    save("metrics_x.txt", x)
    save("metrics_y.txt", y)
    save("knn_s.txt", s)
    save("knn_t.txt", t)
    save("pca_x.txt", p)

    xd, yd, sd, td, pd = (a.astype(np.float64) for a in (x, y, s, t, p))
    rbf, sx, sy = rbf_cka(xd, yd)
    jac, mrr = jaccard_mrr(sd, td, 5, 3)
    vals, ratios, vecs = pca(pd, 3)
    with open(os.path.join(HERE, "metrics_expected.txt"), "w") as f:
        f.write("cka_linear %.17g\n" % linear_cka(xd, yd))
        f.write("cka_rbf %.17g\n" % rbf)
        f.write("sigma_x %.17g\nsigma_y %.17g\n" % (sx, sy))
        f.write("jaccard_k5 %.17g\nmrr_k3 %.17g\n" % (jac, mrr))
        f.write("pca_var %s\n" % " ".join("%.17g" % v for v in vals))
        f.write("pca_ratio %s\n" % " ".join("%.17g" % v for v in ratios))
    save("pca_components.txt", vecs)


if __name__ == "__main__":
    main()
