#!/usr/bin/env bash
# Reproduction report: runs latentbridge-cli on the shipped demo data (assets/demo) and writes
# docs/reproduction.md and the "Reproduction" section of README.md (between the lines
# <!-- reproduction:begin --> and <!-- reproduction:end -->; generated, never edit them by hand).
# Raw JSON answers go to bench/out/reproduce/.
# Usage: bench/reproduce.sh [path/to/latentbridge-cli] [output.md] [README.md]   (a few minutes on 2 cores)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cli="${1:-$root/build/latentbridge-cli}"
report="${2:-$root/docs/reproduction.md}"
readme="${3:-$root/README.md}"
demo="$root/assets/demo"
raw="$root/bench/out/reproduce"
mkdir -p "$raw"
: > "$raw/progress.log"
[ -x "$cli" ] || { echo "no latentbridge-cli at $cli (build it first)"; exit 1; }

run() {  # run NAME ARGS...: one JSON answer per experiment
  local name="$1"; shift
  echo "  $name"
  "$cli" "$@" --json > "$raw/$name.json" 2>> "$raw/progress.log"
}

echo "the demo session as the app opens it"
run demo_session_stitch stitch --session "$demo/demo.json"
run demo_session_compare compare --session "$demo/demo.json"

echo "image stitching (Fashion-MNIST test set, logistic and ridge heads, 300 random anchors, seed 0)"
for pair in cnn_s0:cnn_s1 cnn_s1:cnn_s0 mlp:cnn_s0 cnn_s0:mlp ae:cnn_s0 cnn_s0:ae; do
  src="${pair%%:*}"; tgt="${pair##*:}"
  run "stitch_${src}_${tgt}" stitch "$demo/fmnist_$src.npz" "$demo/fmnist_$tgt.npz" --anchors 300 --seed 0 \
      --head logistic --curve 10,30,100,300,1000
  run "stitch_${src}_${tgt}_ridge" stitch "$demo/fmnist_$src.npz" "$demo/fmnist_$tgt.npz" --anchors 300 --seed 0
  run "stitch_${src}_${tgt}_ownhead" stitch "$demo/fmnist_$src.npz" "$demo/fmnist_$tgt.npz" --anchors 300 \
      --seed 0 --head "$demo/fmnist_${tgt}_head.npz"
done

echo "relative stitching: whitened similarity and class-prototype anchors (logistic head, 300 anchors, seed 0)"
"$cli" anchors "$demo/fmnist_cnn_s0.npz" --strategy prototypes --count 300 --seed 0 \
    --out "$raw/fmnist_prototypes_300.txt" --quiet 2>> "$raw/progress.log"
for pair in ae:cnn_s0 cnn_s1:cnn_s0 mlp:cnn_s0; do
  src="${pair%%:*}"; tgt="${pair##*:}"
  run "stitch_${src}_${tgt}_whitened" stitch "$demo/fmnist_$src.npz" "$demo/fmnist_$tgt.npz" --anchors 300 \
      --seed 0 --head logistic --similarity whitened
  run "stitch_${src}_${tgt}_prototypes" stitch "$demo/fmnist_$src.npz" "$demo/fmnist_$tgt.npz" \
      --anchors "$raw/fmnist_prototypes_300.txt" --seed 0 --head logistic
  run "stitch_${src}_${tgt}_prototypes_whitened" stitch "$demo/fmnist_$src.npz" "$demo/fmnist_$tgt.npz" \
      --anchors "$raw/fmnist_prototypes_300.txt" --seed 0 --head logistic --similarity whitened
  for sim in cosine whitened; do
    run "compare_${src}_${tgt}_relative_${sim}" compare "$demo/fmnist_$src.npz" "$demo/fmnist_$tgt.npz" \
        --space relative --anchors 300 --seed 0 --similarity "$sim"
  done
done

echo "word embeddings (5,000 shared words, 300 random anchors, seed 0)"
for pair in ft_skipgram:w2v ft_cbow:w2v ft_skipgram:ft_cbow; do
  a="${pair%%:*}"; b="${pair##*:}"
  for space in absolute relative translated; do
    run "words_${a}_${b}_${space}" compare "$demo/words_$a.vec" "$demo/words_$b.vec" --space "$space" \
        --anchors 300 --seed 0 --queries 0
  done
  run "words_${a}_${b}_relative_centered" compare "$demo/words_$a.vec" "$demo/words_$b.vec" --space relative \
      --transform center --anchors 300 --seed 0 --queries 0
done

echo "English-Spanish verses (New Testament, 300 random parallel anchors, seed 0)"
for space in absolute relative translated; do
  run "bible_en_es_${space}" compare "$demo/bible_nt_en.npz" "$demo/bible_nt_es.npz" --space "$space" \
      --anchors 300 --seed 0 --queries 0
done
run "bible_en_es_relative_centered" compare "$demo/bible_nt_en.npz" "$demo/bible_nt_es.npz" --space relative \
    --transform center --anchors 300 --seed 0 --queries 0
run "bible_en_es_translate" translate "$demo/bible_nt_en.npz" "$demo/bible_nt_es.npz" --anchors 300 --seed 0
# ASIF retrieval: the gallery is every non-anchor Spanish verse, so top-1 must not depend on the query count.
run "bible_en_es_asif_1000" asif "$demo/bible_nt_en.npz" "$demo/bible_nt_es.npz" --anchors 1000 --seed 0 \
    --max-queries 1000
run "bible_en_es_asif_all" asif "$demo/bible_nt_en.npz" "$demo/bible_nt_es.npz" --anchors 1000 --seed 0 \
    --max-queries 0
# The Retrieval panel's four routes (absolute, relative, translated, ASIF) on one set of anchors and candidates.
run "bible_en_es_routes" asif "$demo/bible_nt_en.npz" "$demo/bible_nt_es.npz" --anchors 1000 --seed 0 \
    --max-queries 0 --routes

echo "representational similarity measures (ReSi), Fashion-MNIST pairs, 300 random anchors left out, seed 0"
for tgt in cnn_s1 mlp ae; do
  for space in absolute relative; do
    run "measures_cnn_s0_${tgt}_${space}" compare "$demo/fmnist_cnn_s0.npz" "$demo/fmnist_$tgt.npz" --space "$space" \
        --anchors 300 --seed 0 --measures all
  done
done

echo "bootstrapped anchors (100 discovered pairs from a seed of 10, 30 or 100 true pairs, 4 rounds, seed 0)"
for pair in cnn_s1:cnn_s0 mlp:cnn_s0; do
  src="${pair%%:*}"; tgt="${pair##*:}"
  for k in 10 30 100; do
    run "bootstrap_${src}_${tgt}_${k}" bootstrap "$demo/fmnist_$src.npz" "$demo/fmnist_$tgt.npz" --seed-anchors "$k" \
        --target-count 100 --seed 0
  done
done

echo "an atlas of three charts (cnn_s0 on classes 0-4, cnn_s1 on classes 5-9, the MLP on a third of the images)"
/usr/bin/python3 "$root/bench/make_chart_demo.py" "$demo" "$raw/charts"
run atlas_fmnist merge "$raw/charts/cnn_s0_classes_0-4.npz" "$raw/charts/cnn_s1_classes_5-9.npz" \
    "$raw/charts/mlp_third.npz" --anchors "$raw/charts/anchors.txt" --seed 0 --reference "$demo/fmnist_mlp.npz"

/usr/bin/python3 "$root/bench/reproduce_report.py" "$raw" "$report" "$readme"
echo "wrote $report and the reproduction section of $readme"
