#!/usr/bin/env bash
# Runs every built fuzzer for a bounded time on a copy of its seed corpus.
# Usage: tests/fuzz/run_all.sh BUILD_DIR SECONDS_PER_FUZZER
set -euo pipefail
build=$1
seconds=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
shopt -s nullglob
fuzzers=("$build"/fuzz/*_fuzzer)
[ ${#fuzzers[@]} -gt 0 ] || { echo "no fuzzers built in $build/fuzz"; exit 1; }
for f in "${fuzzers[@]}"; do
  name=$(basename "$f" _fuzzer)
  work=$(mktemp -d)
  [ -d "$here/corpus/$name" ] && cp -r "$here/corpus/$name/." "$work/"
  echo "fuzz $name for ${seconds}s ($(ls "$work" | wc -l) seeds)"
  # -rss_limit_mb guards against a loader allocating what a lying header claims; -timeout turns an input that
  # takes more than 10 s (a loop over a dimension that holds nothing) into a failure with its input saved,
  # instead of stalling CI for libFuzzer's default 20 minutes.
  "$f" "$work" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz/$name-" 2>&1 | tail -4
  rm -rf "$work"
done
