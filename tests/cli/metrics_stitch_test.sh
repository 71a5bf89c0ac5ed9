#!/usr/bin/env bash
# Contract test of `latentbridge-cli pca`, `compare`, `stitch` and `asif`: one JSON object on stdout, values
# checked against NumPy where they are deterministic, exit codes for impossible requests.
# Usage: bash tests/cli/metrics_stitch_test.sh path/to/latentbridge-cli   (fixtures made here with numpy)
source "$(dirname "$0")/common.sh"

# Fixtures: t.npz = 5 Gaussian class clusters (400 x 16, keys, labels); s.npz = t rotated and scaled, rows
# shuffled (same keys and labels); w.npz = a 24-wide linear image of t with keys only; classes.npy = class
# means of w (5 x 24); head.npz = a least-squares head on t; bad_head.npz has the wrong width.
"$py" - "$tmp" <<'EOF'
import sys
import numpy as np
d = sys.argv[1]
rng = np.random.default_rng(11)
n, dim, c = 400, 16, 5
labels = np.arange(n) % c
centers = 2.5 * rng.standard_normal((c, dim))
t = (centers[labels] + rng.standard_normal((n, dim))).astype(np.float32)
q, _ = np.linalg.qr(rng.standard_normal((dim, dim)))
keys = np.array([f"k{i}" for i in range(n)])
np.savez(f"{d}/t.npz", embeddings=t, keys=keys, labels=labels)
perm = rng.permutation(n)
s = (2.0 * t @ q).astype(np.float32)
np.savez(f"{d}/s.npz", embeddings=s[perm], keys=keys[perm], labels=labels[perm])
w = (t @ rng.standard_normal((dim, 24))).astype(np.float32)
np.savez(f"{d}/w.npz", embeddings=w, keys=keys)
np.save(f"{d}/classes.npy", np.stack([w[labels == k].mean(0) for k in range(c)]).astype(np.float32))
np.savez(f"{d}/zero.npz", embeddings=np.zeros((n, 4), np.float32), keys=keys)
a = np.hstack([t, np.ones((n, 1))])
sol = np.linalg.lstsq(a, np.eye(c)[labels], rcond=None)[0]
np.savez(f"{d}/head.npz", weight=sol[:dim].T.astype(np.float32), bias=sol[dim].astype(np.float32))
np.savez(f"{d}/bad_head.npz", weight=np.zeros((c, 7), np.float32), bias=np.zeros(c, np.float32))
with open(f"{d}/anchors.txt", "w") as f:
    f.write("\n".join(keys[::8]) + "\n")
# PCA reference values.
tc = t.astype(np.float64) - t.mean(0)
vals = np.sort(np.linalg.eigvalsh(tc.T @ tc / (n - 1)))[::-1]
np.savetxt(f"{d}/pca_ratio.txt", vals[:3] / vals.sum())
EOF

one_json() { [ "$(echo "$out" | grep -c .)" -eq 1 ] || fail "expected exactly one JSON line: $out"; }

# ---- pca
expect_exit 0 "$cli" pca "$tmp/t.npz" --components 3 --out "$tmp/coords.npy" --json --quiet
one_json
check "len(j['explained_variance_ratio'])==3" "pca: three ratios"
ref=$(tr '\n' ' ' < "$tmp/pca_ratio.txt")
check "all(abs(a-b)<1e-5 for a,b in zip(j['explained_variance_ratio'], [float(v) for v in '$ref'.split()]))" "pca ratios match numpy"
"$py" -c "import numpy as np,sys; c=np.load('$tmp/coords.npy'); sys.exit(0 if c.shape==(400,3) else 1)" || fail "pca --out shape"
expect_exit 0 "$cli" pca "$tmp/s.npz" --reference "$tmp/t.npz" --json --quiet
check "j['fitted_on'].endswith('t.npz')" "pca shared basis"
expect_exit 2 "$cli" pca "$tmp/w.npz" --reference "$tmp/t.npz" --json --quiet
expect_exit 2 "$cli" pca "$tmp/t.npz" --components 17 --json --quiet
expect_exit 1 "$cli" pca "$tmp/t.npz" --components nope
expect_exit 0 "$cli" pca --help

# ---- compare
expect_exit 0 "$cli" compare "$tmp/t.npz" "$tmp/t.npz" --json --quiet
one_json
check "abs(j['cka_linear']-1)<1e-6 and abs(j['cka_rbf']-1)<1e-6 and j['jaccard']==1 and j['mrr']==1 and abs(j['cosine']-1)<1e-6" "compare identical"
expect_exit 0 "$cli" compare "$tmp/s.npz" "$tmp/t.npz" --json --quiet
check "abs(j['cka_linear']-1)<1e-4 and j['cosine']<0.9 and j['n']==400" "compare rotated absolute: CKA 1, cosine low"
expect_exit 0 "$cli" compare "$tmp/s.npz" "$tmp/t.npz" --space relative --anchors "$tmp/anchors.txt" --json --quiet
check "j['jaccard']>0.99 and j['mrr']>0.99 and j['anchors']==50 and j['n']==350" "compare relative: rotation invisible"
expect_exit 0 "$cli" compare "$tmp/s.npz" "$tmp/t.npz" --space translated --anchors 60 --scaling center --json --quiet
check "j['cka_linear']>0.999 and j['top1']>0.99 and j['mrr']>0.99 and j['cosine']>0.95" "compare translated (center scaling: exact rotation up to scale)"
expect_exit 0 "$cli" compare "$tmp/w.npz" "$tmp/t.npz" --json --quiet
check "j['cosine'] is None and j['jaccard'] is None and j['mrr'] is None and j['cka_linear']>0.9" "compare across widths: nulls"
expect_exit 1 "$cli" compare "$tmp/s.npz" "$tmp/t.npz" --space relative
# An all-zero space: CKA is undefined (null, with the reason, and a warning), never reported as 0.
expect_exit 0 "$cli" compare "$tmp/zero.npz" "$tmp/t.npz" --json
check "j['cka_linear'] is None and j['cka_rbf'] is None and 'first space' in j['why']['linear_cka']" "compare: constant space"
grep -q "warning: absolute linear_cka: CKA is undefined" "$tmp/stderr" || fail "compare: no warning for a constant space"
expect_exit 1 "$cli" compare "$tmp/s.npz" "$tmp/t.npz" --space nowhere
expect_exit 2 "$cli" compare "$tmp/s.npz" "$tmp/missing.npz"

# ---- stitch
expect_exit 0 "$cli" stitch "$tmp/s.npz" "$tmp/t.npz" --anchors "$tmp/anchors.txt" --json --quiet
one_json
check "j['native']>0.9 and j['absolute']<j['native']-0.3 and j['relative']>j['native']-0.1 and j['translated']['procrustes']>=j['native']-0.03" "stitch rotated"
check "j['n_test']==80 and j['k']==50 and j['num_classes']==5 and set(j['translated'])=={'procrustes','linear','affine'}" "stitch counts"
expect_exit 0 "$cli" stitch "$tmp/s.npz" "$tmp/t.npz" --anchors 40 --head logistic --post l2 --curve 5,20 --json --quiet
check "j['head']=='logistic' and j['curve']['k']==[5,20] and len(j['curve']['relative'])==2" "stitch logistic + curve"
expect_exit 0 "$cli" stitch "$tmp/w.npz" "$tmp/t.npz" --anchors 60 --json --quiet
check "j['absolute'] is None and j['translated']['linear']>j['native']-0.1" "stitch across widths"
expect_exit 0 "$cli" stitch "$tmp/s.npz" "$tmp/t.npz" --anchors 40 --head "$tmp/head.npz" --json --quiet
check "j['relative'] is None and j['native']>0.9" "stitch with a head file"
expect_exit 2 "$cli" stitch "$tmp/s.npz" "$tmp/t.npz" --anchors 40 --head "$tmp/bad_head.npz" --json --quiet
expect_exit 2 "$cli" stitch "$tmp/w.npz" "$tmp/w.npz" --anchors 40 --json --quiet   # no labels
expect_exit 1 "$cli" stitch "$tmp/s.npz" "$tmp/t.npz" --anchors 40 --test-fraction 2
expect_exit 1 "$cli" stitch "$tmp/s.npz" "$tmp/t.npz"

# ---- asif
expect_exit 0 "$cli" asif "$tmp/s.npz" "$tmp/w.npz" --anchors 150 --topk 50 --json --quiet
one_json
check "j['mode']=='retrieval' and j['n_queries']==250 and j['k']==150 and j['topk']==50 and j['accuracy']>10*j['chance'] and j['top5']>=j['accuracy']" "asif retrieval"
# The gallery is every non-anchor row of CANDIDATES however many queries are sampled (it once shrank with
# --max-queries, which inflated top-1 for small samples).
expect_exit 0 "$cli" asif "$tmp/s.npz" "$tmp/w.npz" --anchors 150 --topk 50 --max-queries 10 --json --quiet
check "j['n_queries']==10 and j['n_candidates']==250 and abs(j['chance']-1/250)<1e-12" "asif: 10 queries, full gallery"
expect_exit 0 "$cli" asif "$tmp/s.npz" "$tmp/w.npz" --anchors 150 --classes "$tmp/classes.npy" --json --quiet
check "j['mode']=='classes' and j['n_candidates']==5 and abs(j['chance']-0.2)<1e-9 and j['accuracy']>0.8" "asif classes"
expect_exit 2 "$cli" asif "$tmp/s.npz" "$tmp/w.npz" --anchors 150 --classes "$tmp/t.npz" --json --quiet
expect_exit 1 "$cli" asif "$tmp/s.npz" "$tmp/w.npz" --anchors 150 --p 0
# --routes: absolute, relative, translated and ASIF on asifRetrieval's queries and gallery (the Retrieval panel's
# crossRetrieval). ASIF repeats `accuracy`; absolute and relative against NumPy (every non-anchor row a query).
"$py" - "$tmp" <<'EOF'
import json, sys
import numpy as np
d = sys.argv[1]
def load(name):
    z = np.load(f"{d}/{name}.npz")
    return z["embeddings"].astype(np.float64), list(z["keys"])
anchors = open(f"{d}/anchors.txt").read().split()
def unit(x):
    return x / np.linalg.norm(x, axis=1, keepdims=True)
def ranks(qa, cb):  # rows of qa and cb are the same samples in the same order; ties go against the truth
    scores = unit(qa) @ unit(cb).T
    return (scores > np.diag(scores)[:, None]).sum(1)
ref = {}
a, ka = load("s")
for name in ["t", "w"]:
    b, kb = load(name)
    ia, ib = {k: i for i, k in enumerate(ka)}, {k: i for i, k in enumerate(kb)}
    free = [k for k in kb if k not in set(anchors)]
    qa, cb = a[[ia[k] for k in free]], b[[ib[k] for k in free]]
    anc_a, anc_b = a[[ia[k] for k in anchors]], b[[ib[k] for k in anchors]]
    routes = {"relative": ranks(unit(qa) @ unit(anc_a).T, unit(cb) @ unit(anc_b).T)}
    if a.shape[1] == b.shape[1]:
        routes["absolute"] = ranks(qa, cb)
    ref[name] = {r: {"top1": float((k < 1).mean()), "top5": float((k < 5).mean())} for r, k in routes.items()}
json.dump(ref, open(f"{d}/routes_ref.json", "w"))
EOF
for b in t w; do
  expect_exit 0 "$cli" asif "$tmp/s.npz" "$tmp/$b.npz" --anchors "$tmp/anchors.txt" --max-queries 0 --routes --json --quiet
  check "(lambda r, ref: r['asif']['top1']==j['accuracy'] and r['asif']['top5']==j['top5'] and j['n_queries']==350 and all(abs(r[k][m]-v[m])<1e-9 for k, v in ref.items() for m in ('top1', 'top5')))(j['routes'], json.load(open('$tmp/routes_ref.json'))['$b'])" "asif --routes s vs $b"
done
check "'why' in j['routes']['absolute'] and j['routes']['translated']['top1']>10*j['chance'] and j['translation']['method']=='procrustes'" "asif --routes: absolute needs one width"
# s is a scaled rotation of t: translation recovers it exactly.
expect_exit 0 "$cli" asif "$tmp/s.npz" "$tmp/t.npz" --anchors "$tmp/anchors.txt" --routes --json --quiet
check "j['routes']['translated']['top1']==1.0" "asif --routes: translated finds a rotated copy"
expect_exit 1 "$cli" asif "$tmp/s.npz" "$tmp/w.npz" --anchors 150 --routes --classes "$tmp/classes.npy"

finish "metrics_stitch"
