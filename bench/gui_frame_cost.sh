#!/usr/bin/env bash
# Benchmark: the app's own CPU time on the bundled demo under Xvfb (Mesa's llvmpipe), with partial redraws
# (the default: only the windows that changed are drawn, unchanged frames are skipped) and with --full-redraw
# (every frame drawn whole). Measures 5 s idle and 4 anchor clicks (each until the views and both live panels
# are updated), and prints CPU ms per second idle, CPU ms per click, and the panels' times, for both, with
# their ratio. Usage: bench/gui_frame_cost.sh build/latentbridge
source "$(dirname "$0")/../tests/e2e/common.sh"
SETTLED='r["extra"]["similarity"] is not None and not r["extra"]["similarity"]["computing"] and r["extra"]["stitching"] is not None and not r["extra"]["stitching"]["computing"]'
cpu_ms() { awk '{print ($14 + $15) * 10}' "/proc/$APP_PID/stat"; }  # utime + stime, 100 ticks a second
measure() {  # measure [APP ARGS...]: prints "idle_ms_per_s click_ms similarity_ms stitching_ms"
  start_app "$@"
  wait_for "$ALL_READY and r['anchors'] == 300 and r['probe']['x'] > 0" 120
  wait_for "$SETTLED" 120
  sleep 1
  local c0 c1 sim=0 sti=0
  c0=$(cpu_ms); sleep 5; c1=$(cpu_ms)
  local idle=$(( (c1 - c0) / 5 ))
  local X0 Y0; X0=$(report 'int(r["probe"]["x"])'); Y0=$(report 'int(r["probe"]["y"])')
  c0=$(cpu_ms)
  for i in 0 1 2 3; do
    local before; before=$(report 'r["anchors"]')
    xdotool mousemove --window "$WID" $((X0 + i * 9 - 13)) "$Y0"
    sleep 0.3
    xdotool click 1
    wait_for "r['anchors'] != $before" 15
    wait_for "$ALL_READY and $SETTLED and r['extra']['stitching']['anchors'] == r['anchors']" 120
    sim=$(python3 -c "print($sim + $(report 'r["extra"]["similarity"]["ms"]'))")
    sti=$(python3 -c "print($sti + $(report 'r["extra"]["stitching"]["ms"]'))")
  done
  c1=$(cpu_ms)
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
  echo "$idle $(( (c1 - c0) / 4 )) $(python3 -c "print(round($sim / 4))") $(python3 -c "print(round($sti / 4))")"
}
read -r pi pc ps pt <<<"$(measure)"
read -r fi fc fs ft <<<"$(measure --full-redraw)"
printf "%-16s %14s %14s %16s %16s\n" mode "idle CPU ms/s" "CPU ms/click" "similarity ms" "stitching ms"
printf "%-16s %14s %14s %16s %16s\n" partial "$pi" "$pc" "$ps" "$pt"
printf "%-16s %14s %14s %16s %16s\n" "--full-redraw" "$fi" "$fc" "$fs" "$ft"
python3 -c "print('partial / full: idle %.2f, per click %.2f' % ($pi / max($fi, 1), $pc / max($fc, 1)))"
