#!/usr/bin/env bash
# Builds latentbridge and runs every test: core and UI unit tests, CLI contract tests, GUI end-to-end
# tests under Xvfb. Extra arguments go to ctest (e.g. -R npy).
set -euo pipefail
cd "$(dirname "$0")/.."
tools/build.sh
ctest --test-dir build --output-on-failure -j "$(nproc)" "$@"
