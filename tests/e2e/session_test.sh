#!/usr/bin/env bash
# Edit anchors, save the session with Ctrl+S, restart the app with the session: anchors are restored.
source "$(dirname "$0")/common.sh"
make_fixture "$WORK/fx" 800
start_app "$WORK/fx/fixture.json"
wait_for "$ALL_READY and r['anchors'] == 20 and r['probe']['x'] > 0" 40
X=$(report 'int(r["probe"]["x"])'); Y=$(report 'int(r["probe"]["y"])')
xdotool mousemove --window "$WID" "$X" "$Y"
sleep 0.3
xdotool click 1
wait_for "r['anchors'] == 21" 15
xdotool key ctrl+s
"$PY" - "$WORK/fx/fixture.json" <<'PYEOF' || fail "session file was not saved with 21 anchors"
import json, sys, time
for _ in range(100):
    try:
        j = json.load(open(sys.argv[1]))
        if j.get("format") == "latentbridge-session" and len(j["anchors"]["keys"]) == 21:
            sys.exit(0)
    except (OSError, ValueError, KeyError):
        pass
    time.sleep(0.1)
sys.exit(1)
PYEOF
stop_app
start_app "$WORK/fx/fixture.json"
wait_for "$ALL_READY and r['anchors'] == 21" 40
[ "$(report 'r["session_path"].endswith("fixture.json")')" = True ] || fail "session path not kept"
echo PASS
