#!/usr/bin/env bash
# .npz files as people save them (np.savez(f, X) -> arr_0; feats + y; ...) load as spaces; ambiguous
# archives are refused with a message naming the file, the competing arrays and the name to use.
# Usage: bash tests/cli/npz_names_test.sh path/to/latentbridge-cli
source "$(dirname "$0")/common.sh"

"$py" - "$tmp" <<'PY' || { echo "FAIL: cannot write fixtures"; exit 1; }
import sys, numpy as np
d = sys.argv[1]
rng = np.random.default_rng(0)
X = rng.standard_normal((7, 3)).astype(np.float32)
np.savez(f"{d}/positional.npz", X)
np.savez(f"{d}/feats_y.npz", feats=X, y=np.arange(7) % 2, ids=np.array([f"s{i}" for i in range(7)]))
np.savez(f"{d}/ambiguous.npz", feats=X, emb=X)
np.savez(f"{d}/canonical_wins.npz", embeddings=X, x=X[:, :2])
np.savez(f"{d}/nothing.npz", weights=X)
PY

# check_space FILE PYTHON_CONDITION: `info --json FILE` succeeds and the condition holds for s = the space.
check_space() {
  local out
  out=$("$cli" info --json "$tmp/$1") || { fail "$1: exit code $?"; return; }
  echo "$out" | "$py" -c '
import json, sys
s = json.load(sys.stdin)["spaces"][0]
sys.exit(0 if eval(sys.argv[1]) else 1)' "$2" || fail "$1: condition failed: $2
$out"
}
check_space positional.npz 's["n"] == 7 and s["d"] == 3'
check_space feats_y.npz 's["n"] == 7 and s["d"] == 3 and s["has_labels"] and s["has_keys"]'
check_space canonical_wins.npz 's["d"] == 3'

"$cli" info "$tmp/ambiguous.npz" >"$tmp/out" 2>"$tmp/err"
code=$?
[ "$code" = 2 ] || fail "ambiguous.npz: exit code $code, expected 2 (bad input)"
grep -q "ambiguous.npz" "$tmp/err" || fail "ambiguous.npz: message does not name the file: $(cat "$tmp/err")"
grep -q "'emb'" "$tmp/err" && grep -q "'feats'" "$tmp/err" || fail "ambiguous.npz: entries not named: $(cat "$tmp/err")"
grep -q "as 'embeddings'" "$tmp/err" || fail "ambiguous.npz: no hint which name to use: $(cat "$tmp/err")"

"$cli" info "$tmp/nothing.npz" >"$tmp/out" 2>"$tmp/err"
code=$?
[ "$code" = 2 ] || fail "nothing.npz: exit code $code, expected 2"
grep -q "'weights'" "$tmp/err" || fail "nothing.npz: found arrays not listed: $(cat "$tmp/err")"

finish "npz_names"
