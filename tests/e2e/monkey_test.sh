#!/usr/bin/env bash
# A seeded monkey: about a minute of random clicks, drags (plain, shift = box, alt = lasso), wheel turns and keys
# all over the window, on a small session. The app must stay alive and keep answering. LB_MONKEY_SEED picks the
# sequence (default 1); LB_MONKEY_ACTIONS its length (default 300).
source "$(dirname "$0")/common.sh"
make_fixture "$WORK/fx" 400
start_app "$WORK/fx/fixture.json"
wait_for "$ALL_READY and r['anchors'] == 20" 40
"$PY" - "${LB_MONKEY_SEED:-1}" "${LB_MONKEY_ACTIONS:-300}" > "$WORK/actions.txt" <<'PYEOF'
import random, sys
rng = random.Random(int(sys.argv[1]))
W, H = 1600, 1000
# No Ctrl+Q: with nothing unsaved it quits, which is not a crash.
keys = ["ctrl+z", "ctrl+shift+z", "ctrl+y", "m", "F11", "ctrl+o", "Escape", "Return", "Tab", "ctrl+s", "ctrl+r",
        "ctrl+shift+s", "a", "1", "BackSpace", "Delete", "Up", "Down", "space"]
for _ in range(int(sys.argv[2])):
    x, y = rng.randrange(W), rng.randrange(H)
    kind = rng.random()
    if kind < 0.45:
        print(f"mousemove --window $WID {x} {y} click {rng.choice([1, 1, 1, 3])}")
    elif kind < 0.65:
        x2, y2 = min(W - 1, max(0, x + rng.randint(-300, 300))), min(H - 1, max(0, y + rng.randint(-300, 300)))
        mod = rng.choice(["", "shift", "alt"])
        down = f"keydown {mod} " if mod else ""
        up = f" keyup {mod}" if mod else ""
        print(f"mousemove --window $WID {x} {y} {down}mousedown 1 mousemove --window $WID {x2} {y2} mouseup 1{up}")
    elif kind < 0.8:
        print(f"mousemove --window $WID {x} {y} click {rng.choice([4, 5])}")
    elif kind < 0.85:
        print(f"mousemove --window $WID {x} {y} click --repeat 2 1")
    else:
        print(f"key {rng.choice(keys)}")
PYEOF
n=0
while read -r action; do
  eval "xdotool $action" 2>/dev/null || true
  sleep 0.08
  n=$((n + 1))
  if [ $((n % 50)) -eq 0 ]; then app_alive || fail "the app died after $n actions (seed ${LB_MONKEY_SEED:-1})"; fi
done < "$WORK/actions.txt"
sleep 1
app_alive || fail "the app died (seed ${LB_MONKEY_SEED:-1})"
# Still answering: the report keeps being written.
before=$(report 'r["frame"]')
xdotool key Escape
sleep 1
wait_for "r['frame'] != $before" 10
app_alive || fail "the app died at the end"
echo "PASS ($n actions)"
