#!/usr/bin/env bash
# Formats every tracked C++ file as .clang-format says. With --check, changes nothing and fails on the first
# file that differs (CI runs it so).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = "--check" ]; then
  git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run -Werror
else
  git ls-files '*.cpp' '*.h' | xargs clang-format -i
fi
