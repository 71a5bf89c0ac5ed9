#!/usr/bin/env bash
# Similarity panel -> Representational similarity measures -> Every pair of spaces: Compute draws the chosen
# measure over every pair of loaded spaces, and the numbers are those of `latentbridge-cli compare --session S
# --measure-matrix NAME`, bit for bit (one computation for both).
source "$(dirname "$0")/common.sh"
CLI="$(dirname "$EXE")/latentbridge-cli"
[ -x "$CLI" ] || fail "latentbridge-cli not found next to $EXE"
make_fixture "$WORK/fx" 600
start_app "$WORK/fx/fixture.json"
# The panels' answers settled too: a result arriving changes the lines above the measures and moves them.
wait_for "$ALL_READY and r['anchors'] == 20 and 'similarity.measures' in r['items'] and r['extra']['similarity'] is not None and not r['extra']['similarity']['computing'] and r['extra']['stitching'] is not None and not r['extra']['stitching']['computing']" 60
# scroll_to ITEM: wheel down over the Similarity panel until ITEM is drawn inside it.
scroll_to() {
  for _ in $(seq 1 30); do
    [ "$(report "(lambda it, p: it[1] > p['y'] + 20 and it[1] + it[3] < p['y'] + p['h'] - 5)(r['items']['$1'], r['extra']['panels']['similarity'])")" = True ] && return 0
    read -r px py <<< "$(report "' '.join(str(int(v)) for v in (r['extra']['panels']['similarity']['x'] + 100, r['extra']['panels']['similarity']['y'] + 100))")"
    local before
    before=$(frame_now)
    xdotool mousemove --window "$WID" "$px" "$py"
    xdotool click 5
    after_frames "$before"
  done
  fail "$1 never scrolled into view"
}
# open HEADER SHOWN: scrolls the tree node HEADER into view and clicks it until SHOWN is drawn (a click a frame
# before a layout change lands beside it; a node the click missed is still closed, so clicking again opens it).
open_node() {
  for _ in 1 2 3; do
    scroll_to "$1"
    click "$1" 20
    holds_within "'$2' in r['items']" 5 && return 0
  done
  fail "clicking $1 never showed $2"
}
open_node similarity.measures similarity.measure_matrix
open_node similarity.measure_matrix similarity.measure_matrix.compute
scroll_to similarity.measure_matrix.compute
click similarity.measure_matrix.compute
wait_for "r['extra']['similarity_measures'] is not None and 'matrix' in r['extra']['similarity_measures'] and not r['extra']['similarity_measures']['matrix']['computing']" 120
cp "$WORK/report.json" "$WORK/app.json"
MEASURE=$(report 'r["extra"]["similarity_measures"]["matrix"]["measure"]')
SPACE=$(report 'r["extra"]["similarity_measures"]["matrix"]["space"]')
"$CLI" compare --session "$WORK/fx/fixture.json" --measure-matrix "$MEASURE" --space "$SPACE" --json --quiet \
  > "$WORK/cli.json" || fail "compare --measure-matrix failed"
"$PY" - "$WORK/app.json" "$WORK/cli.json" <<'PYEOF' || fail "the app's matrix and the CLI's differ"
import json, sys
app = json.load(open(sys.argv[1]))["extra"]["similarity_measures"]["matrix"]
cli = json.load(open(sys.argv[2]))
for key in ("names", "measure", "space", "values", "rows", "settings"):
    assert app[key] == cli[key], (key, app[key], cli[key])
n = len(app["names"])
assert n == 3 and all(v is not None for row in app["values"] for v in row), app["values"]
# A space against itself: the measure's identity value (1 for a similarity, 0 for a distance).
identity = 1.0 if app["higher_is_more_similar"] else 0.0
assert all(abs(app["values"][i][i] - identity) < 1e-9 for i in range(n)), app["values"]
print(f"{app['measure']} ({app['space']}) over {n} spaces: {app['values']}")
PYEOF
app_alive || fail "the app exited"
[ "$(report 'len(r["errors"])')" = 0 ] || fail "unexpected errors"
echo PASS
