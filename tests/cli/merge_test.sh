#!/usr/bin/env bash
# Contract test of `latentbridge-cli merge`: three charts of partly shared samples become one atlas whose rows
# equal NumPy's mean of the charts' cosine relative representations; the atlas opens as a space with keys and
# labels; the evaluation reports every chart; refusals exit 1 (usage) or 2 (bad input).
# Usage: bash tests/cli/merge_test.sh path/to/latentbridge-cli   (fixtures made here with numpy)
source "$(dirname "$0")/common.sh"

# c0: samples 0..199 (8 dims), c1: 100..299 (6 dims), c2: 100..149 and 250..299 (5 dims); 3 labelled classes;
# anchors.txt: 20 of the 50 keys every chart has.
"$py" - "$tmp" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
rng = np.random.default_rng(3)
n = 300
labels = np.arange(n) % 3
base = rng.standard_normal((n, 8))
base[np.arange(n), labels] += 4.0
keys = np.array([f"k{i}" for i in range(n)])
charts = {"c0": np.arange(0, 200), "c1": np.arange(100, 300), "c2": np.r_[100:150, 250:300]}
for name, width in (("c0", 8), ("c1", 6), ("c2", 5)):
    rows = charts[name]
    mix = rng.standard_normal((8, width))
    np.savez(f"{d}/{name}.npz", embeddings=(base[rows] @ mix).astype(np.float32), keys=keys[rows], labels=labels[rows])
anchor_rows = np.r_[100:150:5, 101:150:5]
with open(f"{d}/anchors.txt", "w") as f:
    f.write("\n".join(keys[anchor_rows]) + "\n")
PY

expect_exit 0 "$cli" merge "$tmp/c0.npz" "$tmp/c1.npz" "$tmp/c2.npz" --anchors "$tmp/anchors.txt" \
  --out "$tmp/atlas.npy" --json --quiet
check "j['atlas']['n']==300 and j['atlas']['k']==20 and j['atlas']['shared_by_all']==50 and j['anchors']==20" \
  "atlas shape"
check "[c['n'] for c in j['charts']]==[200,200,100] and [c['shared'] for c in j['charts']]==[100,150,100]" \
  "charts and their shared samples"
check "all(c['atlas']>0.8 and c['absolute']>0.8 and c['classes']==3 for c in j['charts']) and j['atlas']['accuracy']>0.8" \
  "every chart evaluated"
check "j['settings']['aggregation']=='mean' and j['settings']['seed']==0 and j['out'].endswith('atlas.npy')" \
  "settings recorded"
"$py" - "$tmp" <<'PY' || fail "atlas rows differ from numpy's mean of relative representations"
import json, sys
import numpy as np
d = sys.argv[1]
unit = lambda x: x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
anchors = open(f"{d}/anchors.txt").read().split()
sums, counts, order = {}, {}, []
for name in ("c0", "c1", "c2"):
    z = np.load(f"{d}/{name}.npz")
    x, keys = z["embeddings"].astype(np.float64), list(z["keys"])
    rel = unit(x) @ unit(x[[keys.index(a) for a in anchors]]).T
    for row, key in zip(rel, keys):
        if key not in sums:
            order.append(key)
            sums[key], counts[key] = 0, 0
        sums[key] = sums[key] + row
        counts[key] += 1
expected = np.array([sums[k] / counts[k] for k in order])
atlas = np.load(f"{d}/atlas.npy")
side = json.load(open(f"{d}/atlas.json"))
assert side["keys"] == order, "atlas keys"
assert side["labels"] == [int(k[1:]) % 3 for k in order], "atlas labels"
assert np.abs(atlas - expected).max() < 1e-5, np.abs(atlas - expected).max()
PY
expect_exit 0 "$cli" info "$tmp/atlas.npy" --json
check "j['spaces'][0]['n']==300 and j['spaces'][0]['has_keys'] and j['spaces'][0]['has_labels']" "the atlas opens as a space"

# --out atlas.npz: one archive NumPy reads, with the same rows, keys, labels and the charts' label names.
expect_exit 0 "$cli" merge "$tmp/c0.npz" "$tmp/c1.npz" "$tmp/c2.npz" --anchors "$tmp/anchors.txt" \
  --out "$tmp/atlas.npz" --no-evaluation --json --quiet
check "j['out'].endswith('atlas.npz')" "npz written"
"$py" - "$tmp" <<'PY' || fail "atlas.npz differs from atlas.npy and its sidecar"
import json, sys
import numpy as np
d = sys.argv[1]
z = np.load(f"{d}/atlas.npz")
side = json.load(open(f"{d}/atlas.json"))
assert sorted(z.files) == ["embeddings", "keys", "labels"], z.files
assert z["embeddings"].dtype == np.float32 and z["keys"].dtype.kind == "U"
assert np.array_equal(z["embeddings"], np.load(f"{d}/atlas.npy"))
assert list(z["keys"]) == side["keys"] and list(z["labels"]) == side["labels"]
PY
expect_exit 0 "$cli" info "$tmp/atlas.npz" --json
check "j['spaces'][0]['n']==300 and j['spaces'][0]['d']==20 and j['spaces'][0]['has_keys'] and j['spaces'][0]['has_labels']" \
  "the .npz atlas opens as a space"

# --reference: the atlas against one space of every sample (NumPy's cosine and linear CKA).
"$py" - "$tmp" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
z = np.load(f"{d}/c0.npz")
rng = np.random.default_rng(9)
keys = np.array([f"k{i}" for i in range(50, 300)])
np.savez(f"{d}/reference.npz", embeddings=rng.standard_normal((250, 7)).astype(np.float32), keys=keys)
np.savez(f"{d}/reference_no_anchor.npz", embeddings=rng.standard_normal((20, 7)).astype(np.float32),
         keys=np.array([f"k{i}" for i in range(200, 220)]))
PY
expect_exit 0 "$cli" merge "$tmp/c0.npz" "$tmp/c1.npz" "$tmp/c2.npz" --anchors "$tmp/anchors.txt" \
  --reference "$tmp/reference.npz" --no-evaluation --json --quiet
echo "$out" > "$tmp/reference.json"
"$py" - "$tmp" <<'PY' || fail "reference comparison differs from numpy"
import json, sys
import numpy as np
d = sys.argv[1]
j = json.load(open(f"{d}/reference.json"))
unit = lambda x: x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
def cka(x, y):
    x, y = x - x.mean(0), y - y.mean(0)
    return np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))
anchors = open(f"{d}/anchors.txt").read().split()
def relative(path):
    z = np.load(path)
    x, keys = z["embeddings"].astype(np.float64), list(z["keys"])
    return unit(x) @ unit(x[[keys.index(a) for a in anchors]]).T, keys
ref, ref_keys = relative(f"{d}/reference.npz")
ref_row = {k: i for i, k in enumerate(ref_keys)}
sums, counts, own = {}, {}, {}
for name in ("c0", "c1", "c2"):
    rel, keys = relative(f"{d}/{name}.npz")
    own[name] = (rel, keys)
    for row, key in zip(rel, keys):
        sums[key] = sums.get(key, 0) + row
        counts[key] = counts.get(key, 0) + 1
atlas = {k: sums[k] / counts[k] for k in sums}
shared = [k for k in atlas if k in ref_row]
A = np.array([atlas[k] for k in shared]); R = ref[[ref_row[k] for k in shared]]
cos = lambda a, b: float(np.mean(np.sum(unit(a) * unit(b), axis=1)))
r = j["reference"]
assert r["n"] == 250 and abs(r["mean_cosine"] - cos(A, R)) < 1e-5 and abs(r["linear_cka"] - cka(A, R)) < 1e-5, r
for c, name in zip(j["charts"], ("c0", "c1", "c2")):
    rel, keys = own[name]
    idx = [i for i, k in enumerate(keys) if k in ref_row]
    Rc = ref[[ref_row[keys[i]] for i in idx]]; Ac = np.array([atlas[keys[i]] for i in idx])
    assert c["reference_n"] == len(idx), (name, c["reference_n"], len(idx))
    assert abs(c["reference_cosine_chart"] - cos(rel[idx], Rc)) < 1e-5, name
    assert abs(c["reference_cosine_atlas"] - cos(Ac, Rc)) < 1e-5, name
    assert abs(c["reference_cka_chart"] - cka(rel[idx], Rc)) < 1e-5, name
    assert abs(c["reference_cka_atlas"] - cka(Ac, Rc)) < 1e-5, name
PY
expect_exit 2 "$cli" merge "$tmp/c0.npz" "$tmp/c1.npz" --anchors "$tmp/anchors.txt" \
  --reference "$tmp/reference_no_anchor.npz" --no-evaluation --quiet
grep -q "reference_no_anchor.npz: anchor" "$tmp/stderr" || fail "a reference without the anchors: $(cat "$tmp/stderr")"
expect_exit 2 "$cli" merge "$tmp/c0.npz" "$tmp/c1.npz" --anchors 5 --reference "$tmp/missing.npz" --quiet
grep -q "missing.npz" "$tmp/stderr" || fail "a missing reference is named: $(cat "$tmp/stderr")"

# K random shared anchors; the text report.
expect_exit 0 "$cli" merge "$tmp/c0.npz" "$tmp/c1.npz" --anchors 30 --no-evaluation --json --quiet
check "j['anchors']==30 and j['atlas']['n']==300 and 'accuracy' not in j['atlas']" "random shared anchors"
expect_exit 0 "$cli" merge "$tmp/c0.npz" "$tmp/c1.npz" "$tmp/c2.npz" --anchors "$tmp/anchors.txt" --quiet
echo "$out" | grep -q "atlas: 300 samples (50 in every chart) x 20 anchors" || fail "text report: $out"

# Charts without labels: the atlas is made, the heads are skipped with the reason.
"$py" - "$tmp" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
for name in ("c0", "c1"):
    z = np.load(f"{d}/{name}.npz")
    np.savez(f"{d}/{name}_unlabelled.npz", embeddings=z["embeddings"], keys=z["keys"])
PY
expect_exit 0 "$cli" merge "$tmp/c0_unlabelled.npz" "$tmp/c1_unlabelled.npz" --anchors 10 --json --quiet
check "j['atlas']['n']==300 and j['evaluation'].startswith('skipped') and 'atlas' not in j['charts'][0]" \
  "unlabelled charts: atlas without heads"

# Refusals.
expect_exit 1 "$cli" merge "$tmp/c0.npz" --anchors 5
expect_exit 1 "$cli" merge "$tmp/c0.npz" "$tmp/c1.npz"
expect_exit 1 "$cli" merge "$tmp/c0.npz" "$tmp/c1.npz" --anchors 5 --out "$tmp/atlas.txt"
expect_exit 1 "$cli" merge "$tmp/c0.npz" "$tmp/c1.npz" --anchors 5 --test-fraction 1.5
expect_exit 2 "$cli" merge "$tmp/c0.npz" "$tmp/c1.npz" --anchors 500 --quiet
grep -q "share only 100" "$tmp/stderr" || fail "too many anchors: $(cat "$tmp/stderr")"
echo "k0" > "$tmp/not_shared.txt"
expect_exit 2 "$cli" merge "$tmp/c0.npz" "$tmp/c1.npz" --anchors "$tmp/not_shared.txt" --quiet --no-evaluation
grep -q "'k0' is not in this chart" "$tmp/stderr" || fail "an anchor missing from a chart: $(cat "$tmp/stderr")"
"$py" - "$tmp" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
z = np.load(f"{d}/c1.npz")
np.savez(f"{d}/relabelled.npz", embeddings=z["embeddings"], keys=z["keys"], labels=(z["labels"] + 1) % 3)
np.save(f"{d}/bare.npy", z["embeddings"])
PY
expect_exit 2 "$cli" merge "$tmp/c0.npz" "$tmp/relabelled.npz" --anchors 5 --quiet
grep -q "relabelled.npz" "$tmp/stderr" || fail "disagreeing labels name the file: $(cat "$tmp/stderr")"
expect_exit 2 "$cli" merge "$tmp/c0.npz" "$tmp/bare.npy" --anchors 5 --quiet
grep -q "needs keys" "$tmp/stderr" || fail "a chart without keys: $(cat "$tmp/stderr")"

finish "merge"
