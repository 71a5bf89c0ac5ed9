#!/usr/bin/env bash
# Contract test of `compare --session` and `stitch --session` with anchors that carry partners (discovered pairs,
# the session file's "partners"): a partner equal to the key match changes nothing; a wrong partner is used (the
# numbers move) and the shared samples holding either row of such a pair leave the evaluation.
# Usage: bash tests/cli/session_partners_test.sh path/to/latentbridge-cli   (fixtures made here with numpy)
source "$(dirname "$0")/common.sh"

# a.npz: 3 noisy Gaussian classes (300 x 12, keys, labels); b.npz: a rotated, rows reversed. Three sessions with
# the same 30 anchors: no partners, partners equal to the key match, and 6 partners that are another sample.
"$py" - "$tmp" <<'PY'
import json, sys
import numpy as np
d = sys.argv[1]
rng = np.random.default_rng(3)
n, dim = 300, 12
labels = np.arange(n) % 3
a = (3.0 * np.eye(dim)[labels] + rng.standard_normal((n, dim))).astype(np.float32)
q, _ = np.linalg.qr(rng.standard_normal((dim, dim)))
keys = np.array([f"k{i}" for i in range(n)])
np.savez(f"{d}/a.npz", embeddings=a, keys=keys, labels=labels)
np.savez(f"{d}/b.npz", embeddings=(a @ q)[::-1].copy(), keys=keys[::-1], labels=labels[::-1])
anchors = [int(i) for i in rng.choice(n, 30, replace=False)]
base = {"format": "latentbridge-session", "version": 2, "spaces": ["a.npz", "b.npz"], "reference": 0,
        "anchors": {"keys": [f"k{i}" for i in anchors]}}
def write(name, partners):
    s = json.loads(json.dumps(base))
    if partners is not None:
        s["anchors"]["partners"] = partners
    json.dump(s, open(f"{d}/{name}.json", "w"))
write("plain", None)
write("same", [{"anchor": k, "space": 1, "key": f"k{anchors[k]}"} for k in range(6)])
taken = set(anchors)
others = [i for i in range(n) if i not in taken]
write("wrong", [{"anchor": k, "space": 1, "key": f"k{others[7 * k]}"} for k in range(6)])
PY

for name in plain same wrong; do
  expect_exit 0 "$cli" compare --session "$tmp/$name.json" --json
  echo "$out" > "$tmp/$name.compare"
  expect_exit 0 "$cli" stitch --session "$tmp/$name.json" --json
  echo "$out" > "$tmp/$name.stitch"
done
# pycheck EXPR MESSAGE: EXPR over c[name] (compare JSON) and s[name] (stitch JSON).
pycheck() {
  "$py" -c "import json,sys
c={n: json.load(open('$tmp/'+n+'.compare')) for n in ('plain','same','wrong')}
s={n: json.load(open('$tmp/'+n+'.stitch')) for n in ('plain','same','wrong')}
sys.exit(0 if ($1) else 1)" || fail "$2"
}
pycheck "{k: v for k, v in c['same'].items() if k != 'input'} == {k: v for k, v in c['plain'].items() if k != 'input'}" \
  "compare: partners equal to the key match change the table"
pycheck "s['same']['methods'] == s['plain']['methods']" "stitch: partners equal to the key match change the matrix"
pycheck "c['plain']['evaluated'] == 300 - 30" "compare: the anchors are left out"
pycheck "c['wrong']['evaluated'] == 300 - 24 - 2 * 6 and c['wrong']['anchors'] == 30" \
  "compare: each wrong pair leaves out the two shared samples holding its rows (24 anchors are one sample each)"
pycheck "c['wrong']['translated']['mse'] > c['plain']['translated']['mse']" "compare: the wrong partners are not used"
pycheck "s['wrong']['methods']['procrustes'][1][0] < s['plain']['methods']['procrustes'][1][0]" \
  "stitch: the wrong partners are not used"
finish session_partners
