#!/usr/bin/env bash
# Runs clang-tidy (.clang-tidy at the root) over the engine, widgets and app sources, or the files given.
# GCC's precompiled header flags are replaced by a plain include of the same header for clang.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD:-build}
db=$(mktemp -d)
trap 'rm -rf "$db"' EXIT
sed -e 's#-include [^ ]*cmake_pch.hxx#-include '"$PWD"'/engine/torch_pch.h#g' -e 's#-Winvalid-pch##g' \
    "$build/compile_commands.json" > "$db/compile_commands.json"
files=("$@")
[ ${#files[@]} -gt 0 ] || mapfile -t files < <(find engine widgets app -name '*.cpp' | sort)
status=0
for f in "${files[@]}"; do
    echo "clang-tidy $f"
    clang-tidy -quiet -p "$db" "$f" 2>/dev/null || status=1
done
exit $status
