#!/usr/bin/env bash
# Builds the .deb (CPack, as `make package` does), checks that apt can satisfy its dependencies,
# unpacks it into a temporary root and runs the installed programs from there: the command-line
# tool, its man page and completion, the ready projects, the docs, and the studio offscreen.
# With SECATEUR_TEST_DPKG=1 (CI, as root) it also installs the package with dpkg -i, runs the
# programs from /usr/bin and removes it again.
set -euo pipefail
build=$1
id=$2
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$root/package" > "$root/package.log" ||
    { cat "$root/package.log" >&2; exit 1; }
deb=$(ls "$root"/package/secateur-studio_*.deb)
dpkg-deb --field "$deb" Depends | grep -q libtorch || { echo "install: $deb lacks libtorch" >&2; exit 1; }
# apt resolves every dependency against the packages it knows (installed or in its lists).
apt-get install --simulate --no-install-recommends "$deb" > "$root/apt.log" 2>&1 ||
    { cat "$root/apt.log" >&2; echo "install: apt cannot install $deb" >&2; exit 1; }
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
    for file in "applications/$id.desktop" "metainfo/$id.metainfo.xml" "mime/packages/$id.xml" \
        icons/hicolor/256x256/apps/secateur-studio.png; do
        test -s "$share/$file" || { echo "install: $share/$file is missing" >&2; exit 1; }
    done
    (cd "$root" && QT_QPA_PLATFORM=offscreen OMP_NUM_THREADS=1 \
        "$bin/secateur-studio" --screenshot "$root/shot.png" --after 1 2> "$root/studio.log") ||
        { cat "$root/studio.log" >&2; exit 1; }
    test -s "$root/shot.png"
fi
echo "install: the programs of $(basename "$deb") run from an unpacked root"
[ "${SECATEUR_TEST_DPKG:-0}" = 1 ] || exit 0
[ "$(id -u)" -eq 0 ] || { echo "install: SECATEUR_TEST_DPKG=1 needs root" >&2; exit 1; }
if dpkg-query -W secateur-studio > /dev/null 2>&1; then
    echo "install: secateur-studio is already installed on this system; dpkg -i not tried" >&2
    exit 1
fi
trap 'dpkg -r secateur-studio > /dev/null 2>&1 || true; rm -rf "$root"' EXIT
dpkg -i "$deb" > "$root/dpkg.log" 2>&1 || { cat "$root/dpkg.log" >&2; exit 1; }
/usr/bin/secateur --version | grep -q "^secateur [0-9]"
/usr/bin/secateur info --zoo ds_cnn | grep -q "^total"
if [ -x /usr/bin/secateur-studio ]; then
    /usr/bin/secateur-studio --version | grep -q "^secateur-studio [0-9]"
    # dpkg's triggers registered the file type.
    grep -q ":application/x-secateur-project:\*\.secproj$" /usr/share/mime/globs2 ||
        { echo "install: *.secproj is not registered after dpkg -i" >&2; exit 1; }
fi
dpkg -r secateur-studio > "$root/dpkg-remove.log" 2>&1 || { cat "$root/dpkg-remove.log" >&2; exit 1; }
test ! -e /usr/bin/secateur || { echo "install: dpkg -r left /usr/bin/secateur" >&2; exit 1; }
echo "install: dpkg -i installed $(basename "$deb"); its programs ran from /usr/bin; dpkg -r removed it"
