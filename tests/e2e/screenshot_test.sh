#!/usr/bin/env bash
# --screenshot renders the views once data is loaded: the PNG shows several class colours (not blank).
source "$(dirname "$0")/common.sh"
check_png() {  # check_png FILE MIN_HUES: counts class colours inside the first absolute view's canvas only
  [ -s "$1" ] || fail "no screenshot written"
  local line hues rect
  rect=$(report '" ".join(str(v) for v in r["views"][0]["absolute_rect"])')
  line=$("$PY" "$E2E_DIR/png_colors.py" "$1" 40 $rect)
  echo "$1: $line"
  hues=${line%% *}
  [ "$hues" -ge "$2" ] || fail "screenshot shows only $hues class colours"
}
make_fixture "$WORK/fx" 1500
timeout 60 "$EXE" "$WORK/fx/fixture.json" --size 1200x800 --screenshot "$WORK/shot.png" --frames 3 \
  --test-report "$WORK/report.json" || fail "screenshot run failed"
check_png "$WORK/shot.png" 4
DEMO="$E2E_DIR/../../assets/demo/demo.json"
if [ -f "$DEMO" ]; then
  timeout 90 "$EXE" --size 1200x800 --screenshot "$WORK/demo.png" --frames 3 --test-report "$WORK/report.json" \
    || fail "demo screenshot failed"
  check_png "$WORK/demo.png" 4
else
  echo "demo data not generated: demo screenshot skipped"
fi
echo PASS
