#!/usr/bin/python3
"""Golden values for tests/core/analysis/sample_agreement_test.cpp.

An independent NumPy implementation of the per-sample neighbourhood agreement (docs/methods.md section 4,
"Per-sample agreement") on a small seeded pair of spaces A (36 x 5) and B (36 x 4) with anchors at rows 0, 4, 8, ...
(9 anchors), standard protocol (anchors not evaluated), k = 5, cosine neighbours with the query itself included and
ties to the lower row:
  absolute:   Jaccard of A(w)'s neighbours among A's evaluated rows and B(w)'s among B's,
  relative:   cosine relative representations on the anchors; A's relative row searched among B's relative rows,
              against B's relative row's own neighbours there.
Inputs are rounded to float32 (what the C++ code reads) and written as text with full precision. Output: one line
per representation, the Jaccard of each evaluated row in row order.

Run: /usr/bin/python3 tests/data/golden/make_golden_agreement.py   (writes into agreement/ next to this script)
"""
import os

import numpy as np

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "agreement")
K_NEIGHBOURS = 5


def unit(x):
    x = x.astype(np.float64)
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(n > 0, n, 1.0)


def top_k(queries, base, k):
    sims = unit(queries) @ unit(base).T
    # lexsort: primary key the similarity (descending), ties to the lower base row.
    rows = np.arange(base.shape[0])
    return np.array([np.lexsort((rows, -s))[:k] for s in sims])


def jaccard(nt, ns):
    out = []
    for a, b in zip(nt, ns):
        inter = len(set(a.tolist()) & set(b.tolist()))
        out.append(inter / (2 * len(a) - inter))
    return np.array(out)


def main():
    os.makedirs(HERE, exist_ok=True)
    rng = np.random.default_rng(20261205)
    a = rng.standard_normal((36, 5)).astype(np.float32)
    mix = rng.standard_normal((5, 4)).astype(np.float32)
    b = (np.tanh(a @ mix) + 0.4 * rng.standard_normal((36, 4))).astype(np.float32)
    anchors = np.arange(0, 36, 4)
    evaluated = np.setdiff1d(np.arange(36), anchors)
    ae, be = a[evaluated], b[evaluated]
    k = K_NEIGHBOURS
    absolute = jaccard(top_k(be, be, k), top_k(ae, ae, k))
    rel_a = unit(ae) @ unit(a[anchors]).T
    rel_b = unit(be) @ unit(b[anchors]).T
    relative = jaccard(top_k(rel_b, rel_b, k), top_k(rel_a, rel_b, k))
    np.savetxt(os.path.join(HERE, "a.txt"), a, fmt="%.9g")
    np.savetxt(os.path.join(HERE, "b.txt"), b, fmt="%.9g")
    with open(os.path.join(HERE, "expected.txt"), "w") as f:
        f.write("k %d\n" % k)
        f.write("evaluated " + " ".join(str(int(r)) for r in evaluated) + "\n")
        for name, v in (("absolute", absolute), ("relative", relative)):
            f.write(name + " " + " ".join("%.17g" % x for x in v) + "\n")


if __name__ == "__main__":
    main()
