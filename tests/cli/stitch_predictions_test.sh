#!/usr/bin/env bash
# Contract test of `latentbridge-cli stitch --predictions`: the stitching gallery's per-sample predictions.
# A head file's native and absolute predictions are checked against NumPy's argmax(x·Wᵀ + b) on the same rows;
# the right counts over every test row against the reported accuracies; seeds, stdout and exit codes.
# Usage: bash tests/cli/stitch_predictions_test.sh path/to/latentbridge-cli   (fixtures made here with numpy)
source "$(dirname "$0")/common.sh"

# t.npz: 5 noisy Gaussian classes (400 x 16, keys, labels, label names); s.npz: t rotated, plus noise, rows
# shuffled; head.npz: a least-squares head on t.
"$py" - "$tmp" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
rng = np.random.default_rng(5)
n, dim, c = 400, 16, 5
labels = np.arange(n) % c
centers = 1.2 * rng.standard_normal((c, dim))
t = (centers[labels] + rng.standard_normal((n, dim))).astype(np.float32)
q, _ = np.linalg.qr(rng.standard_normal((dim, dim)))
keys = np.array([f"k{i}" for i in range(n)])
names = np.array(["ant", "bee", "cat", "dog", "eel"])
np.savez(f"{d}/t.npz", embeddings=t, keys=keys, labels=labels, label_names=names)
perm = rng.permutation(n)
s = (t @ q + 0.5 * rng.standard_normal((n, dim))).astype(np.float32)
np.savez(f"{d}/s.npz", embeddings=s[perm], keys=keys[perm], labels=labels[perm], label_names=names)
a = np.hstack([t, np.ones((n, 1))])
sol = np.linalg.lstsq(a, np.eye(c)[labels], rcond=None)[0]
np.savez(f"{d}/head.npz", weight=sol[:dim].T.astype(np.float32), bias=sol[dim].astype(np.float32))
with open(f"{d}/anchors.txt", "w") as f:
    f.write("\n".join(keys[::10]) + "\n")
PY

# pycheck FILE EXPR MESSAGE: evaluates EXPR with g = the JSON in FILE (and np, tmp).
pycheck() {
  "$py" -c "import json,sys
import numpy as np
tmp='$tmp'
g=json.load(open('$1'))
sys.exit(0 if ($2) else 1)" || fail "$3"
}

base=("$cli" stitch "$tmp/s.npz" "$tmp/t.npz" --anchors "$tmp/anchors.txt" --quiet)

# ---- every test row: right counts == accuracies of the report (ridge head, every method)
expect_exit 0 "${base[@]}" --json --predictions "$tmp/all.json" --samples 100000
echo "$out" > "$tmp/report.json"
pycheck "$tmp/all.json" "len(g['samples'])==g['n_test']==80" "all test rows (20% of 400)"
pycheck "$tmp/all.json" "all(g['right'][m]==round(g['accuracy'][m]*g['n_test']) for m in g['methods'])" \
  "right counts match the accuracies"
pycheck "$tmp/all.json" "(lambda r: abs(g['accuracy']['relative']-r['relative'])<1e-12 and abs(g['accuracy']['procrustes']-r['translated']['procrustes'])<1e-12 and abs(g['accuracy']['native']-r['native'])<1e-12)(json.load(open(tmp+'/report.json')))" \
  "accuracies are the stitch report's"
pycheck "$tmp/all.json" "0.3 < g['accuracy']['relative'] < 1 and g['accuracy']['absolute'] < 0.6" "no trivial method"
pycheck "$tmp/all.json" "all(x['label_name']==g['class_names'][x['label']] and x['key'].startswith('k') for x in g['samples'])" \
  "keys and class names"
pycheck "$tmp/all.json" "g['settings']['stitching']['seed']==0 and g['seed']==0" "settings recorded"
pycheck "$tmp/report.json" "g['predictions'].endswith('all.json')" "the report names the predictions file"

# ---- a head file: native and absolute predictions == numpy's argmax on the same rows
expect_exit 0 "${base[@]}" --head "$tmp/head.npz" --predictions "$tmp/head.json" --samples 24
pycheck "$tmp/head.json" "(lambda h, t, s: all(x['native']==int(np.argmax(t[x['target_row']]@h['weight'].T+h['bias'])) and x['absolute']==int(np.argmax(s[x['source_row']]@h['weight'].T+h['bias'])) for x in g['samples']))(np.load(tmp+'/head.npz'), np.load(tmp+'/t.npz')['embeddings'].astype(np.float64), np.load(tmp+'/s.npz')['embeddings'].astype(np.float64))" \
  "head file predictions match numpy"
pycheck "$tmp/head.json" "len(g['samples'])==24 and all(x['relative'] is None for x in g['samples']) and g['right']['relative'] is None" \
  "a head file has no relative method"
pycheck "$tmp/head.json" "[x['label'] for x in g['samples'][:10]]==[0,1,2,3,4,0,1,2,3,4]" "dealt class by class"

# ---- seeds: the same file for the same seed, other samples for another
expect_exit 0 "${base[@]}" --predictions "$tmp/a.json" --samples 10
expect_exit 0 "${base[@]}" --predictions "$tmp/b.json" --samples 10
expect_exit 0 "${base[@]}" --predictions "$tmp/c.json" --samples 10 --sample-seed 3
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "same seed, different predictions file"
pycheck "$tmp/c.json" "[x['source_row'] for x in g['samples']] != [x['source_row'] for x in json.load(open(tmp+'/a.json'))['samples']] and g['seed']==3" \
  "another sample seed, other samples"

# ---- stdout
expect_exit 0 "${base[@]}" --predictions - --samples 5
echo "$out" > "$tmp/stdout.json"
pycheck "$tmp/stdout.json" "len(g['samples'])==5" "--predictions - writes the gallery to stdout"

# ---- bad requests
expect_exit 1 "${base[@]}" --predictions "$tmp/x.json" --samples 0
expect_exit 1 "${base[@]}" --predictions "$tmp/x.json" --samples many
expect_exit 1 "${base[@]}" --samples 5
expect_exit 1 "$cli" stitch --session "$tmp/none.json" --predictions "$tmp/x.json"
expect_exit 2 "${base[@]}" --predictions "$tmp/no/such/dir/x.json"  # as every --out of the CLI (atomic_file.h)
grep -q "x.json" "$tmp/stderr" || fail "the I/O error names the file"

finish "stitch --predictions"
