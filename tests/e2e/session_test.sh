#!/usr/bin/env bash
# The session is the document: edit anchors and a setting in every panel with real clicks and keys, save with
# Ctrl+S, restart the app on the session: anchors, every setting, the stitching panel's shown method and "live",
# and the open windows are as they were.
source "$(dirname "$0")/common.sh"
make_fixture "$WORK/fx" 800
LB_OPEN_PANELS=curves start_app "$WORK/fx/fixture.json"
wait_for "$ALL_READY and r['anchors'] == 20 and r['probe']['x'] > 0" 40
X=$(report 'int(r["probe"]["x"])'); Y=$(report 'int(r["probe"]["y"])')
xdotool mousemove --window "$WID" "$X" "$Y"
sleep 0.3
xdotool click 1
wait_for "r['anchors'] == 21" 15

wait_for "'similarity.settings' in r['items'] and 'stitching.live' in r['items'] and 'curves.anchor_counts' in r['items']" 20
click similarity.settings 10                     # Similarity: open its settings ...
wait_for "'similarity.preview' in r['items']" 10
click similarity.preview 8                       # Similarity: preview off
type_into similarity.k_jaccard 12                # Similarity: Jaccard@12
click stitching.method.linear 8                  # Stitching: show linear
click stitching.live 8                           # Stitching: live off
type_into stitching.test_fraction 0.3            # Stitching: 30% held out
type_into curves.anchor_counts 10,50             # Curves: two anchor counts
click spaces.shared_basis 8                      # Spaces: shared PCA basis
click representation 20                          # Spaces: open the Representation section ...
wait_for "'representation.l2' in r['items']" 10
click representation.l2 8                        # ... and L2-normalize before translating
CHANGED='r["settings"]["similarity"]["preview"]["enabled"] == False and r["settings"]["similarity"]["k_jaccard"] == 12 and r["layout"]["stitch_shown"] == "linear" and r["layout"]["stitch_live"] == False and abs(r["settings"]["stitching"]["test_fraction"] - 0.3) < 1e-9 and r["settings"]["curves"]["anchor_counts"] == [10, 50] and r["settings"]["view"]["shared_basis"] == True and r["settings"]["translation"]["l2"] == True'
wait_for "$CHANGED" 10
"$PY" -c 'import json,sys; r=json.load(open(sys.argv[1])); print(json.dumps({"settings": r["settings"], "layout": r["layout"], "curves_open": r["extra"]["panels"]["curves"]["open"]}, sort_keys=True))' "$WORK/report.json" > "$WORK/before.json"
xdotool key ctrl+s
"$PY" - "$WORK/fx/fixture.json" <<'PYEOF' || fail "session file was not saved with 21 anchors and the new settings"
import json, sys, time
for _ in range(100):
    try:
        j = json.load(open(sys.argv[1]))
        if j.get("version") == 2 and len(j["anchors"]["keys"]) == 21 and j["settings"]["similarity"]["k_jaccard"] == 12:
            sys.exit(0)
    except (OSError, ValueError, KeyError):
        pass
    time.sleep(0.1)
sys.exit(1)
PYEOF
stop_app
start_app "$WORK/fx/fixture.json"
wait_for "$ALL_READY and r['anchors'] == 21" 40
wait_for "$CHANGED" 10
"$PY" -c 'import json,sys; r=json.load(open(sys.argv[1])); print(json.dumps({"settings": r["settings"], "layout": r["layout"], "curves_open": r["extra"]["panels"]["curves"]["open"]}, sort_keys=True))' "$WORK/report.json" > "$WORK/after.json"
cmp -s "$WORK/before.json" "$WORK/after.json" || { diff "$WORK/before.json" "$WORK/after.json"; fail "settings differ after reopening"; }
[ "$(report 'r["extra"]["panels"]["curves"]["open"]')" = True ] || fail "the curves window was not reopened"
[ "$(report 'r["can_undo"]')" = True ] || fail "the anchor history was not restored"
[ "$(report 'r["session_path"].endswith("fixture.json")')" = True ] || fail "session path not kept"
[ "$(report 'len(r["errors"])')" = 0 ] || fail "unexpected errors"
echo PASS
