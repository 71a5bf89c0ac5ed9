#!/usr/bin/env bash
# Views follow their data: clear the anchors and click 5 points, then add a large box selection as anchors;
# after each, every relative view's points cover at least half of the view and none spill out of it (the
# test report's "fill": data extent / visible extent, per view).
source "$(dirname "$0")/common.sh"
make_fixture "$WORK/fx" 1500
start_app "$WORK/fx/fixture.json"
wait_for "$ALL_READY and r['anchors'] == 20 and r['probe']['x'] > 0" 40

RELATIVE_FILLED='all(0.5 <= v["fill"][1] <= 1.0 for v in r["views"])'
click anchors.clear
wait_for "r['anchors'] == 0" 10 || fail "Clear did not remove the anchors"
for k in 1 2 3 4 5; do
  wait_for "r['jobs_running'] == 0 and r['probe']['x'] > 0" 20 || fail "no point to click"
  X=$(report 'int(r["probe"]["x"])'); Y=$(report 'int(r["probe"]["y"])')
  xdotool mousemove --window "$WID" "$X" "$Y"
  sleep 0.3
  xdotool click 1
  wait_for "r['anchors'] == $k" 15 || fail "click $k did not add an anchor"
done
wait_for "$ALL_READY and $RELATIVE_FILLED" 20 ||
  fail "after 5 clicks the relative views do not fill half their view: $(report '[v["fill"] for v in r["views"]]')"
echo "5 anchors: fill (absolute, relative, translated) per space: $(report '[[round(f, 2) for f in v["fill"]] for v in r["views"]]')"

# Shift+drag a box over the whole first absolute view, then Add selection.
read -r AX AY AW AH <<< "$(report "' '.join(str(int(v)) for v in r['views'][0]['absolute_rect'])")"
xdotool mousemove --window "$WID" $((AX + 2)) $((AY + 2))
xdotool keydown shift
xdotool mousedown 1
for f in 0.25 0.5 0.75 1.0; do
  xdotool mousemove --window "$WID" "$("$PY" -c "print(int($AX + 2 + ($AW - 4) * $f))")" \
    "$("$PY" -c "print(int($AY + 2 + ($AH - 4) * $f))")"
  sleep 0.1
done
xdotool mouseup 1
xdotool keyup shift
wait_for "r['selection'] > 500" 10 || fail "the box selected $(report 'r["selection"]') points"
click anchors.add_selection
wait_for "r['anchors'] > 500" 15 || fail "Add selection did not add the selected points"
wait_for "$ALL_READY and $RELATIVE_FILLED" 30 ||
  fail "after adding $(report 'r["anchors"]') anchors the relative views do not fit: $(report '[v["fill"] for v in r["views"]]')"
echo "$(report 'r["anchors"]') anchors: fill per space: $(report '[[round(f, 2) for f in v["fill"]] for v in r["views"]]')"
app_alive || fail "the app exited"
[ "$(report 'len(r["errors"])')" = 0 ] || fail "unexpected errors: $(report 'r["errors"]')"
echo PASS
