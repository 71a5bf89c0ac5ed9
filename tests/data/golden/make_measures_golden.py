#!/usr/bin/python3
"""Golden values for the representational similarity measures (core/metrics/measures.h), computed independently
with NumPy from the published definitions as docs/methods.md §4 "Representational similarity measures" states them
(float64 throughout). Run with Debian's /usr/bin/python3 from the repository root:

    /usr/bin/python3 tests/data/golden/make_measures_golden.py

Writes tests/data/golden/measures/: a.npy (48 x 6) and b.npy (48 x 5) as float32, and measures.json with every
measure of (a, b) and of (b, a) under the settings recorded in it (every row used: no subsample). The C++ test
tests/core/metrics/measures_golden_test.cpp loads them, runs the library and compares to 1e-6 (relative).
"""
import json
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "measures")
K = 5
SVCCA_VARIANCE = 0.99
GULP_LAMBDA = 0.01


def centre(x):
    return x - x.mean(axis=0)


def inv_sqrt(m):
    w, v = np.linalg.eigh(m)
    return v @ np.diag(1.0 / np.sqrt(w)) @ v.T


# ------------------------------------------------------------------------------------------------ CCA family
def cca(x, y):
    """Canonical correlations and A's canonical variates by whitening the covariances (Hotelling)."""
    xc, yc = centre(x), centre(y)
    wx, wy = inv_sqrt(xc.T @ xc), inv_sqrt(yc.T @ yc)
    u, s, _ = np.linalg.svd(wx @ (xc.T @ yc) @ wy)
    m = min(x.shape[1], y.shape[1])
    h = xc @ wx @ u[:, :m]  # N x m, unit-norm canonical variates of x
    return np.minimum(s[:m], 1.0), h


def mean_cca(x, y):
    return cca(x, y)[0].mean()


def svd_reduce(x, share):
    xc = centre(x)
    u, s, _ = np.linalg.svd(xc, full_matrices=False)
    ratio = np.cumsum(s ** 2) / np.sum(s ** 2)
    keep = int(np.searchsorted(ratio, share) + 1)
    return u[:, :keep] * s[:keep]


def svcca(x, y):
    return mean_cca(svd_reduce(x, SVCCA_VARIANCE), svd_reduce(y, SVCCA_VARIANCE))


def pwcca(x, y):
    rho, h = cca(x, y)
    alpha = np.abs(h.T @ centre(x)).sum(axis=1)
    return float((alpha * rho).sum() / alpha.sum())


# ------------------------------------------------------------------------------------------- alignment family
def normalised(x):
    xc = centre(x)
    return xc / np.linalg.norm(xc)


def padded(x, width):
    return np.hstack([x, np.zeros((x.shape[0], width - x.shape[1]))])


def procrustes_map(x, y):
    """Orthogonal Q (D x D, both padded to one width) minimising ||x Q - y||_F."""
    d = max(x.shape[1], y.shape[1])
    xp, yp = padded(x, d), padded(y, d)
    u, _, vt = np.linalg.svd(xp.T @ yp)
    return xp, yp, u @ vt


def procrustes(x, y):
    xp, yp, q = procrustes_map(normalised(x), normalised(y))
    return np.linalg.norm(xp @ q - yp)


def angular_shape(x, y):
    xn, yn = normalised(x), normalised(y)
    return np.arccos(min(np.linalg.svd(xn.T @ yn, compute_uv=False).sum(), 1.0))


def linear_regression(x, y):
    xc, yc = centre(x), centre(y)
    beta = np.linalg.lstsq(xc, yc, rcond=None)[0]
    return 1 - np.linalg.norm(yc - xc @ beta) ** 2 / np.linalg.norm(yc) ** 2


def aligned_cosine(x, y):
    xp, yp, q = procrustes_map(normalised(x), normalised(y))
    xa = xp @ q
    return np.mean(np.sum(xa * yp, axis=1) / (np.linalg.norm(xa, axis=1) * np.linalg.norm(yp, axis=1)))


# ------------------------------------------------------------------------------------------------- RSM family
def distances(x):
    return np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))


def upper(m):
    i, j = np.triu_indices(m.shape[0], k=1)
    return m[i, j]


def average_ranks(v):
    order = np.argsort(v, kind="stable")
    sorted_v = v[order]
    ranks = np.empty(len(v))
    start = 0
    while start < len(v):
        end = start
        while end + 1 < len(v) and sorted_v[end + 1] == sorted_v[start]:
            end += 1
        ranks[order[start:end + 1]] = 0.5 * (start + end) + 1
        start = end + 1
    return ranks


def rsa_pearson(x, y):
    return np.corrcoef(upper(distances(x)), upper(distances(y)))[0, 1]


def rsa_spearman(x, y):
    return np.corrcoef(average_ranks(upper(distances(x))), average_ranks(upper(distances(y))))[0, 1]


def rsm_norm_difference(x, y):
    xn, yn = normalised(x), normalised(y)
    return np.linalg.norm(xn @ xn.T - yn @ yn.T)


def dcor(x, y):
    def dc(d):
        return d - d.mean(axis=0, keepdims=True) - d.mean(axis=1, keepdims=True) + d.mean()

    a, b = dc(distances(x)), dc(distances(y))
    return np.sqrt((a * b).mean() / np.sqrt((a * a).mean() * (b * b).mean()))


def eigenspace_overlap(x, y):
    ux = np.linalg.svd(centre(x), full_matrices=False)[0]
    uy = np.linalg.svd(centre(y), full_matrices=False)[0]
    return np.linalg.norm(ux.T @ uy) ** 2 / max(ux.shape[1], uy.shape[1])


def gulp(x, y):
    n = x.shape[0]
    xs = centre(x) * np.sqrt(n) / np.linalg.norm(centre(x))
    ys = centre(y) * np.sqrt(n) / np.linalg.norm(centre(y))
    sx, sy, sxy = xs.T @ xs / n, ys.T @ ys / n, xs.T @ ys / n
    rx = np.linalg.inv(sx + GULP_LAMBDA * np.eye(sx.shape[0]))
    ry = np.linalg.inv(sy + GULP_LAMBDA * np.eye(sy.shape[0]))
    d2 = np.trace(rx @ sx @ rx @ sx) + np.trace(ry @ sy @ ry @ sy) - 2 * np.trace(rx @ sxy @ ry @ sxy.T)
    return np.sqrt(max(d2, 0.0))


# ---------------------------------------------------------------------------------------- neighbourhood family
def cosines(x):
    xc = centre(x)
    u = xc / np.linalg.norm(xc, axis=1, keepdims=True)
    return u @ u.T


def neighbours(c, k):
    lists = []
    for i in range(c.shape[0]):
        others = [j for j in range(c.shape[0]) if j != i]
        # Highest cosine first, ties to the lower row: a stable sort of (-cosine) over ascending rows.
        order = sorted(others, key=lambda j: (-c[i, j], j))
        lists.append(order[:k])
    return lists


def second_order_cosine(x, y):
    cx, cy = cosines(x), cosines(y)
    nx, ny = neighbours(cx, K), neighbours(cy, K)
    scores = []
    for i in range(x.shape[0]):
        u = sorted(set(nx[i]) | set(ny[i]))
        sx, sy = cx[i, u], cy[i, u]
        scores.append(sx @ sy / (np.linalg.norm(sx) * np.linalg.norm(sy)))
    return np.mean(scores)


def rank_and_jaccard(x, y):
    nx, ny = neighbours(cosines(x), K), neighbours(cosines(y), K)
    ranks, jaccards = [], []
    for i in range(x.shape[0]):
        common = set(nx[i]) & set(ny[i])
        v = sum(2.0 / ((1 + abs(nx[i].index(j) - ny[i].index(j))) * (nx[i].index(j) + ny[i].index(j) + 2))
                for j in common)
        vmax = sum(1.0 / t for t in range(1, len(common) + 1))
        ranks.append(v / vmax if vmax > 0 else 0.0)
        jaccards.append(len(common) / len(set(nx[i]) | set(ny[i])))
    return np.array(ranks), np.array(jaccards)


def rank_similarity(x, y):
    return rank_and_jaccard(x, y)[0].mean()


def joint_rank_jaccard(x, y):
    r, j = rank_and_jaccard(x, y)
    return (r * j).mean()


# ------------------------------------------------------------------------------------------------- statistics
def linear_cka(x, y):
    """Kornblith et al. 2019: ||Yc^T Xc||_F^2 / (||Xc^T Xc||_F ||Yc^T Yc||_F), columns centred."""
    xc, yc = centre(x), centre(y)
    return np.linalg.norm(yc.T @ xc) ** 2 / (np.linalg.norm(xc.T @ xc) * np.linalg.norm(yc.T @ yc))


def magnitude(x):
    return np.linalg.norm(x, axis=1).mean()


def concentricity(x):
    m = x.mean(axis=0)
    return np.mean(x @ m / (np.linalg.norm(x, axis=1) * np.linalg.norm(m)))


def uniformity(x):
    u = x / np.linalg.norm(x, axis=1, keepdims=True)
    sq = ((u[:, None, :] - u[None, :, :]) ** 2).sum(-1)
    return np.log(np.mean(np.exp(-2.0 * upper(sq))))


MEASURES = {
    "mean_cca": mean_cca,
    "svcca": svcca,
    "pwcca": pwcca,
    "procrustes": procrustes,
    "angular_shape": angular_shape,
    "linear_regression": linear_regression,
    "aligned_cosine": aligned_cosine,
    "rsa_pearson": rsa_pearson,
    "rsa_spearman": rsa_spearman,
    "rsm_norm_difference": rsm_norm_difference,
    "dcor": dcor,
    "eigenspace_overlap": eigenspace_overlap,
    "gulp": gulp,
    "second_order_cosine": second_order_cosine,
    "rank_similarity": rank_similarity,
    "joint_rank_jaccard": joint_rank_jaccard,
    "magnitude_difference": lambda x, y: abs(magnitude(x) - magnitude(y)),
    "concentricity_difference": lambda x, y: abs(concentricity(x) - concentricity(y)),
    "uniformity_difference": lambda x, y: abs(uniformity(x) - uniformity(y)),
    "linear_cka": linear_cka,
}


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261205)
    n = 48
    # A decaying spectrum so SVCCA's 99% cut drops A's last directions; B a noisy nonlinear image of A, offset.
    a = rng.standard_normal((n, 6)) * np.array([3.0, 2.0, 1.5, 1.0, 0.3, 0.05]) + 0.7
    b = np.tanh(a @ rng.standard_normal((6, 5)) * 0.5) + 0.3 * rng.standard_normal((n, 5)) + 1.5
    a, b = a.astype(np.float32), b.astype(np.float32)
    np.save(os.path.join(OUT, "a.npy"), a)
    np.save(os.path.join(OUT, "b.npy"), b)
    x, y = a.astype(np.float64), b.astype(np.float64)
    out = {
        "settings": {"k": K, "max_rows": 0, "svcca_variance": SVCCA_VARIANCE, "gulp_lambda": GULP_LAMBDA},
        "ab": {name: float(f(x, y)) for name, f in MEASURES.items()},
        "ba": {name: float(f(y, x)) for name, f in MEASURES.items()},
    }
    with open(os.path.join(OUT, "measures.json"), "w") as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
