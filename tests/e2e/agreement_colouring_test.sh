#!/usr/bin/env bash
# Colour by agreement with the reference: the views take the agreement colour map (a screenshot shows it where the
# class-coloured one does not), the report gives each view's agreement, and an anchor click recomputes it and
# marks the new anchor.
source "$(dirname "$0")/common.sh"
make_fixture "$WORK/fx" 1500
view_rect() {  # view_rect SPACE: the absolute view's canvas of that space (the grid's cells are the same size)
  report "' '.join(str(v) for v in r['views'][$1]['absolute_rect'])"
}
for mode in class agreement; do
  timeout 90 "$EXE" "$WORK/fx/fixture.json" --colour-by "$mode" --size 1600x1000 --screenshot "$WORK/$mode.png" \
    --frames 3 --test-report "$WORK/report.json" || fail "screenshot with --colour-by $mode failed"
  eval "count_$mode=$("$PY" "$E2E_DIR/png_viridis.py" "$WORK/$mode.png" $(view_rect 1))"
done
echo "pixels in the agreement colours, second space's absolute view: by class $count_class, by agreement $count_agreement"
[ "$count_agreement" -ge 300 ] || fail "the agreement-coloured view shows few agreement colours ($count_agreement)"
[ "$count_class" -le $((count_agreement / 10)) ] || fail "the class-coloured view shows agreement colours"
BAD=$("$EXE" --colour-by bogus 2>&1) && fail "a bad --colour-by was accepted"
grep -q "colour-by expects class or agreement" <<< "$BAD" || fail "a bad --colour-by is not explained: $BAD"

start_app "$WORK/fx/fixture.json" --colour-by agreement
AGREED='r["agreement"]["generation"] >= 1 and not r["agreement"]["running"]'
wait_for "$ALL_READY and $AGREED and r['probe']['x'] > 0" 60
[ "$(report 'r["agreement"]["colour_by"]')" = agreement ] || fail "not colouring by agreement"
[ "$(report 'all(v["coloured"] for v in r["agreement"]["views"])')" = True ] || fail "a view is not coloured"
[ "$(report 'all(v["mean"] == 1 for v in r["agreement"]["views"][:3])')" = True ] \
  || fail "the reference does not agree with itself"
[ "$(report 'all(v["evaluated"] == 1480 for v in r["agreement"]["views"])')" = True ] \
  || fail "not every non-anchor sample is evaluated"
echo "agreement means: $(report '[round(v["mean"], 3) for v in r["agreement"]["views"]]') in $(report 'round(r["agreement"]["ms"])') ms"
GEN=$(report 'r["agreement"]["generation"]'); REF=$(report 'r["probe"]["ref_row"]')
xdotool mousemove --window "$WID" "$(report 'int(r["probe"]["x"])')" "$(report 'int(r["probe"]["y"])')"
sleep 0.3
xdotool click 1
wait_for "r['anchors'] == 21 and r['agreement']['new_anchors'] == [$REF]" 15
wait_for "$ALL_READY and r['agreement']['generation'] > $GEN and not r['agreement']['running']" 30
[ "$(report 'all(v["evaluated"] == 1479 for v in r["agreement"]["views"])')" = True ] \
  || fail "the new anchor is still evaluated"
echo "after the click: $(report 'round(r["agreement"]["ms"])') ms"
app_alive || fail "the app exited"
[ "$(report 'len(r["errors"])')" = 0 ] || fail "unexpected errors"
echo PASS
