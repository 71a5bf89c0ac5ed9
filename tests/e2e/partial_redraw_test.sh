#!/usr/bin/env bash
# Partial redraws (app/ui/frame_damage.h) leave the window exactly as a full redraw would: after anchor clicks,
# hovering and the panels' live updates (each frame redrawing only the windows that changed), the screen is
# read back with xwd, the window is unmapped and mapped again (the app then redraws it whole), and the two
# readbacks must be identical.
source "$(dirname "$0")/common.sh"
command -v xwd >/dev/null || { echo "SKIP: xwd not installed (x11-apps)"; exit 0; }
make_fixture "$WORK/fx" 1500
start_app "$WORK/fx/fixture.json"
wait_for "$ALL_READY and r['anchors'] == 20 and r['probe']['x'] > 0" 40
SETTLED='r["extra"]["similarity"] is not None and not r["extra"]["similarity"]["computing"] and r["extra"]["stitching"] is not None and not r["extra"]["stitching"]["computing"]'
wait_for "$SETTLED" 60
for i in 0 1 2; do
  before=$(report 'r["anchors"]')
  X0=$(report 'int(r["probe"]["x"])'); Y0=$(report 'int(r["probe"]["y"])')  # a fresh non-anchor point each time
  xdotool mousemove --window "$WID" "$X0" "$Y0"
  sleep 0.3
  xdotool click 1
  wait_for "r['anchors'] != $before" 15
  wait_for "$ALL_READY and $SETTLED and r['extra']['stitching']['anchors'] == r['anchors']" 60
done
xdotool mousemove 5 5  # off the views: no tooltip
wait_for "not r['agreement']['new_anchors_fading']" 10  # the new anchor's spotlight has faded
sleep 1
xwd -root -silent > "$WORK/partial.xwd"
xdotool windowunmap --sync "$WID"
sleep 0.3
xdotool windowmap --sync "$WID"
sleep 1
xwd -root -silent > "$WORK/full.xwd"
cmp -s "$WORK/partial.xwd" "$WORK/full.xwd" || fail "the window after partial redraws differs from a full redraw"
app_alive || fail "the app exited"
echo PASS
