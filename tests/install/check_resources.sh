#!/usr/bin/env bash
# Validates the desktop integration files in resources/ with the freedesktop tools: the desktop
# entry, the AppStream metainfo, and the .secproj file type as shared-mime-info compiles it.
set -euo pipefail
resources=$1
id=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
    echo "resources: $*" >&2
    exit 1
}
desktop=$resources/$id.desktop
desktop-file-validate "$desktop" > "$work/desktop.log" 2>&1 || { cat "$work/desktop.log" >&2; exit 1; }
if [ -s "$work/desktop.log" ]; then cat "$work/desktop.log" >&2; fail "$desktop has hints"; fi
appstreamcli validate --no-net "$resources/$id.metainfo.xml" > "$work/metainfo.log" 2>&1 ||
    { cat "$work/metainfo.log" >&2; exit 1; }
grep -q "<launchable type=\"desktop-id\">$id.desktop</launchable>" "$resources/$id.metainfo.xml" ||
    fail "the metainfo does not launch $id.desktop"
# The type the desktop entry opens is the one the MIME package declares, for *.secproj.
type=$(sed -n 's/^MimeType=\([^;]*\);$/\1/p' "$desktop")
[ -n "$type" ] || fail "$desktop declares no MimeType"
mkdir -p "$work/mime/packages"
cp "$resources/$id.mime.xml" "$work/mime/packages/$id.xml"
update-mime-database "$work/mime" > "$work/mime.log" 2>&1 || { cat "$work/mime.log" >&2; exit 1; }
grep -q ":$type:\*\.secproj$" "$work/mime/globs2" || fail "*.secproj is not $type in globs2"
test -s "$work/mime/${type}.xml" || fail "update-mime-database wrote no $type.xml"
echo "resources: $id.desktop, .metainfo.xml and .mime.xml validate; *.secproj is $type"
