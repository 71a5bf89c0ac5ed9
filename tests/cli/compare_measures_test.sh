#!/usr/bin/env bash
# Contract test of `latentbridge-cli compare --measures`: the option, `all`, an unknown name, the JSON keys and
# settings, the row subsample, the three spaces and --session; one value checked against NumPy.
# Usage: bash tests/cli/compare_measures_test.sh path/to/latentbridge-cli   (fixtures made here with numpy)
source "$(dirname "$0")/common.sh"

# Fixtures: t.npz (300 x 12, keys), s.npz = t rotated, scaled, shifted and row-shuffled (same keys), r.npz = t
# rotated and scaled only (cosines to anchors, hence relative representations, are not translation invariant),
# u.npz = a noisy nonlinear image of t (300 x 7, keys); mean_cca.txt = NumPy's mean canonical correlation of u and
# t; session.json = r and t with 40 random anchors.
"$py" - "$tmp" <<'PYEOF'
import json
import sys
import numpy as np
d = sys.argv[1]
rng = np.random.default_rng(5)
n = 300
t = rng.standard_normal((n, 12)).astype(np.float32)
keys = np.array([f"k{i}" for i in range(n)])
q, _ = np.linalg.qr(rng.standard_normal((12, 12)))
perm = rng.permutation(n)
s = (3.0 * t @ q + 2.0).astype(np.float32)
np.savez(f"{d}/t.npz", embeddings=t, keys=keys)
np.savez(f"{d}/s.npz", embeddings=s[perm], keys=keys[perm])
np.savez(f"{d}/r.npz", embeddings=(3.0 * t @ q).astype(np.float32), keys=keys)
u = (np.tanh(t @ rng.standard_normal((12, 7))) + 0.5 * rng.standard_normal((n, 7))).astype(np.float32)
np.savez(f"{d}/u.npz", embeddings=u, keys=keys)
# Mean canonical correlation by whitening (Hotelling), independent of the library's SVD-basis route.
def inv_sqrt(m):
    w, v = np.linalg.eigh(m)
    return v @ np.diag(w ** -0.5) @ v.T
x = u.astype(np.float64) - u.mean(0)
y = t.astype(np.float64) - t.mean(0)
rho = np.linalg.svd(inv_sqrt(x.T @ x) @ x.T @ y @ inv_sqrt(y.T @ y), compute_uv=False)
np.savetxt(f"{d}/mean_cca.txt", [rho[:7].mean()])
json.dump({"spaces": ["r.npz", "t.npz"], "reference": 0, "anchors": {"strategy": "random", "count": 40, "seed": 0}},
          open(f"{d}/session.json", "w"))
PYEOF

all_names="mean_cca svcca pwcca procrustes angular_shape linear_regression aligned_cosine rsa_pearson rsa_spearman
rsm_norm_difference dcor eigenspace_overlap gulp second_order_cosine rank_similarity joint_rank_jaccard
magnitude_difference concentricity_difference uniformity_difference linear_cka"
names_py="'$(echo $all_names | sed "s/ /','/g")'"

# ---- all measures, JSON keys and settings; a rotated, scaled, shifted copy is the same shape
expect_exit 0 "$cli" compare "$tmp/s.npz" "$tmp/t.npz" --measures all --seed 3 --json --quiet
m="j['measures']"
check "sorted($m['values'].keys())==sorted([$names_py])" "all: every measure present"
check "all(set(v.keys())=={'value','rows','higher_is_more_similar'} for v in $m['values'].values())" "value keys"
check "$m['settings']=={'k':10,'max_rows':2000,'seed':3,'svcca_variance':0.99,'gulp_lambda':0.01}" "settings recorded"
check "$m['space']=='absolute' and $m['evaluated']==300 and $m['width_a']==12 and $m['width_b']==12" "space and rows"
check "abs($m['values']['mean_cca']['value']-1)<1e-5 and $m['values']['procrustes']['value']<1e-3 and abs($m['values']['rsa_pearson']['value']-1)<1e-5" "same shape: CCA 1, Procrustes 0, RSA 1"
check "$m['values']['magnitude_difference']['value']>0.5 and $m['values']['procrustes']['higher_is_more_similar']==False" "magnitude sees the scaling"
check "'cka_linear' in j" "the table's metrics are still there"

# ---- a chosen list, the subsample, and NumPy's value
expect_exit 0 "$cli" compare "$tmp/u.npz" "$tmp/t.npz" --measures mean_cca,rsa_spearman --measure-rows 100 --measure-k 5 --json --quiet
ref=$(cat "$tmp/mean_cca.txt")
check "list($m['values'].keys())==['mean_cca','rsa_spearman']" "only the listed measures"
check "abs($m['values']['mean_cca']['value']-$ref)<1e-5*$ref" "mean CCA matches NumPy"
check "$m['values']['rsa_spearman']['rows']==100 and $m['values']['mean_cca']['rows']==300 and $m['settings']['k']==5" "N x N measures on the subsample"

# ---- relative and translated spaces leave the anchors out
expect_exit 0 "$cli" compare "$tmp/r.npz" "$tmp/t.npz" --space relative --anchors 30 --measures pwcca,gulp --json --quiet
check "$m['space']=='relative' and $m['evaluated']==270 and $m['width_a']==30 and $m['values']['pwcca']['value']>0.999 and $m['values']['gulp']['value']<1e-3" "relative: a rotated, scaled copy has the same relative representation"
expect_exit 0 "$cli" compare "$tmp/u.npz" "$tmp/t.npz" --space translated --anchors 50 --measures linear_regression --json --quiet
check "$m['space']=='translated' and $m['evaluated']==250 and $m['width_a']==12" "translated: A in B's width"

# ---- --session: every space shown
expect_exit 0 "$cli" compare --session "$tmp/session.json" --measures procrustes,dcor --json --quiet
check "set(j['measures'].keys())=={'absolute','relative','translated'} and j['measures']['absolute']['evaluated']==260" "session: three spaces, anchors left out"
check "all(j['measures'][s]['values']['dcor']['value']>0.999 for s in ['absolute','relative']) and j['measures']['translated']['values']['dcor']['value']>0.98" "session: dcor of a rotated, scaled copy"

# ---- text output
expect_exit 0 "$cli" compare "$tmp/u.npz" "$tmp/t.npz" --measures all --quiet
echo "$out" | grep -q "^measures (absolute" || fail "text: measures header :: $out"
echo "$out" | grep -q "joint_rank_jaccard" || fail "text: a measure line :: $out"

# ---- one measure over every pair of a session's spaces
expect_exit 0 "$cli" compare --session "$tmp/session.json" --measure-matrix procrustes --json --quiet
check "len(j['values'])==len(j['names'])>=2 and j['measure']=='procrustes' and j['space']=='absolute'" "matrix shape"
check "all(abs(j['values'][i][i])<1e-6 for i in range(len(j['names'])))" "procrustes distance of a space to itself is 0"
check "all(j['values'][i][k]==j['values'][k][i] for i in range(len(j['names'])) for k in range(len(j['names'])))" \
  "a symmetric measure gives a symmetric matrix"
pairs=$(echo "$out" | "$py" -c "import json,sys; print(json.load(sys.stdin)['values'][0][1])")
expect_exit 0 "$cli" compare --session "$tmp/session.json" --measures procrustes --json --quiet
"$py" -c "import json,sys; j=json.loads(sys.argv[1]); m=j['measures']['absolute']['values']['procrustes']['value']; sys.exit(0 if abs(m-float(sys.argv[2]))<1e-6 else 1)" \
  "$out" "$pairs" || fail "matrix entry (0, 1) differs from the pair's own measure"
expect_exit 0 "$cli" compare --session "$tmp/session.json" --measure-matrix linear_cka --space relative --json --quiet
check "j['measure']=='linear_cka' and j['space']=='relative' and j['higher_is_more_similar']" "linear CKA matrix"
check "all(abs(j['values'][i][i]-1)<1e-6 for i in range(len(j['names'])))" "linear CKA of a space with itself is 1"
expect_exit 1 "$cli" compare --session "$tmp/session.json" --measure-matrix no_such
expect_exit 1 "$cli" compare --session "$tmp/session.json" --measure-matrix dcor --space all
expect_exit 1 "$cli" compare --session "$tmp/session.json" --measure-matrix dcor --measures dcor

# ---- errors
expect_exit 1 "$cli" compare "$tmp/u.npz" "$tmp/t.npz" --measures pwcca,no_such_measure
grep -q "no_such_measure" "$tmp/stderr" || fail "unknown measure not named: $(cat "$tmp/stderr")"
expect_exit 1 "$cli" compare "$tmp/u.npz" "$tmp/t.npz" --measures ","
expect_exit 1 "$cli" compare "$tmp/u.npz" "$tmp/t.npz" --measures all --measure-k 0
expect_exit 1 "$cli" compare "$tmp/u.npz" "$tmp/t.npz" --measures all --measure-rows 1
expect_exit 1 "$cli" compare "$tmp/u.npz" "$tmp/t.npz" --measure-k 5

finish "compare_measures"
