#!/usr/bin/env bash
# Benchmark: how long one anchor click takes to reach the screen on the bundled demo (3 spaces × 10,000
# samples, 300 anchors), under Xvfb on Mesa's llvmpipe. Clicks 8 different points one after another and
# prints the worker time (relative columns + 2-D PCA + translation), the click-to-result latency (the views'
# result applied), click-to-screen for the relative views (shown as soon as the job has them, before the
# translations are fitted) and for every view (the frame showing them presented), and the
# similarity and stitching panels' preview job times (the worker time of each first answer; -1 where the data is
# small enough to need no preview) and click-to-result latencies (the edit to the panel's new result,
# queueing and the frames in between included) for each: for the similarity table to its preview and to its
# exact answer, for the stitching matrix to the shown method's result and to the one with every method
# (computed after the similarity table's). Goal: the first answers within 100 ms.
# At the end: each latency's median, maximum and the clicks over 100 ms, and the views' job's median time as a
# probe of the host's speed.
# LB_NEIGHBOUR_LOAD=0.3 runs a neighbour beside the app during the clicks: a process busy 30% of the time on one
# core (15% of a 2-core machine), at normal priority, as another tenant of a shared host would be.
# LB_APP_ARGS="FILE..." opens those spaces or that session instead of the bundled demo (bench/scale.sh passes a
# session of its large generated spaces, which must have the Similarity and Stitching panels open and 300
# anchors); LB_READY_TIMEOUT=S waits up to S seconds for them to load and for each click to settle (default 120).
# Before the clicks it prints the load time: from the app's start to every view drawn, and to both panels'
# first answers (polled every 0.1 s).
# Usage: [LB_NEIGHBOUR_LOAD=FRACTION] [LB_APP_ARGS=...] bench/gui_anchor_latency.sh build/latentbridge
source "$(dirname "$0")/../tests/e2e/common.sh"
READY_TIMEOUT=${LB_READY_TIMEOUT:-120}
NEIGHBOUR_PID=
if [ -n "${LB_NEIGHBOUR_LOAD:-}" ]; then
  "$PY" -c '
import sys, time
busy = float(sys.argv[1]) * 0.01  # of every 10 ms
while True:
    t = time.perf_counter()
    while time.perf_counter() - t < busy: pass
    time.sleep(0.01 - busy)' "$LB_NEIGHBOUR_LOAD" &
  NEIGHBOUR_PID=$!
  trap 'kill $NEIGHBOUR_PID 2>/dev/null; cleanup' EXIT
fi
T0=$(date +%s.%N)
# shellcheck disable=SC2086  # LB_APP_ARGS is a list of paths
start_app ${LB_APP_ARGS:-}
wait_for "$ALL_READY and r['anchors'] == 300 and r['probe']['x'] > 0" "$READY_TIMEOUT"
T1=$(date +%s.%N)
SETTLED='r["extra"]["similarity"] is not None and not r["extra"]["similarity"]["computing"] and r["extra"]["stitching"] is not None and not r["extra"]["stitching"]["computing"]'
wait_for "$SETTLED" "$READY_TIMEOUT"
T2=$(date +%s.%N)
awk "BEGIN {printf \"load: every view drawn %.1f s, both panels answered %.1f s after the start\n\", $T1 - $T0, $T2 - $T0}"
printf "%-6s %10s %10s %10s %10s %15s %15s %15s %16s %16s %16s\n" click "worker ms" "to result" "relative" "to screen" "sim preview job" "click->sim ms" "stitch prev. job" "click->stitch ms" "->all methods ms" "->exact sim ms"
for i in 0 1 2 3 4 5 6 7; do
  before=$(report 'r["anchors"]')
  # Click the probe: a lone non-anchor point the app reports, found again after every edit (the clicked
  # sample is an anchor by then), so each click adds a different sample.
  xdotool mousemove --window "$WID" "$(report 'int(r["probe"]["x"])')" "$(report 'int(r["probe"]["y"])')"
  sleep 0.4
  xdotool click 1
  # Nothing of this script runs beside the app while it handles the click: each poll of wait_for starts a
  # Python interpreter, whose start-up CPU would compete with the app for the cores the click needs. The app
  # measures its own latencies; the report is read once everything has settled.
  sleep 1
  wait_for "r['anchors'] != $before" 15
  wait_for "$ALL_READY and $SETTLED and r['extra']['stitching']['anchors'] == r['anchors'] and r['extra']['similarity']['anchors'] == r['anchors']" "$READY_TIMEOUT"
  printf "%-6s %10.1f %10.1f %10.1f %10.1f %15.1f %15.1f %15.1f %16.1f %16.1f %16.1f   stages %s\n" "$i" "$(report 'r["last_update_ms"]')" \
    "$(report 'r["last_latency_ms"]')" "$(report 'r["last_relative_screen_ms"]')" "$(report 'r["last_screen_ms"]')" "$(report 'r["extra"]["similarity"]["preview_ms"]')" \
    "$(report 'r["extra"]["similarity"]["after_edit_ms"]')" "$(report 'r["extra"]["stitching"]["preview_ms"]')" \
    "$(report 'r["extra"]["stitching"]["after_edit_ms"]')" "$(report 'r["extra"]["stitching"].get("complete_after_edit_ms", -1)')" \
    "$(report 'r["extra"]["similarity"]["exact_after_edit_ms"]')" \
    "$(report 'r["last_stage_ms"]')" | tee -a "$WORK/clicks.txt"
done
app_alive || fail "the app exited"
echo "preview sizes after the clicks (fraction of the preview settings'): similarity $(report 'r["extra"]["similarity"]["preview_fraction"]'), stitching $(report 'r["extra"]["stitching"]["preview_fraction"]')"
# Per column: median, maximum and the clicks over 100 ms.
"$PY" - "$WORK/clicks.txt" <<'EOF'
import statistics, sys
rows = [[float(v) for v in line.split()[1:11]] for line in open(sys.argv[1]) if line.strip()]
# The views' job is the same work at every click: its time says how fast the host ran (docs/benchmarks.md has
# its usual value; a host running slower moves every latency below with it).
print(f"views' job (host-speed probe): median {statistics.median(r[0] for r in rows):.1f} ms")
for col, name in [(4, "similarity preview's job"), (6, "stitching preview's job")]:
    print(f"{name:>25}: median {statistics.median(r[col] for r in rows):6.1f} ms (-1: no preview)")
for col, name in [(2, "relative views on screen"), (3, "every view on screen"), (5, "click->sim (preview)"), (7, "click->stitch"),
                  (8, "->all methods"), (9, "->exact sim")]:
    v = [r[col] for r in rows]
    print(f"{name:>25}: median {statistics.median(v):6.1f} ms, max {max(v):6.1f} ms, {sum(x > 100 for x in v)} of {len(v)} over 100 ms")
EOF
