#!/usr/bin/env bash
# Clicking a point toggles it as an anchor; relative/translated views update; Ctrl+Z undoes; the anchor
# table's thumbnails are textures uploaded once.
source "$(dirname "$0")/common.sh"
make_fixture "$WORK/fx" 1500
start_app "$WORK/fx/fixture.json"
wait_for "$ALL_READY and r['anchors'] == 20 and r['probe']['x'] > 0" 40
X=$(report 'int(r["probe"]["x"])'); Y=$(report 'int(r["probe"]["y"])')
BEFORE=$(report 'r["last_latency_ms"]')
xdotool mousemove --window "$WID" "$X" "$Y"
sleep 0.3
xdotool click 1
wait_for "r['anchors'] == 21" 15
wait_for "$ALL_READY and r['last_latency_ms'] != $BEFORE" 20
echo "anchor update: $(report 'r["last_update_ms"]') ms worker, $(report 'r["last_latency_ms"]') ms to screen"
xdotool key ctrl+z
wait_for "r['anchors'] == 20 and r['can_undo'] == False" 10
xdotool key ctrl+shift+z
wait_for "r['anchors'] == 21" 10
# The anchor table's thumbnails are textures (one per distinct image: the fixture draws one per class),
# uploaded once however many frames show them.
HELD=$(report 'r["image_textures"]["held"]'); UPLOADS=$(report 'r["image_textures"]["uploads"]')
[ "$HELD" -ge 1 ] || fail "the anchor table's thumbnails have no textures"
[ "$UPLOADS" = "$HELD" ] || fail "thumbnails uploaded again: $UPLOADS uploads for $HELD textures"
app_alive || fail "the app exited"
[ "$(report 'len(r["errors"])')" = 0 ] || fail "unexpected errors"
echo PASS
