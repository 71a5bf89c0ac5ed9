#!/usr/bin/env bash
# `latentbridge-cli relative` (load + cosine projection on K random anchors + save) vs the equivalent NumPy
# script (np.load, normalize, matmul, np.save), same N x D float32 .npy input. Measures wall time and peak
# RSS of both with /usr/bin/time -v and prints RATIOS (goals: wall <= 0.9 x NumPy, peak memory <= 0.6 x NumPy).
# Usage: bash bench/relative_cli_vs_numpy.sh path/to/latentbridge-cli [N] [D] [K] [repeats]
# Needs /usr/bin/time (Debian package `time`) and /usr/bin/python3 with numpy. The environment is left as it
# is; OPENBLAS_CORETYPE (which NumPy's OpenBLAS honours) is reported.
set -euo pipefail
cli=$(realpath "$1")
n=${2:-100000}
d=${3:-768}
k=${4:-512}
repeats=${5:-3}
py=/usr/bin/python3
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time: apt-get install time" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$py" - "$work/x.npy" "$n" "$d" <<'EOF'
import sys
import numpy as np
n, d = int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(0)
x = np.empty((n, d), dtype=np.float32)
for i in range(0, n, 10000):  # chunked so the generator itself stays small
    x[i:i + 10000] = rng.standard_normal((min(10000, n - i), d), dtype=np.float32)
np.save(sys.argv[1], x)
EOF

cat > "$work/relative_numpy.py" <<'EOF'
import sys
import numpy as np
src, dst, k = sys.argv[1], sys.argv[2], int(sys.argv[3])
x = np.load(src)
rows = np.random.default_rng(0).choice(x.shape[0], size=k, replace=False)
a = x[rows]
a = a / np.maximum(np.linalg.norm(a, axis=1, keepdims=True), 1e-12)
xn = x / np.maximum(np.linalg.norm(x, axis=1, keepdims=True), 1e-12)
np.save(dst, (xn @ a.T).astype(np.float32))
EOF

# measure NAME CMD...: best wall time (s) and the peak RSS (kB) of that run, over $repeats runs.
measure() {
  local name=$1 best_wall=1e9 best_rss=0
  shift
  for _ in $(seq "$repeats"); do
    /usr/bin/time -v -o "$work/time.txt" "$@" > /dev/null 2> "$work/stderr.txt" || { cat "$work/stderr.txt" >&2; exit 1; }
    local wall rss
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$work/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")
    if awk "BEGIN {exit !($wall < $best_wall)}"; then best_wall=$wall; best_rss=$rss; fi
  done
  echo "$name $best_wall $best_rss"
}

echo "relative_cli_vs_numpy: N=$n D=$d K=$k, best of $repeats, OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-(unset)}, $(nproc) cores"
# Alternate the two so background load hits both alike.
ours=$(measure ours "$cli" relative "$work/x.npy" --anchors "$k" --seed 0 --out "$work/ours.npy" --quiet)
numpy=$(measure numpy "$py" "$work/relative_numpy.py" "$work/x.npy" "$work/np.npy" "$k")
read -r _ ow orss <<< "$ours"
read -r _ nw nrss <<< "$numpy"
printf "latentbridge-cli relative  wall %7.2f s  peak RSS %8.1f MB\n" "$ow" "$(awk "BEGIN {print $orss / 1024}")"
printf "numpy                      wall %7.2f s  peak RSS %8.1f MB\n" "$nw" "$(awk "BEGIN {print $nrss / 1024}")"
awk "BEGIN {printf \"RATIO wall time ours / numpy = %.3f   (goal <= 0.9)\n\", $ow / $nw}"
awk "BEGIN {printf \"RATIO peak RSS  ours / numpy = %.3f   (goal <= 0.6)\n\", $orss / $nrss}"
# Same numbers up to float rounding (different random anchors, so only shapes and ranges are compared).
"$py" -c "
import numpy as np
a, b = np.load('$work/ours.npy', mmap_mode='r'), np.load('$work/np.npy', mmap_mode='r')
assert a.shape == b.shape and a.dtype == b.dtype == np.float32, (a.shape, b.shape)
print('outputs: both', a.shape, a.dtype)
"
