"""NumPy twin of `latentbridge-cli compare A B --space SPACE --anchors K --json` at the CLI's defaults
(docs/methods.md §4 and §8: standard protocol, Jaccard@10, MRR@5, 2000 kNN queries, 1000 RBF CKA rows,
linear CKA on every evaluated row, seed 0; procrustes after standard scaling). Evaluated rows: the shared rows
that are not anchors. S and T (E rows each) are, by SPACE:
  relative (default)  A's and B's cosine relative representations on their own encodings of the K anchors
  absolute            A's and B's rows as loaded
  translated          A's rows translated into B (fitted on the anchors, as translate_twin.py) and B's rows
and:
  linear CKA        ‖S_cᵀT_c‖²_F / (‖S_cᵀS_c‖_F ‖T_cᵀT_c‖_F) on all E rows (width x width products)
  RBF CKA           on 1000 random rows: Gaussian kernels with σ² = the lower median of the non-zero squared
                    distances, HSIC of the centred kernels
  Jaccard@10, MRR@5, top-1, top-5
                    for 2000 random query rows w: the 10 nearest T rows (cosine) of T(w) and of S(w) searched
                    among all E rows of T; Jaccard of the two sets, MRR@5 and top-1/5 of w in S(w)'s list. The
                    Q x E similarities are formed in query blocks of at most 2^26 values (an E x E-sized matrix
                    would not fit at 1M rows)
  mean cosine       of S_i and T_i, its random-pair baseline (S_i against T of a random other row) and MSE
Usage: compare_twin.py A B K [SPACE]"""
import sys

import numpy as np

from twin_common import procrustes, random_anchors, relative, report, scaled, standard_stats, unit_rows

src, dst, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
space = sys.argv[4] if len(sys.argv) > 4 else "relative"
QUERIES, RBF_ROWS, K_JACCARD, K_MRR = 2000, 1000, 10, 5
a, b = np.load(src), np.load(dst)
anchors = random_anchors(len(a), k)
evaluated = np.setdiff1d(np.arange(len(a)), anchors)
if space == "relative":
    s = relative(a[evaluated], a[anchors])
    t = relative(b[evaluated], b[anchors])
elif space == "absolute":
    s, t = a[evaluated], b[evaluated]
elif space == "translated":
    stats_a, stats_b = standard_stats(a[anchors]), standard_stats(b[anchors])
    r, _ = procrustes(scaled(a[anchors], stats_a), scaled(b[anchors], stats_b))
    s = a[evaluated]
    s -= stats_a[0].astype(np.float32)
    s /= stats_a[1].astype(np.float32)
    s = s @ r.astype(np.float32)
    s *= stats_b[1].astype(np.float32)
    s += stats_b[0].astype(np.float32)
    t = b[evaluated]
else:
    sys.exit(f"unknown space {space}")
del a, b
e = len(s)
rng = np.random.default_rng(0)


def linear_cka(x, y):
    x = x - x.mean(axis=0)
    y = y - y.mean(axis=0)
    xy = (y.T @ x).astype(np.float64)
    return float(np.sum(xy ** 2) / (np.linalg.norm((x.T @ x).astype(np.float64)) *
                                    np.linalg.norm((y.T @ y).astype(np.float64))))


def centred_rbf(x):
    x = x.astype(np.float64)
    sq = np.sum(x * x, axis=1)
    d2 = np.maximum(sq[:, None] + sq[None, :] - 2 * x @ x.T, 0)
    upper = d2[np.triu_indices(len(x), 1)]
    nonzero = np.sort(upper[upper > 0])
    sigma2 = nonzero[(len(nonzero) - 1) // 2]
    kern = np.exp(-d2 / (2 * sigma2))
    kern -= kern.mean(axis=0)
    kern -= kern.mean(axis=1, keepdims=True)
    return kern


def rbf_cka(x, y):
    kx, ky = centred_rbf(x), centred_rbf(y)
    return float(np.sum(kx * ky) / np.sqrt(np.sum(kx * kx) * np.sum(ky * ky)))


result = {"cka_linear": linear_cka(s, t)}
rbf = np.sort(rng.choice(e, size=min(RBF_ROWS, e), replace=False))
result["cka_rbf"] = rbf_cka(s[rbf], t[rbf])
result["rbf_rows"] = len(rbf)

queries = np.sort(rng.choice(e, size=min(QUERIES, e), replace=False))
tn = unit_rows(t)
sq = unit_rows(s[queries])
block = max(1, (1 << 26) // e)
jaccard, mrr, top1, top5 = [], [], [], []
for i in range(0, len(queries), block):
    qrows = queries[i:i + block]
    near_t = np.argpartition(-(tn[qrows] @ tn.T), K_JACCARD, axis=1)[:, :K_JACCARD]
    sims = sq[i:i + block] @ tn.T
    near_s = np.argpartition(-sims, K_JACCARD, axis=1)[:, :K_JACCARD]
    order = np.argsort(-np.take_along_axis(sims, near_s, axis=1), axis=1, kind="stable")
    near_s = np.take_along_axis(near_s, order, axis=1)
    for w, nt, ns in zip(qrows, near_t, near_s):
        inter = len(np.intersect1d(nt, ns))
        jaccard.append(inter / (2 * K_JACCARD - inter))
        hit = np.flatnonzero(ns == w)
        rank = hit[0] if len(hit) else K_JACCARD
        mrr.append(1 / (rank + 1) if rank < K_MRR else 0)
        top1.append(rank == 0)
        top5.append(rank < 5)
result.update({"jaccard": float(np.mean(jaccard)), "mrr": float(np.mean(mrr)), "top1": float(np.mean(top1)),
               "top5": float(np.mean(top5)), "n_queries": len(queries)})

norms_s = np.maximum(np.linalg.norm(s, axis=1), 1e-12)
norms_t = np.maximum(np.linalg.norm(t, axis=1), 1e-12)
result["cosine"] = float(np.mean(np.sum(s * t, axis=1) / (norms_s * norms_t), dtype=np.float64))
perm = rng.permutation(e)
partner = np.empty(e, dtype=np.int64)
partner[perm] = np.roll(perm, -1)  # one cycle through a random order: no row is its own partner
result["random_pair_cosine"] = float(np.mean(np.sum(s * t[partner], axis=1) / (norms_s * norms_t[partner]),
                                             dtype=np.float64))
result["mse"] = float(np.mean((s - t).astype(np.float64) ** 2))
result.update({"n": e, "anchors": k})
report(result)
