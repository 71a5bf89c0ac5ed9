#!/usr/bin/env bash
# A file rewritten underneath the app (a training script re-saving its embeddings with np.save while the app has
# them open and memory-mapped): the app stays alive, says which file changed, and Ctrl+R reloads it in place;
# undo after the rewrite (which reads the old rows again) does not kill it either.
source "$(dirname "$0")/common.sh"
mkdir -p "$WORK/fx"
"$PY" - "$WORK/fx" <<'PYEOF'
import json, os, sys
import numpy as np
out = sys.argv[1]
rng = np.random.default_rng(3)
n = 3000
labels = rng.integers(0, 4, size=n)
a = (rng.normal(0, 1, size=(n, 64)) + 3 * np.eye(64)[labels]).astype(np.float32)
b = (a @ np.linalg.qr(rng.normal(size=(64, 64)))[0]).astype(np.float32)
for name, x in (("a", a), ("b", b)):
    np.save(os.path.join(out, name + ".npy"), x)  # float32 C order: memory-mapped by the app
    np.save(os.path.join(out, name + "_labels.npy"), labels.astype(np.int32))
    json.dump({"labels": name + "_labels.npy"}, open(os.path.join(out, name + ".json"), "w"))
json.dump({"spaces": ["a.npy", "b.npy"], "reference": 0, "anchors": {"strategy": "random", "count": 30, "seed": 0}},
          open(os.path.join(out, "s.json"), "w"))
PYEOF
start_app "$WORK/fx/s.json"
wait_for "$ALL_READY and r['anchors'] == 30 and r['probe']['x'] > 0" 60
X=$(report 'int(r["probe"]["x"])'); Y=$(report 'int(r["probe"]["y"])')
xdotool mousemove --window "$WID" "$X" "$Y"
sleep 0.3
xdotool click 1
wait_for "r['anchors'] == 31 and r['jobs_running'] == 0" 30
# The training script writes a shorter version over b.npy (np.save truncates the same file), then the user undoes
# the click: every view and panel reads b's rows again, past the file's new end.
"$PY" -c "import numpy as np; np.save('$WORK/fx/b.npy', np.ones((500, 64), np.float32)); np.save('$WORK/fx/b_labels.npy', np.zeros(500, np.int32))"
xdotool key ctrl+z
wait_for "r['anchors'] == 30" 15
wait_for "any('b.npy' in m and ('changed on disk' in m or 'cut short' in m) for m in r['messages'])" 20
app_alive || fail "the app died when its file changed underneath"
xdotool key ctrl+r
wait_for "any(m.startswith('Reloaded') and m.endswith('b.npy') for m in r['messages'])" 30
wait_for "$ALL_READY" 60
[ "$(report 'len([m for m in r["errors"] if "cannot reload" in m])')" = 0 ] || fail "the reload failed"
app_alive || fail "the app exited after reloading"
echo PASS
