#!/usr/bin/env bash
# Contract test of `latentbridge-cli anchors`, `relative` and `translate`: JSON on stdout, exit codes, the
# streamed .npy output checked against NumPy, and clear refusals of impossible requests (exit 2).
# Usage: bash tests/cli/relative_translate_test.sh path/to/latentbridge-cli   (fixtures made here with numpy)
source "$(dirname "$0")/common.sh"

# Fixtures: x.npz (300 x 16, keys, labels); y.npz = a rotation of x scaled, shifted, rows shuffled;
# z.npz shares no key with x; w.npz has 12 dims and only the first 200 keys.
"$py" - "$tmp" <<'EOF'
import sys
import numpy as np
d = sys.argv[1]
rng = np.random.default_rng(7)
n, dim = 300, 16
x = rng.standard_normal((n, dim)).astype(np.float32)
q, _ = np.linalg.qr(rng.standard_normal((dim, dim)))
keys = np.array([f"s{i}" for i in range(n)])
np.savez(f"{d}/x.npz", embeddings=x, keys=keys, labels=rng.integers(0, 5, n))
perm = rng.permutation(n)
y = (x @ q * 2.0 + 0.5).astype(np.float32)
np.savez(f"{d}/y.npz", embeddings=y[perm], keys=keys[perm])
np.savez(f"{d}/z.npz", embeddings=x[:10], keys=np.array([f"other{i}" for i in range(10)]))
np.savez(f"{d}/w.npz", embeddings=(x[:200] @ rng.standard_normal((dim, 12))).astype(np.float32), keys=keys[:200])
np.save(f"{d}/plain.npy", x)
EOF

# check_one_line PYTHON_CONDITION: evaluates the condition with j = the JSON in $out (exactly one object).
check_one_line() {
  echo "$out" | "$py" -c '
import json, sys
text = sys.stdin.read()
j = json.loads(text)
assert text.count("\n") == 1, "more than one line on stdout"
ok = eval(sys.argv[1])
sys.exit(0 if ok else 1)' "$1" || fail "condition $1 on: $out"
}

# --- help for every command
for c in anchors relative translate; do
  expect_exit 0 "$cli" "$c" --help
  echo "$out" | grep -q "Usage: latentbridge-cli $c" || fail "$c --help"
done

# --- anchors
for s in random per-class fps kmeans prototypes; do
  expect_exit 0 "$cli" anchors "$tmp/x.npz" --strategy $s --count 20 --seed 3 --out "$tmp/a_$s.txt" --json --quiet
  check_one_line "j['count'] == 20 and len(set(j['rows'])) == 20 and j['strategy'] == '$s' and j['anchors'][0].startswith('s')"
  [ "$(grep -c . "$tmp/a_$s.txt")" -eq 20 ] || fail "anchor file $s has not 20 lines"
done
expect_exit 0 "$cli" anchors "$tmp/x.npz" --strategy fps --count 20 --seed 3 --json --quiet
check_one_line "j['anchors'] == [l.strip() for l in open('$tmp/a_fps.txt')]"
expect_exit 2 "$cli" anchors "$tmp/x.npz" --count 301 --json
expect_exit 2 "$cli" anchors "$tmp/x.npz" --count 0
expect_exit 2 "$cli" anchors "$tmp/plain.npy" --strategy per-class --count 4
expect_exit 1 "$cli" anchors "$tmp/x.npz" --strategy nearest --count 4
expect_exit 1 "$cli" anchors "$tmp/x.npz"
expect_exit 2 "$cli" anchors "$tmp/missing.npz" --count 3

# --- relative: streamed output equals NumPy's cosine projection
expect_exit 0 "$cli" relative "$tmp/x.npz" --anchors "$tmp/a_random.txt" --out "$tmp/rel.npy" --block-rows 7 --json --quiet
check_one_line "j['n'] == 300 and j['k'] == 20 and j['cols'] == 20 and j['similarities'] == ['cosine'] and j['max'] <= 1.0001"
"$py" - "$tmp" <<'EOF' || fail "relative output differs from numpy"
import sys
import numpy as np
d = sys.argv[1]
z = np.load(f"{d}/x.npz")
x, keys = z["embeddings"].astype(np.float64), list(z["keys"])
rows = [keys.index(l.strip()) for l in open(f"{d}/a_random.txt")]
u = x / np.linalg.norm(x, axis=1, keepdims=True)
want = u @ u[rows].T
got = np.load(f"{d}/rel.npy")
assert got.dtype == np.float32 and got.shape == want.shape, (got.dtype, got.shape)
assert np.abs(got - want).max() < 1e-5, np.abs(got - want).max()
EOF
expect_exit 0 "$cli" relative "$tmp/x.npz" --anchors 16 --similarity cosine,euclidean,l1 --transform standard --post l2 --json --quiet
check_one_line "j['cols'] == 48 and j['transform'] == 'standard' and j['post'] == 'l2' and j['out'] is None"
expect_exit 0 "$cli" relative "$tmp/x.npz" --anchors 16 --similarity angular,linf --aggregate sum --json --quiet
check_one_line "j['cols'] == 16 and j['aggregate'] == 'sum'"
expect_exit 0 "$cli" relative "$tmp/plain.npy" --anchors 5 --seed 2 --json --quiet
check_one_line "j['k'] == 5"
expect_exit 2 "$cli" relative "$tmp/x.npz" --anchors 0
expect_exit 2 "$cli" relative "$tmp/x.npz" --anchors 301
expect_exit 2 "$cli" relative "$tmp/x.npz" --anchors twelve
printf 's1\nnot_a_key\n' > "$tmp/bad.txt"
expect_exit 2 "$cli" relative "$tmp/x.npz" --anchors "$tmp/bad.txt"
grep -q "line 2" "$tmp/stderr" || fail "bad anchor file error does not name the line"
expect_exit 1 "$cli" relative "$tmp/x.npz" --anchors 4 --similarity dot
expect_exit 1 "$cli" relative "$tmp/x.npz"

# --- translate: procrustes with center scaling recovers the scaled rotation almost exactly
expect_exit 0 "$cli" translate "$tmp/x.npz" "$tmp/y.npz" --anchors "$tmp/a_kmeans.txt" --scaling center --method linear --out "$tmp/t.npy" --json --quiet
check_one_line "j['n_eval'] == 280 and j['k'] == 20 and j['mse'] < 1e-8 and j['cosine'] > 0.9999 and j['top1'] == 1.0 and j['fit']['rank'] == 16 and len(j['fit']['singular_values']) == 10"
"$py" - "$tmp" <<'EOF' || fail "translated rows differ from the target rows"
import sys
import numpy as np
d = sys.argv[1]
x, y = np.load(f"{d}/x.npz"), np.load(f"{d}/y.npz")
pos = {k: i for i, k in enumerate(y["keys"])}
want = y["embeddings"][[pos[k] for k in x["keys"]]]
got = np.load(f"{d}/t.npy")
assert got.shape == want.shape and np.abs(got - want).max() < 1e-3, np.abs(got - want).max()
EOF
for m in procrustes linear-ortho affine; do
  expect_exit 0 "$cli" translate "$tmp/x.npz" "$tmp/y.npz" --anchors 40 --method $m --json --quiet
  check_one_line "j['method'] == '$m' and j['n_eval'] == 260 and j['cosine'] > 0.9 and j['top5'] >= j['top1'] and 0 <= j['fit']['orthogonality_error']"
done
expect_exit 0 "$cli" translate "$tmp/x.npz" "$tmp/w.npz" --anchors 50 --l2 --ridge 0.1 --method linear --json --quiet
check_one_line "j['n_matched'] == 200 and j['n_eval'] == 150 and j['l2'] and j['ridge'] == 0.1"
# Enough anchors: no warning. 8 anchors in 16 dims: least squares interpolates, Procrustes is completed; the
# warnings are in the JSON and on stderr (not with --quiet).
expect_exit 0 "$cli" translate "$tmp/x.npz" "$tmp/y.npz" --anchors 40 --method linear --json --quiet
check_one_line "j['warnings'] == []"
expect_exit 0 "$cli" translate "$tmp/x.npz" "$tmp/y.npz" --anchors 8 --method linear --json --quiet
check_one_line "len(j['warnings']) == 1 and 'rank-deficient' in j['warnings'][0] and j['fit']['anchor_mse'] < 1e-6"
expect_exit 0 "$cli" translate "$tmp/x.npz" "$tmp/y.npz" --anchors 8 --method procrustes --json
check_one_line "any('completed deterministically' in w for w in j['warnings'])"
grep -q "latentbridge-cli: warning: procrustes: the 8 anchors determine 7 of 16" "$tmp/stderr" || fail "translate warning on stderr: $(cat "$tmp/stderr")"
# The whitened similarity is a relative option like the others.
expect_exit 0 "$cli" relative "$tmp/x.npz" --anchors 40 --similarity whitened --out "$tmp/rw.npy" --json --quiet
"$py" -c "import numpy as np,sys; r=np.load('$tmp/rw.npy'); sys.exit(0 if r.shape==(300,40) and np.isfinite(r).all() else 1)" || fail "relative --similarity whitened"
expect_exit 2 "$cli" translate "$tmp/x.npz" "$tmp/z.npz" --anchors 5
expect_exit 2 "$cli" translate "$tmp/x.npz" "$tmp/w.npz" --anchors 201
expect_exit 2 "$cli" translate "$tmp/x.npz" "$tmp/w.npz" --anchors 0
printf 's1\ns250\n' > "$tmp/notshared.txt"
expect_exit 2 "$cli" translate "$tmp/x.npz" "$tmp/w.npz" --anchors "$tmp/notshared.txt"
grep -q "s250" "$tmp/stderr" || fail "missing anchor is not named"
expect_exit 2 "$cli" translate "$tmp/x.npz" "$tmp/y.npz" --anchors 1
expect_exit 1 "$cli" translate "$tmp/x.npz" "$tmp/y.npz" --anchors 5 --method magic
expect_exit 1 "$cli" translate "$tmp/x.npz" --anchors 5

finish "relative_translate"
