#!/usr/bin/python3
"""Golden values for the relative projection and the translator, computed independently with NumPy from
docs/methods.md §1-2 (float64 throughout). Run with Debian's /usr/bin/python3 from the repository root:

    /usr/bin/python3 tests/data/golden/make_golden_relative.py

Writes tests/data/golden/relative/*.npy: the inputs (x, anchors, y, ax, ay as float32) and the expected
outputs (float64). The C++ tests (tests/core/relative/relative_golden_test.cpp,
tests/core/translate/translator_golden_test.cpp) load the inputs, run the library and compare.
"""
import os

import numpy as np

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "relative")
FLT_EPS = float(np.finfo(np.float32).eps)
LN_EPS = 1e-5


def save(name, a):
    np.save(os.path.join(OUT, name + ".npy"), a)


# ----------------------------------------------------------------------------------- relative projection
def fit_transform(anchors, mode):
    d = anchors.shape[1]
    mu, sd = np.zeros(d), np.ones(d)
    if mode in ("center", "standard"):
        mu = anchors.mean(axis=0)
    if mode == "standard":
        sd = anchors.std(axis=0, ddof=1)
        sd = np.where(sd < 10 * FLT_EPS, 1.0, sd)
    return mu, sd


def unit_rows(m):
    return m / np.maximum(np.linalg.norm(m, axis=1, keepdims=True), 1e-12)


WHITEN_RIDGE = 1e-4  # relative to the mean variance, when the anchors' covariance is singular or ill-conditioned
WHITEN_MIN_RCOND = 1e-10


def whitened(x, a):
    """Whitened inner product (Svendsen et al.): (x - mu) S^-1 (a - mu)^T, mu and S the anchors' mean and
    unbiased covariance; S + eps*tr(S)/D*I when S is not safely invertible."""
    mu = a.mean(axis=0)
    ac = a - mu
    cov = ac.T @ ac / max(a.shape[0] - 1, 1)
    d = a.shape[1]
    if np.trace(cov) <= 0:
        return np.zeros((x.shape[0], a.shape[0]))
    if np.linalg.matrix_rank(cov) < d or 1.0 / np.linalg.cond(cov, 1) <= WHITEN_MIN_RCOND:
        cov = cov + WHITEN_RIDGE * np.trace(cov) / d * np.eye(d)
    return (x - mu) @ np.linalg.solve(cov, ac.T)


def similarity(x, a, kind):
    if kind == "whitened":
        return whitened(x, a)
    if kind == "cosine":
        return unit_rows(x) @ unit_rows(a).T
    if kind == "angular":
        return np.arccos(np.clip(unit_rows(x) @ unit_rows(a).T, -1, 1)) / np.pi
    diff = x[:, None, :] - a[None, :, :]
    if kind == "euclidean":
        return np.sqrt((diff ** 2).sum(-1))
    if kind == "l1":
        return np.abs(diff).sum(-1)
    if kind == "linf":
        return np.abs(diff).max(-1)
    raise ValueError(kind)


def layer_norm(r):
    mu = r.mean(axis=1, keepdims=True)
    var = ((r - mu) ** 2).mean(axis=1, keepdims=True)
    return (r - mu) / np.sqrt(var + LN_EPS)


def relative(x, anchors, sims, transform="none", post="none", aggregate="concat"):
    mu, sd = fit_transform(anchors, transform)
    xt, at = (x - mu) / sd, (anchors - mu) / sd
    blocks = [similarity(xt, at, s) for s in sims]
    if len(blocks) > 1:
        blocks = [layer_norm(b) for b in blocks]
        out = np.concatenate(blocks, axis=1) if aggregate == "concat" else sum(blocks)
    else:
        out = blocks[0]
    if post == "l2":
        out = unit_rows(out)
    elif post == "standardize":
        out = layer_norm(out)
    return out


RELATIVE_CASES = [
    # name, similarities, transform, post, aggregate
    ("cosine_none", ["cosine"], "none", "none", "concat"),
    ("angular_center", ["angular"], "center", "none", "concat"),
    ("euclidean_standard", ["euclidean"], "standard", "none", "concat"),
    ("l1_none", ["l1"], "none", "none", "concat"),
    ("linf_center_l2", ["linf"], "center", "l2", "concat"),
    ("cosine_standard_standardize", ["cosine"], "standard", "standardize", "concat"),
    ("poi_concat_l2", ["cosine", "euclidean", "l1"], "none", "l2", "concat"),
    ("poi_sum_standardize", ["cosine", "linf"], "center", "standardize", "sum"),
    ("whitened_none", ["whitened"], "none", "none", "concat"),  # K = 5 < D = 6: the ridge
    ("whitened_standard_l2", ["whitened"], "standard", "l2", "concat"),
    ("poi_whitened_cosine", ["whitened", "cosine"], "none", "none", "concat"),
]


# ------------------------------------------------------------------------------------------ translation
def scale_stats(a, mode):
    d = a.shape[1]
    mu, sd = np.zeros(d), np.ones(d)
    if mode in ("center", "standard"):
        mu = a.mean(axis=0)
    if mode == "standard":
        sd = a.std(axis=0, ddof=1)
        sd = np.where(sd < 10 * FLT_EPS, 1.0, sd)
    return mu, sd


def pad(m, w):
    out = np.zeros((m.shape[0], w))
    out[:, : m.shape[1]] = m
    return out


def fit_translation(ax, ay, method, scaling, l2, ridge):
    mux, sdx = scale_stats(ax, scaling)
    muy, sdy = scale_stats(ay, scaling)
    tx, ty = (ax - mux) / sdx, (ay - muy) / sdy
    ny = np.linalg.norm(ty, axis=1).mean()
    if l2:
        tx, ty = unit_rows(tx), unit_rows(ty)
    w = max(ax.shape[1], ay.shape[1])
    px, py = pad(tx, w), pad(ty, w)
    cross = px.T @ py
    u, s, vt = np.linalg.svd(cross)

    def lstsq(a, b, unpenalized):
        if ridge <= 0:
            return np.linalg.pinv(a) @ b  # minimum-norm least squares
        g = a.T @ a
        g[np.arange(a.shape[1] - unpenalized), np.arange(a.shape[1] - unpenalized)] += ridge
        return np.linalg.solve(g, a.T @ b)

    if method == "procrustes":
        r = u @ vt
    elif method == "linear":
        r = lstsq(px, py, 0)
    elif method == "linear-ortho":
        u2, _, vt2 = np.linalg.svd(lstsq(px, py, 0))
        r = u2 @ vt2
    else:
        raise ValueError(method)
    return dict(mux=mux, sdx=sdx, muy=muy, sdy=sdy, ny=ny, l2=l2, w=w, r=r, sv=s, method=method)


def fit_affine_raw(ax, ay, ridge):
    """Affine (docs/methods.md §2): [A_X 1]·[W; b] ≈ A_Y on the raw anchors, whatever the scaling option, with
    the bias b not penalized; the minimum-norm W when the anchors do not determine it. Singular values: those of
    the centered anchors' padded cross-covariance (what the translator reports for it)."""
    k, d = ax.shape
    a1 = np.hstack([ax, np.ones((k, 1))])
    mx, my = ax.mean(axis=0), ay.mean(axis=0)
    if ridge > 0:
        g = a1.T @ a1
        g[np.arange(d), np.arange(d)] += ridge
        sol = np.linalg.solve(g, a1.T @ ay)
    elif np.linalg.matrix_rank(a1) == d + 1:
        sol = np.linalg.lstsq(a1, ay, rcond=None)[0]
    else:
        w = np.linalg.pinv(ax - mx) @ (ay - my)
        sol = np.vstack([w, my - mx @ w])
    wd = max(ax.shape[1], ay.shape[1])
    sv = np.linalg.svd(pad(ax - mx, wd).T @ pad(ay - my, wd), compute_uv=False)
    return dict(sol=sol, sv=sv)


def apply_affine_raw(f, x):
    return np.hstack([x, np.ones((x.shape[0], 1))]) @ f["sol"]


def apply_translation(f, x, dy):
    t = (x - f["mux"]) / f["sdx"]
    if f["l2"]:
        t = unit_rows(t)
    t = pad(t, f["w"])
    y = (t @ f["r"])[:, :dy]
    if f["l2"]:
        y = y * f["ny"]
    return y * f["sdy"] + f["muy"]


TRANSLATION_CASES = [
    # name, method, scaling, l2, ridge
    ("procrustes_standard", "procrustes", "standard", False, 0.0),
    ("procrustes_none_l2", "procrustes", "none", True, 0.0),
    ("linear_center", "linear", "center", False, 0.0),
    ("linear_ridge", "linear", "standard", False, 0.5),
    ("linear_ortho_standard", "linear-ortho", "standard", False, 0.0),
    ("affine_none_ridge", "affine", "none", False, 0.1),
    ("affine_standard", "affine", "standard", False, 0.0),
]
# Affine with fewer anchors than dimensions (K = 4 < D = 6): the minimum-norm W with a free bias.
AFFINE_FEW_ANCHORS = 4


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = np.random.default_rng(20261122)
    n, d, k = 14, 6, 5
    x = (rng.standard_normal((n, d)) * 2 + 0.5).astype(np.float32)
    x[3] = 0.0  # a zero row: cosine 0, never NaN
    x[:, 4] = 1.25  # a constant coordinate: its std is 0 -> 1
    anchors = x[[0, 2, 5, 7, 11]].copy()
    anchors[1, 4] = 1.25
    save("x", x)
    save("anchors", anchors)
    x64, a64 = x.astype(np.float64), anchors.astype(np.float64)
    for name, sims, transform, post, aggregate in RELATIVE_CASES:
        save("rel_" + name, relative(x64, a64, sims, transform, post, aggregate))

    # Whitened with more anchors than dimensions (an invertible covariance, no ridge): 12 anchors in 5 dims,
    # stretched and shifted so the covariance is far from the identity.
    wrng = np.random.default_rng(20261205)
    mix = wrng.standard_normal((5, 5)) + 2 * np.eye(5)
    wx = (wrng.standard_normal((20, 5)) @ mix + 3.0).astype(np.float32)
    wa = (wrng.standard_normal((12, 5)) @ mix + 3.0).astype(np.float32)
    save("wx", wx)
    save("wa", wa)
    save("rel_whitened_full", whitened(wx.astype(np.float64), wa.astype(np.float64)))

    # Translation: X (n x 6) -> Y (n x 4), a noisy linear image; anchors are the first 9 rows.
    yd, ka = 4, 9
    m = rng.standard_normal((d, yd))
    y = (x64 @ m + 0.05 * rng.standard_normal((n, yd)) - 1.0).astype(np.float32)
    ax, ay = x[:ka], y[:ka]
    save("tx", x)
    save("ty", y)
    for name, method, scaling, l2, ridge in TRANSLATION_CASES:
        if method == "affine":  # the scaling option does not apply to it
            f = fit_affine_raw(ax.astype(np.float64), ay.astype(np.float64), ridge)
            save("tr_" + name, apply_affine_raw(f, x64))
        else:
            f = fit_translation(ax.astype(np.float64), ay.astype(np.float64), method, scaling, l2, ridge)
            save("tr_" + name, apply_translation(f, x64, yd))
        save("tr_" + name + "_sv", f["sv"])
    few = AFFINE_FEW_ANCHORS
    f = fit_affine_raw(x64[:few], y[:few].astype(np.float64), 0.0)
    save("tr_affine_few", apply_affine_raw(f, x64))
    save("tr_affine_few_sv", f["sv"])
    # The linear map on standardized anchors for the same K: it differs from affine when K <= D.
    f = fit_translation(x64[:few], y[:few].astype(np.float64), "linear", "standard", False, 0.0)
    save("tr_linear_few_standard", apply_translation(f, x64, yd))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
