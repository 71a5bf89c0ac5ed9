#!/usr/bin/env bash
# Formats every tracked C++ file as .clang-format says. With --check, changes nothing and fails on the first
# file that differs (CI runs it so).
set -euo pipefail
cd "$(dirname "$0")/.."
# Tracked files and new ones not yet added (ignored build folders excluded).
files() { git ls-files --cached --others --exclude-standard '*.cpp' '*.h'; }
if [ "${1:-}" = "--check" ]; then
  files | xargs clang-format --dry-run -Werror
else
  files | xargs clang-format -i
fi
