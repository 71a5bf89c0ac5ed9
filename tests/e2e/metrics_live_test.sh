#!/usr/bin/env bash
# The analysis panels follow the document: clicking a point adds an anchor and the similarity table and the
# stitching matrix in the test report change; the curves panel computes when opened; F11 enters presentation
# mode and M runs the morph animation.
source "$(dirname "$0")/common.sh"
# Fixture: two spaces of the same 500 samples (keys + labels); B is A rotated plus a little noise, rows shuffled.
mkdir -p "$WORK/fx"
"$PY" - "$WORK/fx" <<'PYEOF'
import json, os, sys
import numpy as np
out = sys.argv[1]
rng = np.random.default_rng(1)
n, d, classes = 500, 24, 5
labels = rng.integers(0, classes, size=n)
a = rng.normal(0, 1, size=(n, d)) + 0.6 * rng.normal(0, 1, size=(classes, d))[labels]  # overlapping classes
q, _ = np.linalg.qr(rng.normal(size=(d, d)))
b = a @ q + rng.normal(0, 0.5, size=(n, d))
keys = np.array([f"s{i:04d}" for i in range(n)])
perm = rng.permutation(n)
np.savez(os.path.join(out, "model_a.npz"), embeddings=a.astype(np.float32), labels=labels.astype(np.int32), keys=keys)
np.savez(os.path.join(out, "model_b.npz"), embeddings=b[perm].astype(np.float32), labels=labels[perm].astype(np.int32),
         keys=keys[perm])
with open(os.path.join(out, "fixture.json"), "w") as f:
    json.dump({"spaces": ["model_a.npz", "model_b.npz"], "reference": 0,
               "anchors": {"strategy": "random", "count": 20, "seed": 0}}, f)
PYEOF
start_app "$WORK/fx/fixture.json"
SETTLED='r["extra"]["similarity"] is not None and not r["extra"]["similarity"]["computing"] and r["extra"]["stitching"] is not None and not r["extra"]["stitching"]["computing"]'
wait_for "$ALL_READY and r['anchors'] == 20 and r['probe']['x'] > 0 and $SETTLED and r['extra']['similarity']['anchors'] == 20" 60
report 'r["extra"]["similarity"]["translated"]' > "$WORK/sim_before"
report 'r["extra"]["stitching"]["all"]' > "$WORK/stitch_before"
echo "before: similarity translated $(cat "$WORK/sim_before")"
echo "before: stitching $(report 'r["extra"]["stitching"]["matrix"]')"
[ "$(report 'r["extra"]["stitching"]["names"]')" = "['model_a', 'model_b']" ] || fail "stitching names"
[ "$(report 'r["extra"]["similarity"]["absolute"]["jaccard"] is not None')" = True ] || fail "same width: absolute Jaccard expected"
X=$(report 'int(r["probe"]["x"])'); Y=$(report 'int(r["probe"]["y"])')
xdotool mousemove --window "$WID" "$X" "$Y"
sleep 0.3
xdotool click 1
wait_for "r['anchors'] == 21" 15
wait_for "$SETTLED and r['extra']['similarity']['anchors'] == 21 and r['extra']['stitching']['anchors'] == 21" 60
report 'r["extra"]["similarity"]["translated"]' > "$WORK/sim_after"
report 'r["extra"]["stitching"]["all"]' > "$WORK/stitch_after"
echo "after:  similarity translated $(cat "$WORK/sim_after")"
echo "after:  stitching $(report 'r["extra"]["stitching"]["matrix"]')"
cmp -s "$WORK/sim_before" "$WORK/sim_after" && fail "similarity numbers did not change after adding an anchor"
cmp -s "$WORK/stitch_before" "$WORK/stitch_after" && fail "stitching numbers did not change after adding an anchor"
echo "similarity update: $(report 'r["extra"]["similarity"]["ms"]') ms, stitching: $(report 'r["extra"]["stitching"]["ms"]') ms"
# Opened at start (LB_OPEN_PANELS), the curves panel computes accuracy vs anchors by itself. (It is opened in a
# second run: its window would cover the point clicked above.)
stop_app
LB_OPEN_PANELS=curves start_app "$WORK/fx/fixture.json"
wait_for "r['extra']['curves'] is not None and len(r['extra']['curves']['k']) >= 3" 90
echo "curves: $(report 'r["extra"]["curves"]["k"]') relative $(report 'r["extra"]["curves"]["relative"]')"
# Presentation mode: F11, then M morphs the translated view; F11 again leaves it.
xdotool key F11
wait_for "r['extra']['presentation']['applied'] == True and r['extra']['presentation']['font_px']['body'] > 20" 10
xdotool key m
wait_for "r['extra']['presentation']['morphs'] >= 1" 15
xdotool key F11
wait_for "r['extra']['presentation']['applied'] == False" 10
app_alive || fail "the app exited"
[ "$(report 'len(r["errors"])')" = 0 ] || fail "unexpected errors"
echo PASS
