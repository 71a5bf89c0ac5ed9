#!/usr/bin/env bash
# `latentbridge-cli stitch` across formats: the same samples as an .npz with label_names and as a projector
# tensors.tsv + metadata.tsv (class names, numbered byte-wise by its reader) are matched by class name; a class
# name missing on one side is refused with a message naming both files.
# Usage: bash tests/cli/label_names_test.sh path/to/latentbridge-cli   (fixtures made here with numpy)
source "$(dirname "$0")/common.sh"

mkdir -p "$tmp/proj" "$tmp/bad"
"$py" - "$tmp" <<'PYEOF'
import sys
import numpy as np
d = sys.argv[1]
rng = np.random.default_rng(5)
n, dim, c = 240, 8, 3
names = np.array(["shirt", "bag", "coat"])  # not byte-wise order on purpose
labels = np.arange(n) % c
centers = 3.0 * rng.standard_normal((c, dim))
x = (centers[labels] + rng.standard_normal((n, dim))).astype(np.float32)
keys = np.array([f"k{i}" for i in range(n)])
np.savez(f"{d}/named.npz", embeddings=x, keys=keys, labels=labels, label_names=names)
q, _ = np.linalg.qr(rng.standard_normal((dim, dim)))
y = x @ q
for sub, row_names in (("proj", names[labels]), ("bad", np.where(np.arange(n) == 7, "hat", names[labels]))):
    np.savetxt(f"{d}/{sub}/tensors.tsv", y, delimiter="\t", fmt="%.6f")
    with open(f"{d}/{sub}/metadata.tsv", "w") as f:
        f.write("key\tlabel\n")
        for k, l in zip(keys, row_names):
            f.write(f"{k}\t{l}\n")
PYEOF

out=$("$cli" stitch "$tmp/proj/tensors.tsv" "$tmp/named.npz" --anchors 60 --json 2>"$tmp/err")
rc=$?
[ "$rc" -eq 0 ] || fail "stitch projector -> npz exited $rc: $(cat "$tmp/err")"
echo "$out" | "$py" -c 'import json,sys; json.load(sys.stdin)' 2>/dev/null || fail "stitch output is not JSON: $out"

"$cli" stitch "$tmp/named.npz" "$tmp/proj/tensors.tsv" --anchors 60 >/dev/null 2>"$tmp/err" ||
    fail "stitch npz -> projector exited non-zero: $(cat "$tmp/err")"

"$cli" stitch "$tmp/bad/tensors.tsv" "$tmp/named.npz" --anchors 60 >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] || fail "a missing class name should exit 2, got $rc"
grep -q '"hat"' "$tmp/err" || fail "error should name the class: $(cat "$tmp/err")"
grep -q "bad/tensors.tsv" "$tmp/err" || fail "error should name the projector file: $(cat "$tmp/err")"
grep -q "named.npz" "$tmp/err" || fail "error should name the .npz: $(cat "$tmp/err")"

finish "label_names"
