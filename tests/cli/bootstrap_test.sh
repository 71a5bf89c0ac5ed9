#!/usr/bin/env bash
# Contract test of `latentbridge-cli bootstrap`: on a rotated, rescaled, shuffled copy of a labelled space (keys
# in both files), every discovered pair must be the same sample, the report's precision and stitching must say
# so, the pairs file must name keys and mark the seed; refusals exit 1 (usage) or 2 (bad input).
# Usage: bash tests/cli/bootstrap_test.sh path/to/latentbridge-cli   (fixtures made here with numpy)
source "$(dirname "$0")/common.sh"

# a.npz: 3 classes (300 x 8, keys, labels); b.npz: 2·a·R, rows shuffled, same keys; seed.txt: 8 keys.
"$py" - "$tmp" <<'PY'
import sys
import numpy as np
d = sys.argv[1]
rng = np.random.default_rng(7)
n = 300
labels = np.arange(n) % 3
a = rng.standard_normal((n, 8)).astype(np.float32)
a[np.arange(n), labels] += 4.0
q, _ = np.linalg.qr(rng.standard_normal((8, 8)))
keys = np.array([f"s{i}" for i in range(n)])
np.savez(f"{d}/a.npz", embeddings=a, keys=keys, labels=labels)
perm = rng.permutation(n)
b = (2.0 * a @ q).astype(np.float32)[perm]
np.savez(f"{d}/b.npz", embeddings=b, keys=keys[perm], labels=labels[perm])
with open(f"{d}/seed.txt", "w") as f:
    f.write("\n".join(keys[::37][:8]) + "\n")
PY

base=("$cli" bootstrap "$tmp/a.npz" "$tmp/b.npz" --seed-anchors "$tmp/seed.txt" --quiet)
expect_exit 0 "${base[@]}" --target-count 40 --rounds 2 --out "$tmp/pairs.json" --json
check "j['seed_pairs']==8 and j['discovered']==40 and j['per_round']==[20,20]" "counts and rounds"
check "j['precision']==1.0 and j['same_class']==1.0 and j['truth']=='keys'" "every pair is the same sample"
check "j['mean_similarity']>0.9999" "identical relative rows"
check "j['stitching']['seed']['anchors']==8 and j['stitching']['bootstrapped']['anchors']==48 and j['stitching']['true_parallel']['anchors']==48" \
  "three stitching runs with their anchor counts"
check "abs(j['stitching']['bootstrapped']['relative']-j['stitching']['true_parallel']['relative'])<0.03" \
  "right pairs stitch as well as true parallel anchors"
check "j['settings']=={'target_count':40,'rounds':2,'candidates':0,'seed':0} and j['out'].endswith('pairs.json')" \
  "settings and output recorded"
"$py" - "$tmp" <<'PY' || fail "pairs file"
import json, sys
f = json.load(open(sys.argv[1] + "/pairs.json"))
assert f["format"] == "latentbridge-anchor-pairs" and f["by"] == "key", f
pairs = f["pairs"]
assert len(pairs) == 48 and sum(p["seed"] for p in pairs) == 8, len(pairs)
assert all(p["source"] == p["target"] for p in pairs), "a pair of two different keys"
assert all(p["round"] in (1, 2) for p in pairs if not p["seed"])
PY

# Text report, and the pairs file on stdout.
expect_exit 0 "${base[@]}" --target-count 10 --no-stitching
echo "$out" | grep -q "10 discovered (asked 10); the same sample: 1.000" || fail "text report: $out"
expect_exit 0 "${base[@]}" --target-count 10 --no-stitching --out -
check "len(j['pairs'])==18" "--out - writes the pairs file to stdout"

# Refusals.
expect_exit 1 "$cli" bootstrap "$tmp/a.npz" "$tmp/b.npz" --target-count 5
expect_exit 1 "${base[@]}"
expect_exit 1 "${base[@]}" --target-count 0
expect_exit 1 "${base[@]}" --target-count 5 --rounds x
expect_exit 2 "${base[@]}" --target-count 500
grep -q "more rows than the spaces have" "$tmp/stderr" || fail "too many pairs: $(cat "$tmp/stderr")"
expect_exit 2 "$cli" bootstrap "$tmp/a.npz" "$tmp/b.npz" --seed-anchors 1 --target-count 5 --quiet
grep -q "at least 2 seed" "$tmp/stderr" || fail "one seed pair: $(cat "$tmp/stderr")"
echo "nokey" > "$tmp/bad_seed.txt"
expect_exit 2 "$cli" bootstrap "$tmp/a.npz" "$tmp/b.npz" --seed-anchors "$tmp/bad_seed.txt" --target-count 5 --quiet
grep -q "bad_seed.txt" "$tmp/stderr" || fail "the seed file is named: $(cat "$tmp/stderr")"

finish "bootstrap"
