#!/usr/bin/env bash
# The Stitching gallery opens from the Panels menu, shows test samples of the default pair (first non-reference
# -> reference) with accuracies that are the Stitching panel's, draws other samples on Shuffle, and follows an
# anchor edit.
source "$(dirname "$0")/common.sh"
make_fixture "$WORK/fx" 1500
start_app "$WORK/fx/fixture.json"
wait_for "$ALL_READY and r['anchors'] == 20 and r['probe']['x'] > 0 and r['extra']['stitching'] is not None and not r['extra']['stitching']['computing'] and 'menu.panels' in r['items']" 60
[ "$(report 'r["extra"]["gallery"] is None and not r["extra"]["panels"]["gallery"]["open"]')" = True ] || fail "the gallery is open at start"
# One anchor more (a click on a point of the first view) before the gallery opens: K = 21.
X=$(report 'int(r["probe"]["x"])'); Y=$(report 'int(r["probe"]["y"])')
xdotool mousemove --window "$WID" "$X" "$Y"
sleep 0.3
xdotool click 1
wait_for "$ALL_READY and r['anchors'] == 21" 30
click menu.panels
wait_for "'menu.panels.gallery' in r['items']" 10
click menu.panels.gallery
wait_for "r['extra']['panels']['gallery']['open'] and r['extra']['gallery'] is not None and r['extra']['gallery']['current'] and not r['extra']['gallery']['computing'] and r['extra']['gallery']['k'] == 21 and not r['extra']['stitching']['computing'] and r['extra']['stitching']['anchors'] == 21" 60
# The gallery's accuracies on every test row are the matrix cell (source row, target column) of the panel.
"$PY" - "$WORK/report.json" <<'PYEOF' || fail "gallery and stitching panel disagree"
import json, sys
r = json.load(open(sys.argv[1]))
g, st = r["extra"]["gallery"], r["extra"]["stitching"]
n = len(st["names"])
s, t = st["names"].index(g["source"]), st["names"].index(g["target"])
for m in ("absolute", "relative", "procrustes", "linear", "affine"):
    v = st["all"][m][s * n + t]
    assert (v is None and g["accuracy"][m] is None) or abs(v - g["accuracy"][m]) < 1e-12, (m, v, g["accuracy"][m])
assert len(g["samples"]) == 36
assert g["right"]["relative"] == sum(x["relative"] == x["label"] for x in g["samples"])
print(f"gallery {g['source']} -> {g['target']}: relative {g['right']['relative']}/36, absolute {g['right']['absolute']}/36")
PYEOF
FIRST=$(report '[x["source_row"] for x in r["extra"]["gallery"]["samples"]]')
wait_for "'gallery.shuffle' in r['items']" 10
click gallery.shuffle
wait_for "r['extra']['gallery']['shuffles'] == 1 and r['extra']['gallery']['current'] and r['extra']['gallery']['seed'] == 1" 30
[ "$(report '[x["source_row"] for x in r["extra"]["gallery"]["samples"]]')" != "$FIRST" ] || fail "Shuffle kept the samples"
# An anchor edit (Ctrl+Z takes back the anchor clicked before the gallery opened): the gallery follows.
xdotool key ctrl+z
wait_for "r['anchors'] == 20 and r['extra']['gallery'] is not None and r['extra']['gallery']['k'] == 20 and r['extra']['gallery']['current']" 60
echo "undo of the anchor click: gallery K 21 -> $(report 'r["extra"]["gallery"]["k"]')"
app_alive || fail "the app exited"
[ "$(report 'len(r["errors"])')" = 0 ] || fail "unexpected errors"
echo PASS
