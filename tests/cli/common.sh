# Shared helpers of the command-line contract tests (sourced; not a test itself). Each test is run as
# `bash tests/cli/<name>_test.sh path/to/latentbridge-cli`, makes its fixtures with NumPy in a scratch folder and
# goes on after a failed check, so one run lists every broken promise.
#   cli       the executable under test ($1)      py   Debian's python3, which has NumPy
#   tmp       a scratch folder, removed on exit
#   fail MESSAGE               records a failure and goes on
#   expect_exit CODE CMD...    runs CMD, keeps its stdout in $out and its stderr in $tmp/stderr; fails unless
#                              it exits with CODE
#   check PYTHON_CONDITION MESSAGE
#                              fails with MESSAGE unless the condition holds for j = the JSON in $out
#   finish NAME                prints the outcome; exits non-zero when anything failed
set -uo pipefail
cli=$1
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
out=

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

expect_exit() {
  local want=$1
  shift
  out=$("$@" 2> "$tmp/stderr")
  local got=$?
  [ "$got" -eq "$want" ] || fail "exit $got (want $want): $* :: $(head -c 300 "$tmp/stderr")"
}

check() {
  echo "$out" | "$py" -c "import json,sys
j=json.loads(sys.stdin.read())
sys.exit(0 if ($1) else 1)" || fail "$2 :: $(echo "$out" | head -c 600)"
}

finish() {
  if [ "$failures" -gt 0 ]; then
    echo "$1: $failures failure(s)"
    exit 1
  fi
  echo "$1: all passed"
}
