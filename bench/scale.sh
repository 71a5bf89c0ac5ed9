#!/usr/bin/env bash
# Scale benchmark: every analysis command of latentbridge-cli at the size of real data (100k or 1M rows of
# 768-d float32) against the NumPy script a competent user would write for the same work
# (bench/scale_numpy/*_twin.py, each saying what it computes). Per command, R runs of each, alternated so that
# background load hits both alike; /usr/bin/time -v gives wall time and peak RSS. Prints a Markdown table
# (min / median / max wall, median peak RSS, ratios of medians ours / NumPy) against the goals: wall <= 0.8x,
# peak memory <= 0.6x NumPy.
#
# Usage: bash bench/scale.sh [options] path/to/latentbridge-cli [N [R]]
#   N               rows of each space (default 100000; 1000000 for the large run), R runs each (default 3)
#   --data DIR      keep the generated spaces in DIR and reuse them on the next run with the same N (default:
#                   a temporary folder, removed at the end; 1M rows are 3 GB per space, 9 GB in all)
#   --load          a busy loop occupies one core during every run (a neighbour on a shared 2-core host)
#   --verbose       print each command's reported numbers, ours beside NumPy's
#   --commands LIST a comma-separated subset of relative,pca,translate,stitch,compare (its relative column),
#                   compare_absolute, compare_translated
#   --app EXE       also open the three spaces in the app (EXE = path/to/latentbridge) under Xvfb and report
#                   its load time and anchor-click latencies (bench/gui_anchor_latency.sh)
# Needs /usr/bin/time (Debian package `time`) and /usr/bin/python3 with numpy. The environment is left as it
# is (both sides use both cores: OpenMP in ours, OpenBLAS threads in NumPy); OPENBLAS_CORETYPE is reported.
#
# The data (bench/scale_numpy/make_spaces.py): A holds 10 labelled gaussian clusters, B = A R_B + noise and
# C = A R_C + noise (R random orthogonal), matched by row index, labels from a .json sidecar beside each .npy.
# They are generated, never committed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
twins=$here/scale_numpy
py=/usr/bin/python3
K=300

data= load=0 verbose=0 app= commands=relative,pca,translate,stitch,compare
args=()
while [ $# -gt 0 ]; do
  case $1 in
    --data) data=$2; shift 2 ;;
    --load) load=1; shift ;;
    --verbose) verbose=1; shift ;;
    --commands) commands=$2; shift 2 ;;
    --app) app=$(realpath "$2"); shift 2 ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) args+=("$1"); shift ;;
  esac
done
[ ${#args[@]} -ge 1 ] || { echo "usage: bash bench/scale.sh [options] path/to/latentbridge-cli [N [R]]" >&2; exit 1; }
cli=$(realpath "${args[0]}")
n=${args[1]:-100000}
repeats=${args[2]:-3}
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time: apt-get update && apt-get install -y time" >&2; exit 1; }

work=$(mktemp -d)
busy_pid=
cleanup() {
  [ -n "$busy_pid" ] && kill "$busy_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
if [ -z "$data" ]; then data=$work/data; fi
mkdir -p "$data"
data=$(realpath "$data")

# Reused only when made by this generator with the same parameters: a stale or partial set would silently
# change every number.
stamp="n=$n d=768 seed=0 $(sha1sum < "$twins/make_spaces.py" | cut -c1-12)"
if [ "$(cat "$data/stamp" 2>/dev/null)" != "$stamp" ]; then
  echo "generating 3 x $n x 768 float32 in $data ..." >&2
  rm -f "$data/stamp"
  "$py" "$twins/make_spaces.py" "$data" "$n" 768 0
  echo "$stamp" > "$data/stamp"
fi
A=$data/A.npy B=$data/B.npy

if [ "$load" = 1 ]; then
  # One core kept busy for the whole benchmark, at normal priority, by a shell loop (no child processes).
  ( while :; do :; done ) &
  busy_pid=$!
fi

# run SIDE CMD... : one run under /usr/bin/time -v; appends "wall_s rss_kB" to $work/SIDE.times and keeps the
# command's stdout (its reported numbers) in $work/SIDE.json.
run() {
  local side=$1
  shift
  /usr/bin/time -v -o "$work/time.txt" "$@" > "$work/$side.json" 2> "$work/stderr.txt" ||
    { echo "failed: $*" >&2; cat "$work/stderr.txt" >&2; exit 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s}
              /Maximum resident set size/ {r = $2} END {print w, r}' "$work/time.txt" >> "$work/$side.times"
}

# The two command lines of one benchmark, by name.
ours_cmd() {
  case $1 in
    relative) echo "$cli relative $A --anchors $K --out $work/ours_out.npy --json --quiet" ;;
    pca) echo "$cli pca $A --out $work/ours_out.npy --json --quiet" ;;
    translate) echo "$cli translate $A $B --anchors $K --out $work/ours_out.npy --json --quiet" ;;
    stitch) echo "$cli stitch $A $B --anchors $K --head ridge --json --quiet" ;;
    compare) echo "$cli compare $A $B --space relative --anchors $K --json --quiet" ;;
    compare_absolute) echo "$cli compare $A $B --space absolute --anchors $K --json --quiet" ;;
    compare_translated) echo "$cli compare $A $B --space translated --anchors $K --json --quiet" ;;
  esac
}
numpy_cmd() {
  case $1 in
    relative) echo "$py $twins/relative_twin.py $A $K $work/np_out.npy" ;;
    pca) echo "$py $twins/pca_twin.py $A $work/np_out.npy" ;;
    translate) echo "$py $twins/translate_twin.py $A $B $K $work/np_out.npy" ;;
    stitch) echo "$py $twins/stitch_twin.py $A $B $K" ;;
    compare) echo "$py $twins/compare_twin.py $A $B $K" ;;
    compare_absolute) echo "$py $twins/compare_twin.py $A $B $K absolute" ;;
    compare_translated) echo "$py $twins/compare_twin.py $A $B $K translated" ;;
  esac
}

load_note=$([ "$load" = 1 ] && echo ", one core busy (--load)" || echo "")
echo "## scale: N = $n x 768 float32, K = $K anchors, $repeats runs each$load_note"
echo
echo "$(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(unset)}, $(date -u +%Y-%m-%d)"
echo
echo "| command | ours wall s (min / median / max) | NumPy wall s (min / median / max) | wall ours/NumPy (goal ≤ 0.8) | ours peak RSS MB | NumPy peak RSS MB | memory ours/NumPy (goal ≤ 0.6) |"
echo "|---|---|---|---|---|---|---|"
for name in ${commands//,/ }; do
  rm -f "$work/ours.times" "$work/numpy.times"
  # shellcheck disable=SC2046  # the command lines hold no spaces inside their words
  for _ in $(seq "$repeats"); do
    run ours $(ours_cmd "$name")
    run numpy $(numpy_cmd "$name")
  done
  rm -f "$work/ours_out.npy" "$work/np_out.npy"
  "$py" - "$name" "$work/ours.times" "$work/numpy.times" <<'EOF'
import statistics, sys
name, ours, numpy = sys.argv[1], *[[list(map(float, l.split())) for l in open(p)] for p in sys.argv[2:]]
def walls(runs):
    w = sorted(r[0] for r in runs)
    return f"{w[0]:.2f} / {statistics.median(w):.2f} / {w[-1]:.2f}"
med = lambda runs, i: statistics.median(r[i] for r in runs)
wall = med(ours, 0) / med(numpy, 0)
mem = med(ours, 1) / med(numpy, 1)
mark = lambda ratio, goal: f"**{ratio:.2f}×** {'met' if ratio <= goal else 'not met'}"
print(f"| `{name}` | {walls(ours)} | {walls(numpy)} | {mark(wall, 0.8)} | {med(ours, 1) / 1024:.0f} | "
      f"{med(numpy, 1) / 1024:.0f} | {mark(mem, 0.6)} |")
EOF
  # The numbers both reported (last run): they differ only by the random anchors, split and query samples
  # each side drew. Any beyond a loose tolerance is named; --verbose prints them all.
  "$py" - "$name" "$work/ours.json" "$work/numpy.json" "$verbose" >&2 <<'EOF'
import json, sys
name, ours, numpy, verbose = sys.argv[1], json.load(open(sys.argv[2])), json.load(open(sys.argv[3])), sys.argv[4] == "1"
def flat(d, prefix=""):
    for key, v in d.items():
        if isinstance(v, dict):
            yield from flat(v, prefix + key + ".")
        elif isinstance(v, list) and v and all(isinstance(x, (int, float)) for x in v):
            for i, x in enumerate(v):
                yield f"{prefix}{key}[{i}]", x
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            yield prefix + key, v
o, p = dict(flat(ours)), dict(flat(numpy))
shared = [k for k in p if k in o]
# Values that depend on the anchors drawn, not just the data: compared loosely.
far = [k for k in shared if abs(o[k] - p[k]) > 0.03 + 0.05 * abs(p[k])]
if verbose:
    print(f"  {name}: {'number':<32} {'ours':>14} {'numpy':>14}")
    for k in shared:
        print(f"  {name}: {k:<32} {o[k]:14.6g} {p[k]:14.6g}{'   <- differs' if k in far else ''}")
if far:
    print(f"  {name}: WARNING: ours and NumPy differ on " + ", ".join(f"{k} ({o[k]:.4g} vs {p[k]:.4g})" for k in far))
EOF
done

if [ -n "$app" ]; then
  # The app on the three spaces: a session with 300 random anchors and both analysis panels open, driven by
  # gui_anchor_latency.sh (load time, then 8 anchor clicks). Under --load the script's own neighbour replaces
  # the busy loop (LB_NEIGHBOUR_LOAD=1: one core busy all the time).
  neighbour=
  if [ -n "$busy_pid" ]; then
    kill "$busy_pid"
    busy_pid=
    neighbour=1
  fi
  cat > "$data/scale_session.json" <<JSON
{"format": "latentbridge-session", "version": 2, "spaces": ["$A", "$B", "$data/C.npy"], "reference": 0,
 "anchors": {"strategy": "random", "count": $K, "seed": 0}, "layout": {"open_panels": ["similarity", "stitching"]}}
JSON
  echo
  echo "### app: the three spaces in latentbridge (Xvfb, llvmpipe)"
  echo
  echo '```'
  LB_APP_ARGS="$data/scale_session.json" LB_READY_TIMEOUT=$((120 + n / 500)) LB_NEIGHBOUR_LOAD=$neighbour \
    bash "$here/gui_anchor_latency.sh" "$app"
  echo '```'
fi
