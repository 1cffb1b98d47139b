#!/usr/bin/env bash
# Builds the .deb (CPack, as `make package` does), unpacks it into a temporary root and runs the
# installed programs from there: the command-line tool, its man page and completion, the ready
# projects, the docs, and the studio offscreen.
set -euo pipefail
build=$1
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$root/package" > "$root/package.log" ||
    { cat "$root/package.log" >&2; exit 1; }
deb=$(ls "$root"/package/secateur-studio_*.deb)
dpkg-deb --field "$deb" Depends | grep -q libtorch || { echo "install: $deb lacks libtorch" >&2; exit 1; }
dpkg-deb -x "$deb" "$root/fs"
bin=$root/fs/usr/bin
share=$root/fs/usr/share
export XDG_CONFIG_HOME=$root/config XDG_DATA_HOME=$root/data XDG_CACHE_HOME=$root/cache
export SECATEUR_CACHE=$root/cache/secateur
"$bin/secateur" --version | grep -q "^secateur [0-9]"
"$bin/secateur" zoo | grep -q "^ds_cnn"
"$bin/secateur" info --zoo ds_cnn | grep -q "^total"
for file in man/man1/secateur.1 bash-completion/completions/secateur secateur/projects/kws.json \
    doc/secateur-studio/README.md doc/secateur-studio/LICENSE; do
    test -s "$share/$file" || { echo "install: $share/$file is missing" >&2; exit 1; }
done
if [ -x "$bin/secateur-studio" ]; then
    "$bin/secateur-studio" --version | grep -q "^secateur-studio [0-9]"
    test -s "$share/applications/secateur-studio.desktop"
    (cd "$root" && QT_QPA_PLATFORM=offscreen OMP_NUM_THREADS=1 \
        "$bin/secateur-studio" --screenshot "$root/shot.png" --after 1 2> "$root/studio.log") ||
        { cat "$root/studio.log" >&2; exit 1; }
    test -s "$root/shot.png"
fi
echo "install: the programs of $(basename "$deb") run from an unpacked root"
