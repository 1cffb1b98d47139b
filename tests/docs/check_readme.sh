#!/usr/bin/env bash
# Runs the commands of the README's "The command-line tool in five minutes" section, in order, in
# a temporary folder (with the repository's projects/ beside them), then its Python lines.
# Usage: check_readme.sh SOURCE_DIR BIN_DIR PYTHON
set -euo pipefail
source_dir=$1
bin=$2
python=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
readme=$source_dir/README.md
# The section's fenced blocks: the first sh block and the first python block.
block() {
    awk -v lang="$1" '
        /^## The command-line tool in five minutes/ { inside = 1; next }
        inside && /^## / { exit }
        inside && !done && $0 == "```" lang { copying = 1; next }
        copying && $0 == "```" { copying = 0; done = 1; next }
        copying { print }
    ' "$readme"
}
commands=$(block sh | sed -e ':join' -e '/\\$/{N;s/\\\n//;b join}' -e 's/ \{2,\}# .*$//')
[ -n "$commands" ] || { echo "readme: no sh block in the five-minute section of $readme" >&2; exit 1; }
ln -s "$source_dir/projects" "$work/projects"
count=0
while IFS= read -r line; do
    [ -n "$line" ] || continue
    case $line in
        build/bin/*) ;;
        *) echo "readme: '$line' does not run a program of build/bin" >&2; exit 1 ;;
    esac
    count=$((count + 1))
    echo "readme: $line"
    (cd "$work" && eval "$bin/${line#build/bin/}") > "$work/output.log" 2>&1 ||
        { cat "$work/output.log" >&2; echo "readme: failed: $line" >&2; exit 1; }
done <<< "$commands"
code=$(block python)
[ -n "$code" ] || { echo "readme: no python block in the five-minute section" >&2; exit 1; }
(cd "$work" && "$python" -c "$code") > "$work/python.log" 2>&1 ||
    { cat "$work/python.log" >&2; echo "readme: the Python lines failed" >&2; exit 1; }
cat "$work/python.log"
echo "readme: $count commands and the Python lines ran"
