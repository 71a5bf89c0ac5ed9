#!/usr/bin/python3
"""Golden values for tests/core/relative/anchor_bootstrap_test.cpp.

An independent NumPy implementation of anchor bootstrapping (docs/methods.md section 3, "Bootstrapping parallel
anchors") on a small seeded pair of spaces: A (60 x 6, four clusters) and B = tanh(A M) + noise (60 x 5) with its
rows shuffled, so B's row i is not A's row i. Seed: 5 known pairs. Target: 12 new pairs in 3 rounds, every
unpaired row a candidate. Per round (k current pairs):
  rows:      unpaired A rows and unpaired B rows, ascending;
  matching:  cosine relative representations on the pairs' rows (unit rows times unit anchors), each column
             standardized over the round's rows (population std; a constant column only centred), rows
             L2-normalized;
  proposals: cosine of every A row against every B row; (a, b) proposed when b is a's best match and a is b's
             (ties to the lower row), ordered by cosine, descending (ties keep A's order);
  accepted:  the first ceil(remaining / rounds left) proposals.
The fixture is the first of a run of seeds whose every best match wins by a margin far above float32 round-off,
so the C++ code (float32) must make the same choices. Inputs are rounded to float32 and written as text with full precision.
Output: expected.txt with the seed, the settings and one line per discovered pair: a b similarity round.

Run: /usr/bin/python3 tests/data/golden/make_golden_bootstrap.py   (writes into bootstrap/ next to this script)
"""
import math
import os

import numpy as np

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bootstrap")
TARGET, ROUNDS = 12, 3
MARGIN = 1e-5


def unit(x):
    n = np.linalg.norm(x, axis=1, keepdims=True)
    return x / np.where(n > 0, n, 1.0)


def matching_rows(x, anchors):
    r = unit(x) @ unit(anchors).T
    mean = r.mean(axis=0)
    sd = np.sqrt(((r - mean) ** 2).mean(axis=0))
    r = (r - mean) / np.where(sd > 1e-12, sd, 1.0)
    return unit(r)


class NearTie(Exception):
    pass


def first_best(values):
    best = int(np.argmax(values))
    rest = np.delete(values, best)
    if rest.size and values[best] - rest.max() <= MARGIN:
        raise NearTie()
    return best


def bootstrap(a, b, seed_pairs):
    pairs_a = [p[0] for p in seed_pairs]
    pairs_b = [p[1] for p in seed_pairs]
    found = []
    for rnd in range(1, ROUNDS + 1):
        remaining = TARGET - len(found)
        if remaining <= 0:
            break
        share = math.ceil(remaining / (ROUNDS - rnd + 1))
        rows_a = [i for i in range(len(a)) if i not in pairs_a]
        rows_b = [i for i in range(len(b)) if i not in pairs_b]
        sa = matching_rows(a[rows_a], a[pairs_a])
        sb = matching_rows(b[rows_b], b[pairs_b])
        sims = sa @ sb.T
        best_of_a = [first_best(s) for s in sims]
        best_of_b = [first_best(s) for s in sims.T]
        mutual = [(i, j, sims[i, j]) for i, j in enumerate(best_of_a) if best_of_b[j] == i]
        order = np.argsort([-m[2] for m in mutual], kind="stable")
        accepted = [mutual[o] for o in order[:share]]
        for i, j, s in accepted:
            found.append((rows_a[i], rows_b[j], s, rnd))
            pairs_a.append(rows_a[i])
            pairs_b.append(rows_b[j])
        if not accepted:
            break
    return found


def fixture(seed):
    rng = np.random.default_rng(seed)
    centers = 2.0 * rng.standard_normal((4, 6))
    a = (centers[np.arange(60) % 4] + 0.8 * rng.standard_normal((60, 6))).astype(np.float32)
    mix = rng.standard_normal((6, 5))
    b_same = np.tanh(a.astype(np.float64) @ mix) + 0.05 * rng.standard_normal((60, 5))
    order = rng.permutation(60)  # B's row i is A's row order[i]
    return a, b_same[order].astype(np.float32), np.argsort(order)


def main():
    os.makedirs(HERE, exist_ok=True)
    # The first fixture seed whose every choice is clear (no best match within MARGIN of the runner-up).
    for seed in range(20261205, 20261305):
        a, b, row_in_b = fixture(seed)
        seed_pairs = [(i, int(row_in_b[i])) for i in (0, 13, 26, 39, 52)]
        try:
            found = bootstrap(a.astype(np.float64), b.astype(np.float64), seed_pairs)
            break
        except NearTie:
            continue
    np.savetxt(os.path.join(HERE, "a.txt"), a, fmt="%.9g")
    np.savetxt(os.path.join(HERE, "b.txt"), b, fmt="%.9g")
    with open(os.path.join(HERE, "expected.txt"), "w") as f:
        f.write("seed_a " + " ".join(str(p[0]) for p in seed_pairs) + "\n")
        f.write("seed_b " + " ".join(str(p[1]) for p in seed_pairs) + "\n")
        f.write("b_row_of_a " + " ".join(str(int(r)) for r in row_in_b) + "\n")
        f.write("settings %d %d\n" % (TARGET, ROUNDS))
        f.write("pair_a " + " ".join(str(p[0]) for p in found) + "\n")
        f.write("pair_b " + " ".join(str(p[1]) for p in found) + "\n")
        f.write("similarity " + " ".join("%.17g" % p[2] for p in found) + "\n")
        f.write("round " + " ".join(str(p[3]) for p in found) + "\n")
    right = sum(row_in_b[p[0]] == p[1] for p in found)
    print("fixture seed %d: %d pairs, %d right" % (seed, len(found), right))


if __name__ == "__main__":
    main()
