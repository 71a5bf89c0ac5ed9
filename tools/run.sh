#!/usr/bin/env bash
# Builds the latentbridge app alone (tests and benchmarks are built by tools/test.sh) and launches it; with no
# arguments it opens the bundled demo in assets/demo.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/build.sh --app
exec ./build/latentbridge "$@"
