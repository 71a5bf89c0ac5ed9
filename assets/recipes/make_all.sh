#!/usr/bin/env bash
# Regenerates every file in assets/demo/ from Debian packages only (no network besides apt).
# Deterministic: seeded PyTorch (CPU), fastText with -thread 1 -seed 0, gensim with workers=1 and
# PYTHONHASHSEED=0. Takes roughly 10-30 minutes on 2 cores. Usage: assets/recipes/make_all.sh [OUT]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../demo}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

packages=(python3-numpy python3-torch python3-gensim fasttext diatheke sword-text-web sword-text-sparv
          sword-text-kjv wordnet-base dataset-fashion-mnist)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" > /dev/null 2>&1 || missing+=("$p"); done
if [ ${#missing[@]} -gt 0 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y "${missing[@]}"
fi

export PYTHONHASHSEED=0
py=/usr/bin/python3  # Debian's interpreter: the one with numpy, torch and gensim
# The four image models train in parallel (torch thread count per model fixed in fmnist.py), then the
# manifest is written.
pids=()
for model in cnn_s0 cnn_s1 mlp ae; do
  nice -n 5 "$py" "$here/fmnist.py" "$out" "$model" & pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid"; done
"$py" "$here/fmnist.py" "$out" --manifest
nice -n 5 "$py" "$here/words.py" "$out"
nice -n 5 "$py" "$here/bible.py" "$out"
(cd "$out" && sha256sum -- *.npz *.vec > SHA256SUMS)
du -ch "$out"/* | tail -1
