#!/usr/bin/env bash
# Mistyped commands and options get a "did you mean" and the usage exit code; --quiet is accepted by every
# command. Usage: bash tests/cli/suggest_quiet_test.sh path/to/latentbridge-cli   (fixtures in $LB_TEST_DATA_DIR)
set -uo pipefail
cli=$1
here=$(cd "$(dirname "$0")" && pwd)
data=${LB_TEST_DATA_DIR:-$here/../data}/binary
usage=$(sed -n 's/.*kExitUsage = \([0-9]*\).*/\1/p' "$here/../../app/cli/exit_codes.h")
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
[ -n "$usage" ] || { echo "FAIL: kExitUsage not found in app/cli/exit_codes.h"; exit 1; }

err=$("$cli" compar 2>&1 >/dev/null)
code=$?
[ "$code" = "$usage" ] || fail "compar: exit code $code, expected $usage"
echo "$err" | grep -q "did you mean 'compare'?" || fail "compar: no suggestion: $err"

err=$("$cli" anchors "$data/f32_v1.npy" --cuont 3 2>&1 >/dev/null)
code=$?
[ "$code" = "$usage" ] || fail "--cuont: exit code $code, expected $usage"
echo "$err" | grep -q "did you mean '--count'?" || fail "--cuont: no suggestion: $err"

err=$("$cli" frobnicate 2>&1 >/dev/null)
echo "$err" | grep -q "did you mean" && fail "frobnicate: implausible suggestion: $err"

for c in info anchors relative translate pca compare stitch asif; do
  err=$("$cli" "$c" --quiet 2>&1 >/dev/null)
  echo "$err" | grep -q "unknown option --quiet" && fail "$c refuses --quiet"
done
out=$("$cli" info --quiet "$data/f32_v1.npy") || fail "info --quiet: exit code $?"
echo "$out" | grep -q "shape" || fail "info --quiet: no summary: $out"

# --out -: the anchor file (text) on stdout, the same as written to a file; binary outputs refuse it.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cli" anchors "$data/f32_v1.npy" --count 3 --seed 4 --out "$tmp/a.txt" --quiet || fail "anchors --out file: exit $?"
"$cli" anchors "$data/f32_v1.npy" --count 3 --seed 4 --out - --quiet >"$tmp/stdout.txt" || fail "anchors --out -: exit $?"
cmp -s "$tmp/a.txt" "$tmp/stdout.txt" || fail "anchors --out - differs from the file: $(cat "$tmp/stdout.txt")"
(cd "$tmp" && "$cli" pca "$data/f32_v1.npy" --out - --quiet >/dev/null 2>&1)
code=$?
[ "$code" = "$usage" ] || fail "pca --out -: exit code $code, expected $usage"
[ -e "$tmp/-" ] && fail "pca --out - created a file named '-'"

# Progress: plain lines when stderr is a file or pipe; one line rewritten with \r on a terminal.
space=${LB_TEST_DATA_DIR:-$here/../data}/../../assets/demo/fmnist_cnn_s0.npz
if [ -f "$space" ]; then
  plain=$("$cli" anchors "$space" --strategy fps --count 500 2>&1 >/dev/null)
  echo "$plain" | grep -q "\[farthest-point anchors\] 100%" || fail "plain progress: no stage line: $plain"
  printf '%s' "$plain" | grep -q $'\r' && fail "plain progress contains carriage returns"
  if command -v script >/dev/null; then
    tty=$(script -qc "'$cli' anchors '$space' --strategy fps --count 500 --out /dev/null" /dev/null)
    printf '%s' "$tty" | grep -q $'\r\\[farthest-point anchors\\] 100%' || fail "terminal progress not updated in place"
  fi
fi

[ "$failures" = 0 ] && echo "suggest_quiet: all passed"
exit $((failures > 0))
