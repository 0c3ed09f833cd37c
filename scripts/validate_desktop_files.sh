#!/usr/bin/env bash
# Validate the desktop entry, the AppStream metainfo and the MIME definition as they are
# installed (staged into a temporary folder). Needs desktop-file-utils, appstream and
# shared-mime-info (Debian packages of those names; .ci/run installs them).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
bash "$root/scripts/stage_desktop_files.sh" "$stage"
share="$stage/usr/share"
desktop-file-validate "$share/applications/io.olchat.Desktop.desktop"
# --no-net: the screenshot URLs point at the vendor's site, not reachable from CI.
appstreamcli validate --no-net "$share/metainfo/io.olchat.Desktop.metainfo.xml"
# update-mime-database refuses (exit 1) a definition that is not valid XML for its schema.
update-mime-database "$share/mime" 2>/dev/null
test -s "$share/mime/mime.cache"
echo "desktop files: desktop entry, metainfo and MIME type valid"
