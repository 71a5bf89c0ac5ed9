"""NumPy twin of `latentbridge-cli translate SOURCE TARGET --anchors K --out OUT --json` (defaults: procrustes,
standard scaling): standardize each side with its K anchors' statistics, fit R = U Vᵀ from the SVD of
Ãxᵀ Ãy, translate every SOURCE row (standardize, rotate, de-standardize with TARGET's statistics), save the
N x D result; then on the non-anchor rows: MSE and mean cosine against TARGET's true rows, and top-1 / top-5
retrieval of the true counterpart among the first 10,000 of them (the CLI's --retrieval-max), plus the fit's
rank, orthogonality error and anchor MSE. The evaluation runs over row blocks: its temporaries would
otherwise be several N x D copies. Usage: translate_twin.py SOURCE TARGET K OUT"""
import sys

import numpy as np

from twin_common import procrustes, random_anchors, report, scaled, standard_stats, unit_rows

src, dst, k, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
RETRIEVAL_MAX = 10000
BLOCK = 65536
x, y = np.load(src), np.load(dst)
anchors = random_anchors(len(x), k)
stats_x, stats_y = standard_stats(x[anchors]), standard_stats(y[anchors])
r, singular = procrustes(scaled(x[anchors], stats_x), scaled(y[anchors], stats_y))
r32 = r.astype(np.float32)
mx, sx, my, sy = (v.astype(np.float32) for v in (*stats_x, *stats_y))


def translate(rows):
    t = rows - mx
    t /= sx
    t = t @ r32
    t *= sy
    t += my
    return t


t = translate(x)
np.save(out, t)

fit_error = np.linalg.norm(r.T @ r - np.eye(len(r))) / np.sqrt(len(r))
anchor_mse = float(np.mean((translate(x[anchors]).astype(np.float64) - y[anchors]) ** 2))
evaluated = np.ones(len(x), dtype=bool)
evaluated[anchors] = False
sq_err = cos_sum = 0.0
for i in range(0, len(x), BLOCK):
    keep = evaluated[i:i + BLOCK]
    tb, yb = t[i:i + BLOCK][keep], y[i:i + BLOCK][keep]
    sq_err += float(np.sum((tb - yb).astype(np.float64) ** 2))
    cos = np.sum(unit_rows(tb) * unit_rows(yb), axis=1)
    cos_sum += float(np.sum(np.clip(cos, -1, 1), dtype=np.float64))
rows = np.flatnonzero(evaluated)
n_eval = len(rows)
rows = rows[:RETRIEVAL_MAX]
q, truth = unit_rows(t[rows]), unit_rows(y[rows])
top1 = top5 = 0
for i in range(0, len(rows), 1024):  # 1024 x R similarities at a time, as the CLI does
    s = q[i:i + 1024] @ truth.T
    own = s[np.arange(len(s)), np.arange(i, i + len(s))]
    rank = np.sum(s > own[:, None], axis=1)
    top1 += int(np.sum(rank == 0))
    top5 += int(np.sum(rank < 5))
report({"mse": sq_err / (n_eval * y.shape[1]), "cosine": cos_sum / n_eval, "top1": top1 / len(rows),
        "top5": top5 / len(rows), "n_eval": n_eval, "k": k,
        "fit": {"rank": int(np.sum(singular > singular[0] * 1e-10)), "orthogonality_error": float(fit_error),
                "anchor_mse": anchor_mse}})
