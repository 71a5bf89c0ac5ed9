#!/usr/bin/env bash
# Builds latentbridge and launches it; with no arguments it opens the bundled demo in assets/demo.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/build.sh
exec ./build/latentbridge "$@"
