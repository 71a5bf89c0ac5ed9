#!/usr/bin/env bash
# Contract test of "fit here, apply there": `translate --save-fit FIT` then `translate --fit FIT SOURCE` gives the
# rows the full translate wrote, the fit file holds the scaling statistics NumPy computes from the anchors, and
# `relative --anchors-from REF` on a shard without anchors equals the rows of the full projection.
# Usage: bash tests/cli/fit_apply_test.sh path/to/latentbridge-cli
source "$(dirname "$0")/common.sh"

# x.npy (400 x 12) and y.npy (400 x 9, a noisy linear image of x); shard.npy = rows 256..399 of x;
# anchors.txt = rows 0..49 (indices: the files have no keys); ref.npy = those 50 rows of x.
# Bit-for-bit equality of a shard with the same rows of a whole-file run holds when the shards are cut at
# multiples of 256 rows (the core's row chunks, core/translate/apply_translator.h): here the last chunk.
"$py" - "$tmp" <<'EOF'
import sys
import numpy as np
d = sys.argv[1]
rng = np.random.default_rng(11)
x = rng.standard_normal((400, 12)).astype(np.float32)
y = (x @ rng.standard_normal((12, 9)) + 0.01 * rng.standard_normal((400, 9)) + 3.0).astype(np.float32)
np.save(f"{d}/x.npy", x)
np.save(f"{d}/y.npy", y)
np.save(f"{d}/shard.npy", x[256:])
np.save(f"{d}/ref.npy", x[:50])
open(f"{d}/anchors.txt", "w").write("\n".join(str(i) for i in range(50)) + "\n")
EOF


for method in procrustes linear affine; do
  expect_exit 0 "$cli" translate "$tmp/x.npy" "$tmp/y.npy" --anchors "$tmp/anchors.txt" --method "$method" \
    --out "$tmp/full_$method.npy" --save-fit "$tmp/fit_$method.safetensors" --json --quiet
  expect_exit 0 "$cli" translate --fit "$tmp/fit_$method.safetensors" "$tmp/shard.npy" --out "$tmp/shard_$method.npy" \
    --json --quiet
  echo "$out" | "$py" -c "import json,sys; j=json.load(sys.stdin); assert j['n']==144 and j['d_target']==9 and j['method']=='$method', j" ||
    fail "translate --fit JSON ($method)"
done

# The applied shard equals the same rows of the full translation, bit for bit; the fit file's statistics are the
# anchors' mean and unbiased std (NumPy, in float64), and its metadata names the method.
"$py" - "$tmp" <<'EOF' || fail "fit file contents or applied rows"
import json, struct, sys
import numpy as np
d = sys.argv[1]
x, y = np.load(f"{d}/x.npy"), np.load(f"{d}/y.npy")
for method in ("procrustes", "linear", "affine"):
    full, shard = np.load(f"{d}/full_{method}.npy"), np.load(f"{d}/shard_{method}.npy")
    assert np.array_equal(full[256:], shard), method
    raw = open(f"{d}/fit_{method}.safetensors", "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    data = raw[8 + n:]
    def tensor(name):
        a, b = header[name]["data_offsets"]
        return np.frombuffer(data[a:b], dtype="<f4").reshape(header[name]["shape"])
    meta = header["__metadata__"]
    assert meta["format"] == "latentbridge-translator" and json.loads(meta["settings"])["method"] == method
    ax, ay = x[:50].astype(np.float64), y[:50].astype(np.float64)
    np.testing.assert_allclose(tensor("mean_x"), ax.mean(0), rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(tensor("mean_y"), ay.mean(0), rtol=1e-5)
    if method == "affine":  # fitted on its own centred anchors (docs/methods.md): no standard deviations used
        assert json.loads(meta["settings"])["scaling"] == "center", meta
    else:
        np.testing.assert_allclose(tensor("std_x"), ax.std(0, ddof=1), rtol=1e-5)
        np.testing.assert_allclose(tensor("std_y"), ay.std(0, ddof=1), rtol=1e-5)
    want = (13, 12) if method == "affine" else (12, 12)
    assert tensor("map").shape == want, (method, tensor("map").shape)
EOF

# Refusals: a source of the wrong width, a file that is not a fit, options the fit already holds.
expect_exit 2 "$cli" translate --fit "$tmp/fit_linear.safetensors" "$tmp/y.npy" --quiet
grep -q "y.npy: has 9 columns" "$tmp/stderr" || fail "width mismatch message: $(cat "$tmp/stderr")"
expect_exit 2 "$cli" translate --fit "$tmp/x.npy" "$tmp/x.npy" --quiet
expect_exit 2 "$cli" translate --fit "$tmp/missing.safetensors" "$tmp/x.npy" --quiet
expect_exit 1 "$cli" translate --fit "$tmp/fit_linear.safetensors" "$tmp/x.npy" --method affine --quiet
expect_exit 1 "$cli" translate --fit "$tmp/fit_linear.safetensors" "$tmp/x.npy" "$tmp/y.npy" --quiet

# relative --anchors-from: the shard (no anchor rows in it) against the anchors' vectors from ref.npy equals rows
# 256..399 of the full projection on x's own anchors.
expect_exit 0 "$cli" relative "$tmp/x.npy" --anchors "$tmp/anchors.txt" --similarity cosine,euclidean \
  --transform center --out "$tmp/rel_full.npy" --quiet
expect_exit 0 "$cli" relative "$tmp/shard.npy" --anchors-from "$tmp/ref.npy" --similarity cosine,euclidean \
  --transform center --out "$tmp/rel_shard.npy" --json --quiet
echo "$out" | "$py" -c "import json,sys; j=json.load(sys.stdin); assert j['n']==144 and j['k']==50 and j['anchors_from'].endswith('ref.npy'), j" ||
  fail "relative --anchors-from JSON"
expect_exit 0 "$cli" relative "$tmp/shard.npy" --anchors-from "$tmp/x.npy" --anchors "$tmp/anchors.txt" \
  --similarity cosine,euclidean --transform center --out "$tmp/rel_shard2.npy" --quiet
"$py" -c "
import numpy as np, sys
d = sys.argv[1]
full = np.load(f'{d}/rel_full.npy')
assert np.array_equal(full[256:], np.load(f'{d}/rel_shard.npy'))
assert np.array_equal(full[256:], np.load(f'{d}/rel_shard2.npy'))
" "$tmp" || fail "relative --anchors-from rows differ from the full projection"
expect_exit 2 "$cli" relative "$tmp/shard.npy" --anchors-from "$tmp/y.npy" --quiet
grep -q "y.npy: anchors have 9 columns" "$tmp/stderr" || fail "anchors-from width message: $(cat "$tmp/stderr")"

finish "fit_apply"
