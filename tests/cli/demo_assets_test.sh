#!/usr/bin/env bash
# Shipped demo data (assets/demo): every file exists, matches the sha256 recorded in SHA256SUMS and
# MODELS.json, and `latentbridge-cli info --json` reads each space with the expected N x D.
# Usage: bash tests/cli/demo_assets_test.sh path/to/latentbridge-cli   (no training, a few seconds)
set -uo pipefail
cli="$1"
demo="$(cd "$(dirname "$0")/../../assets/demo" && pwd)"
passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { echo "FAIL: $*"; failed=$((failed + 1)); }

# file  N  D  (the shapes the recipes in assets/recipes produce)
expected=(
  "fmnist_cnn_s0.npz 10000 64"
  "fmnist_cnn_s1.npz 10000 64"
  "fmnist_mlp.npz 10000 128"
  "fmnist_ae.npz 10000 32"
  "words_ft_skipgram.vec 5000 100"
  "words_ft_cbow.vec 5000 100"
  "words_w2v.vec 5000 100"
  "bible_nt_en.npz 7948 100"
  "bible_nt_es.npz 7948 100"
)
heads=(fmnist_cnn_s0_head.npz fmnist_cnn_s1_head.npz fmnist_mlp_head.npz fmnist_ae_head.npz)

# 1. Presence and checksums.
for f in MODELS.json demo.json SHA256SUMS; do
  [ -s "$demo/$f" ] && ok || fail "missing $demo/$f"
done
for entry in "${expected[@]}"; do
  read -r f _ _ <<< "$entry"
  grep -q " $f\$" "$demo/SHA256SUMS" && ok || fail "$f is not listed in SHA256SUMS"
done
for f in "${heads[@]}"; do
  grep -q " $f\$" "$demo/SHA256SUMS" && ok || fail "$f is not listed in SHA256SUMS"
done
if (cd "$demo" && sha256sum --quiet -c SHA256SUMS); then ok; else fail "sha256 mismatch (see above)"; fi
# MODELS.json records the same digest for every file ("name": "digest").
while read -r sum f; do
  grep -q "\"$f\": \"$sum\"" "$demo/MODELS.json" && ok || fail "MODELS.json does not record $f with sha256 $sum"
done < "$demo/SHA256SUMS"
# demo.json (what the app opens with no arguments) names files that exist.
for f in $(grep -o '"[A-Za-z0-9_]*\.npz"' "$demo/demo.json" | tr -d '"'); do
  [ -f "$demo/$f" ] && ok || fail "demo.json names $f, which does not exist"
done

# 2. The loaders read every space with the expected shape.
for entry in "${expected[@]}"; do
  read -r f n d <<< "$entry"
  json="$("$cli" info --json "$demo/$f" 2>&1)"
  if [ $? -ne 0 ]; then
    fail "info --json $f failed: $json"
    continue
  fi
  got_n="$(grep -o '"n":[0-9]*' <<< "$json" | head -1 | cut -d: -f2)"
  got_d="$(grep -o '"d":[0-9]*' <<< "$json" | head -1 | cut -d: -f2)"
  [ "$got_n" = "$n" ] && [ "$got_d" = "$d" ] && ok || fail "$f: info reports ${got_n}x${got_d}, expected ${n}x${d}"
  case "$f" in
    fmnist_*) grep -q '"has_images":true' <<< "$json" && ok || fail "$f: no images" ;;
    bible_*) grep -q '"has_texts":true' <<< "$json" && ok || fail "$f: no texts" ;;
  esac
  case "$f" in
    *.npz) grep -q '"has_keys":true' <<< "$json" && grep -q '"has_labels":true' <<< "$json" && ok \
             || fail "$f: keys or labels missing" ;;
  esac
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
