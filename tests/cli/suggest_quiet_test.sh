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

[ "$failures" = 0 ] && echo "suggest_quiet: all passed"
exit $((failures > 0))
