#!/usr/bin/env bash
# Nothing is lost: edit anchors, kill the app without saving (kill -9), start it again: it offers the unsaved work
# and restores it; saving then goes to the original session. Ctrl+Q with unsaved changes asks first.
source "$(dirname "$0")/common.sh"
make_fixture "$WORK/fx" 600
start_app "$WORK/fx/fixture.json"
wait_for "$ALL_READY and r['anchors'] == 20 and r['probe']['x'] > 0 and not r['unsaved']" 40
X=$(report 'int(r["probe"]["x"])'); Y=$(report 'int(r["probe"]["y"])')
xdotool mousemove --window "$WID" "$X" "$Y"
sleep 0.3
xdotool click 1
wait_for "r['anchors'] == 21 and r['unsaved']" 15
# Autosaved within a few seconds of the last edit.
for _ in $(seq 50); do ls "$LB_RECOVERY_DIR"/recovery-*.json > /dev/null 2>&1 && break; sleep 0.1; done
ls "$LB_RECOVERY_DIR"/recovery-*.json > /dev/null 2>&1 || fail "no recovery file after an edit"
kill -9 "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
start_app "$WORK/fx/fixture.json"
wait_for "r['recovery_offered'] and 'recovery.restore' in r['items']" 30
sleep 1  # the popup sizes itself over its first frames: read where it settled
read -r ix iy iw ih <<< "$(report "' '.join(str(int(v)) for v in r['items']['recovery.restore'])")"
xdotool mousemove --window "$WID" $((ix + iw / 2)) $((iy + ih / 2)); sleep 0.3; xdotool click 1
wait_for "r['anchors'] == 21 and r['unsaved'] and any(m.startswith('Restored unsaved work') for m in r['messages'])" 30
[ "$(report 'r["session_path"].endswith("fixture.json")')" = True ] || fail "the restored work does not save to its session"
# Ctrl+Q asks (unsaved changes); Cancel keeps the app; Ctrl+S then Ctrl+Q quits at once.
xdotool key ctrl+q
wait_for "'quit.cancel' in r['items']" 10
sleep 1
read -r ix iy iw ih <<< "$(report "' '.join(str(int(v)) for v in r['items']['quit.cancel'])")"
xdotool mousemove --window "$WID" $((ix + iw / 2)) $((iy + ih / 2)); sleep 0.3; xdotool click 1
sleep 1
app_alive || fail "Cancel quit the app"
xdotool key ctrl+s
wait_for "not r['unsaved']" 10
ls "$LB_RECOVERY_DIR"/recovery-*.json > /dev/null 2>&1 && fail "a saved session left its recovery file"
xdotool key ctrl+q
for _ in $(seq 50); do app_alive || break; sleep 0.1; done
app_alive && fail "Ctrl+Q with nothing unsaved did not quit"
APP_PID=""
"$PY" -c "import json,sys; j=json.load(open('$WORK/fx/fixture.json')); sys.exit(0 if len(j['anchors']['keys']) == 21 else 1)" \
  || fail "the restored anchors were not saved to the session"
echo PASS
