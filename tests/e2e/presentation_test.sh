#!/usr/bin/env bash
# Presentation mode at 1920 x 1080 on the demo: one screenshot per story step (--story-step N) with the step's
# K and the headline's numbers in the report; then the keys: 1-4 step the story, 0 gives the demo's own
# anchors back. LB_PRESENTATION_SHOTS=DIR keeps the PNGs there for looking at.
if [ -z "${LB_E2E_INNER:-}" ] && command -v xvfb-run >/dev/null && command -v xdotool >/dev/null; then
  export LB_E2E_INNER=1
  exec xvfb-run -a -s "-screen 0 1920x1080x24" bash "$0" "$@"
fi
source "$(dirname "$0")/common.sh"
DEMO="$E2E_DIR/../../assets/demo/demo.json"
[ -f "$DEMO" ] || { echo "SKIP: demo data not generated"; exit 0; }
SHOTS=${LB_PRESENTATION_SHOTS:-$WORK/shots}
mkdir -p "$SHOTS"
KS=(0 5 30 300)
for step in 1 2 3 4; do
  timeout 120 "$EXE" --story-step "$step" --size 1920x1080 --screenshot "$SHOTS/step$step.png" --frames 3 \
    --test-report "$WORK/report.json" > "$WORK/app.log" 2>&1 || fail "step $step screenshot run failed"
  [ -s "$SHOTS/step$step.png" ] || fail "no screenshot for step $step"
  k=$(report 'r["anchors"]')
  [ "$k" = "${KS[$((step - 1))]}" ] || fail "step $step has $k anchors, expected ${KS[$((step - 1))]}"
  report 'r["extra"]["presentation"]["story_step"]' | grep -qx "$((step - 1))" || fail "step $step not shown"
  # The fonts follow the 1080-pixel framebuffer: body text 30 px, numbers 60 px.
  [ "$(report 'int(r["extra"]["presentation"]["font_px"]["headline"])')" = 60 ] || fail "headline font not 60 px"
  # Absolute, native and chance need no anchors; relative and translated exist from K = 5 on.
  routes='("absolute","native","chance")'
  [ "$step" -ge 2 ] && routes='("absolute","relative","translated","native","chance")'
  report "all(r['extra']['presentation']['numbers'][m] is not None for m in $routes)" \
    | grep -qx True || fail "step $step: numbers missing: $(report 'r["extra"]["presentation"]["numbers"]')"
  report '"presentation.headline" in r["items"] and "presentation.translated" in r["items"]' | grep -qx True \
    || fail "step $step: headline or views not drawn"
  echo "step $step: K = $k, $(report 'r["extra"]["presentation"]["numbers"]')"
done

# The keys, in a running app: 2 then 4 step the story; 0 restores the demo's 300 anchors.
rm -f "$WORK/report.json"
"$EXE" --presentation --size 1920x1080 --test-report "$WORK/report.json" > "$WORK/app.log" 2>&1 &
APP_PID=$!
WID=$(timeout 20 xdotool search --sync --name '^latentbridge$' | head -1) || fail "no latentbridge window"
wait_for "$ALL_READY" 90
before=$(report 'r["anchors"]')
xdotool key --window "$WID" 2
wait_for 'r["extra"]["presentation"]["story_step"] == 1 and r["anchors"] == 5' 30
xdotool key --window "$WID" Right Right
wait_for 'r["extra"]["presentation"]["story_step"] == 3 and r["anchors"] == 300' 30
xdotool key --window "$WID" 0
wait_for "r['extra']['presentation']['story_step'] == -1 and r['anchors'] == $before and r['extra']['presentation']['story_holding'] == False" 30
stop_app
echo PASS
