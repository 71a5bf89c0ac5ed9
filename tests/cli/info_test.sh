#!/usr/bin/env bash
# Contract test of `latentbridge-cli info` on the binary formats (.npy + sidecar, .npz, .safetensors).
# Usage: bash tests/cli/info_test.sh path/to/latentbridge-cli   (fixtures in $LB_TEST_DATA_DIR)
set -uo pipefail
cli=$1
data=${LB_TEST_DATA_DIR:-$(cd "$(dirname "$0")/../data" && pwd)}/binary
py=/usr/bin/python3
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# check_json FILE PYTHON_CONDITION: runs `info --json FILE`, then evaluates the condition with s = the space.
check_json() {
  local file=$1 cond=$2 out
  out=$("$cli" info --json "$data/$file") || { fail "$file: exit code $?"; return; }
  echo "$out" | "$py" -c '
import json, sys
doc = json.load(sys.stdin)
assert len(doc["spaces"]) == 1, "one space expected"
s = doc["spaces"][0]
ok = eval(sys.argv[1])
sys.exit(0 if ok else 1)' "$cond" || fail "$file: condition failed: $cond
$out"
}

exp() { "$py" -c 'import json,sys; e=json.load(open(sys.argv[1]))[sys.argv[2]]; print(e[sys.argv[3]])' \
          "$data/expected.json" "$1" "$2"; }

for f in f32_v1.npy f32_v3.npy f16.npy f64_be_fortran.npy space_stored.npz space_deflated.npz space_zip64.npz \
         space_f32.safetensors space_bf16.safetensors space_f64.safetensors; do
  n=$(exp "$f" n); d=$(exp "$f" d); dtype=$(exp "$f" dtype); norm=$(exp "$f" mean_norm)
  check_json "$f" "s['n'] == $n and s['d'] == $d and s['dtype'] == '$dtype' and abs(s['mean_norm'] - $norm) < 1e-5 \
and s['non_finite_rows'] == 0 and s['path'].endswith('$f')"
done
check_json emb.npy "s['name'] == 'sidecar space' and s['has_labels'] and s['num_classes'] == 3 and s['has_keys'] \
and s['has_texts'] and s['has_images']"
check_json space_stored.npz "s['name'] == 'space_stored' and s['has_labels'] and s['has_keys'] and s['has_texts'] \
and s['has_images'] and s['num_classes'] == 3"
check_json space_f32.safetensors "s['has_labels'] and s['has_keys'] and s['has_images'] and not s['has_texts']"
check_json f32_v1.npy "not s['has_labels'] and not s['has_keys'] and s['name'] == 'f32_v1'"
check_json nan_rows.npy "s['non_finite_rows'] == 2 and s['first_non_finite_rows'] == [1, 4]"

# --drop-nonfinite removes the NaN/Inf rows.
out=$("$cli" info --json --drop-nonfinite "$data/nan_rows.npy") || fail "nan_rows.npy --drop-nonfinite: exit $?"
echo "$out" | "$py" -c 'import json,sys; s=json.load(sys.stdin)["spaces"][0]; sys.exit(0 if s["n"] == 4 and s["non_finite_rows"] == 0 else 1)' \
  || fail "--drop-nonfinite did not drop 2 rows: $out"

# Every other command refuses a space with NaN/Inf rows (exit 2, naming the file and the rows) unless
# --drop-nonfinite, which any command accepts.
err=$("$cli" pca "$data/nan_rows.npy" --json 2>&1 >/dev/null); code=$?
[ $code -eq 2 ] || fail "pca on NaN rows: exit $code, expected 2"
case "$err" in *nan_rows.npy*"2 rows contain NaN/Inf (first rows: 1, 4)"*--drop-nonfinite*) ;;
  *) fail "pca on NaN rows: unexpected message: $err" ;; esac
out=$("$cli" pca "$data/nan_rows.npy" --json --drop-nonfinite 2>/dev/null) || fail "pca --drop-nonfinite: exit $?"
echo "$out" | "$py" -c 'import json,sys; j=json.load(sys.stdin); sys.exit(0 if len(j["explained_variance_ratio"]) >= 1 else 1)' \
  || fail "pca --drop-nonfinite: $out"

# Several files in one call: one JSON object listing them in order.
out=$("$cli" info --json "$data/f16.npy" "$data/space_f16.safetensors") || fail "two files: exit $?"
echo "$out" | "$py" -c 'import json,sys; d=json.load(sys.stdin); sys.exit(0 if [s["name"] for s in d["spaces"]] == ["f16", "space_f16"] else 1)' \
  || fail "two files: $out"

# Bad files: exit code 2 and a message naming the file on stderr, nothing on stdout.
for f in bad_truncated_data.npy bad_object.npy bad_garbage_header.npy bad_dup_keys.npy bad_not_a_zip.npz \
         bad_cut_short.npz bad_crc.npz bad_header_beyond.safetensors bad_invalid_json.safetensors no_such_file.npy; do
  err=$("$cli" info --json "$data/$f" 2>&1 >/dev/null); rc=$?
  [ "$rc" -eq 2 ] || fail "$f: exit code $rc, expected 2"
  case "$err" in *"$f"*) ;; *) fail "$f: error message does not name the file: $err" ;; esac
done
# The sidecar is the file at fault when its JSON is invalid.
err=$("$cli" info "$data/bad_sidecar_json.npy" 2>&1 >/dev/null); rc=$?
[ "$rc" -eq 2 ] || fail "bad_sidecar_json.npy: exit code $rc"
case "$err" in *bad_sidecar_json.json*) ;; *) fail "sidecar error does not name the sidecar: $err" ;; esac

# Usage errors: exit code 1.
"$cli" info >/dev/null 2>&1; rc=$?; [ "$rc" -eq 1 ] || fail "info without files: exit code $rc, expected 1"
"$cli" info --no-such-flag "$data/f32_v1.npy" >/dev/null 2>&1; rc=$?
[ "$rc" -eq 1 ] || fail "unknown flag: exit code $rc, expected 1"

if [ "$failures" -gt 0 ]; then echo "$failures failure(s)"; exit 1; fi
echo "info_test: all checks passed"
