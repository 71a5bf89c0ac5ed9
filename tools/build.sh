#!/usr/bin/env bash
# Configures and builds latentbridge in ./build (Release, Ninja). `--app` builds the desktop app alone (what
# tools/run.sh needs: no tests, no benchmarks); without it everything is built. Other arguments go to cmake's
# configure.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=()
if [ "${1:-}" = "--app" ]; then
  targets=(--target latentbridge)
  shift
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" > build.log 2>&1 || { cat build.log; exit 1; }
cmake --build build -j "$(nproc)" "${targets[@]}"
