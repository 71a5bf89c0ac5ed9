# Shared helpers for the GUI end-to-end tests (sourced; not a test itself).
# Each test is run as `bash tests/e2e/<name>_test.sh path/to/latentbridge`; it re-runs itself under Xvfb,
# starts the app with --test-report, drives it with xdotool and asserts on the JSON report the app writes.
set -euo pipefail
EXE=$(realpath "$1")
E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PY=/usr/bin/python3

if [ -z "${LB_E2E_INNER:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "SKIP: xvfb-run not installed"; exit 0; }
  command -v xdotool >/dev/null || { echo "SKIP: xdotool not installed"; exit 0; }
  export LB_E2E_INNER=1
  exec xvfb-run -a -s "-screen 0 1600x1000x24" bash "$0" "$@"
fi

WORK=$(mktemp -d)
# The app autosaves unsaved work for recovery; each test keeps its own folder (and never offers another's).
export LB_RECOVERY_DIR="$WORK/recovery"
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"

# fail MESSAGE: the message, then the last report without its widget rectangles (a CI log keeps the head and
# the tail of a long output, so the message is repeated last).
fail() {
  echo "FAIL: $*"
  [ -f "$WORK/report.json" ] && "$PY" -c 'import json,sys; r=json.load(open(sys.argv[1])); r.pop("items",None); print(json.dumps(r)[:6000])' "$WORK/report.json" 2>&1
  echo "FAIL: $*"
  exit 1
}

make_fixture() {  # make_fixture DIR [N] [DIMS...]
  "$PY" "$E2E_DIR/make_fixture.py" "$@"
}

start_app() {  # start_app ARGS... ; sets APP_PID and WID (LB_APP_LOG=FILE keeps the app's output there)
  rm -f "$WORK/report.json"
  "$EXE" "$@" --size 1600x1000 --test-report "$WORK/report.json" > "${LB_APP_LOG:-$WORK/app.log}" 2>&1 &
  APP_PID=$!
  WID=$(timeout 20 xdotool search --sync --name '^latentbridge$' | head -1) || fail "no latentbridge window"
}

stop_app() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

app_alive() { kill -0 "$APP_PID" 2>/dev/null; }

# wait_for 'PYTHON EXPRESSION over the report r' [SECONDS]: polls the report until the expression holds.
wait_for() {
  holds_within "$1" "${2:-30}" || fail "timed out waiting for: $1"
}

# holds_within 'PYTHON EXPRESSION over the report r' SECONDS: the same poll; a non-zero status when it never held.
holds_within() {
  local expr=$1 timeout=$2
  "$PY" - "$WORK/report.json" "$expr" "$timeout" <<'PYEOF'
import json, sys, time
path, expr, timeout = sys.argv[1], sys.argv[2], float(sys.argv[3])
end = time.time() + timeout
while time.time() < end:
    try:
        with open(path) as f:
            r = json.load(f)
        if eval(expr, {}, {"r": r}):
            sys.exit(0)
    except (OSError, ValueError):
        pass
    time.sleep(0.1)
sys.exit(1)
PYEOF
}

# report 'PYTHON EXPRESSION over r': prints its value.
report() {
  "$PY" -c 'import json,sys; r=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$WORK/report.json" "$1"
}

# frame_now: the frame the report was last written at. after_frames FRAME [N]: waits until the app has drawn N
# (default 3) frames past FRAME, so the report shows the effect of an input sent after FRAME was read (a wheel
# or a click is applied over the frames that follow it; a slow frame on a busy machine can outlast any sleep).
frame_now() { report 'r["frame"]'; }
after_frames() {
  wait_for "r['frame'] >= $1 + ${2:-3}" 30 || fail "the app drew no frame for 30 s after frame $1"
}

# Everything drawn and no job running.
ALL_READY='r["jobs_running"] == 0 and r["loads_in_flight"] == 0 and len(r["views"]) > 0 and all(v["absolute"] and v["relative"] and v["translated"] for v in r["views"])'

# click ITEM [DX]: a left click on a widget the app reported (DX pixels from its left edge, default the middle).
click() {
  local geom
  geom=$(report "' '.join(str(int(v)) for v in r['items']['$1'])") || fail "no item $1"
  read -r ix iy iw ih <<< "$geom"
  local x=$((ix + ${2:-$((iw / 2))})) y=$((iy + ih / 2))
  xdotool mousemove --window "$WID" "$x" "$y"
  sleep 0.2
  xdotool click 1
  sleep 0.4
}
# type_into ITEM TEXT: replaces a text field's content and presses Enter.
type_into() {
  click "$1" 20
  xdotool key ctrl+a
  xdotool type --delay 30 "$2"
  xdotool key Return
  sleep 0.4
}
