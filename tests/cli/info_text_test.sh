#!/usr/bin/env bash
# Contract of `latentbridge-cli info --json` on the text-format fixtures (word2vec text/binary, fastText,
# GloVe, projector tsv): shapes, dtype, metadata flags, NaN rows; exit code 2 and the file named on stderr
# for malformed files.
# Usage: info_text_test.sh path/to/latentbridge-cli   (fixtures in $LB_TEST_DATA_DIR/text)
set -euo pipefail
cli=$1
data=${LB_TEST_DATA_DIR:?set LB_TEST_DATA_DIR}/text
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$cli" info --json "$data/gensim_text.vec" "$data/gensim_binary.bin" "$data/fasttext.vec" \
    "$data/glove_crlf.txt" "$data/projector/tensors.tsv" "$data/classes.tsv" "$data/nan_rows.vec" > "$tmp/out.json" \
    || fail "info exited with $?"

"$py" - "$tmp/out.json" "$data/expected_text.json" <<'PY' || fail "JSON contract"
import json, sys
out = json.load(open(sys.argv[1]))["spaces"]
exp = json.load(open(sys.argv[2]))
assert len(out) == 7, len(out)
def check(s, fixture, **want):
    e = exp[fixture]
    assert s["n"] == e["n"] and s["d"] == e["d"], (fixture, s["n"], s["d"])
    assert s["dtype"] == e.get("dtype", "text"), (fixture, s["dtype"])
    for k, v in want.items():
        assert s[k] == v, (fixture, k, s[k], v)
check(out[0], "gensim_text.vec", has_keys=True, has_texts=True, has_labels=False, name="gensim_text")
check(out[1], "gensim_binary.bin", has_keys=True, dtype="float32")
check(out[2], "fasttext.vec", has_keys=True)
check(out[3], "glove_crlf.txt", has_keys=True)
check(out[4], "projector/tensors.tsv", has_keys=True, has_labels=True, has_texts=True, num_classes=3, name="tensors")
check(out[5], "classes.tsv", has_keys=False, has_labels=True, num_classes=3)
assert out[6]["non_finite_rows"] == exp["nan_rows.vec"]["non_finite_rows"]
assert out[6]["first_non_finite_rows"] == exp["nan_rows.vec"]["first_non_finite_rows"]
# Binary and text twins hold the same vectors.
assert abs(out[0]["mean_norm"] - out[1]["mean_norm"]) < 1e-6
PY

# --drop-nonfinite removes the NaN/Inf rows.
"$cli" info --json --drop-nonfinite "$data/nan_rows.vec" > "$tmp/drop.json" || fail "drop exited with $?"
"$py" -c 'import json,sys; s=json.load(open(sys.argv[1]))["spaces"][0]; assert s["n"] == 3 and s["non_finite_rows"] == 0, s' \
    "$tmp/drop.json" || fail "--drop-nonfinite"

# Malformed files: exit code 2, the file named on stderr, nothing on stdout.
for bad in bad_empty.vec bad_ragged.vec bad_nonnumeric.vec bad_header_more.vec bad_header_fewer.vec \
           bad_huge_header.vec bad_duplicate.vec bad_truncated.bin bad_header_more.bin bad_ragged.tsv; do
    set +e
    "$cli" info --json "$data/$bad" > "$tmp/stdout" 2> "$tmp/stderr"
    rc=$?
    set -e
    [ "$rc" -eq 2 ] || fail "$bad: exit code $rc, expected 2"
    grep -q "$bad" "$tmp/stderr" || fail "$bad: not named on stderr: $(cat "$tmp/stderr")"
    [ ! -s "$tmp/stdout" ] || fail "$bad: unexpected stdout"
done
# The metadata file is the one named when its row count is wrong.
set +e
"$cli" info "$data/bad_meta_count.tsv" 2> "$tmp/stderr" > /dev/null
rc=$?
set -e
[ "$rc" -eq 2 ] || fail "bad_meta_count.tsv: exit code $rc"
grep -q "bad_meta_count_metadata.tsv" "$tmp/stderr" || fail "metadata file not named: $(cat "$tmp/stderr")"
echo "info_text_test: ok"
