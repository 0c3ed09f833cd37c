#!/usr/bin/env bash
# Lay out the freedesktop integration files under DESTDIR as a package installs them:
#   usr/share/applications/io.olchat.Desktop.desktop      (menu entry, MimeType, WM class)
#   usr/share/metainfo/io.olchat.Desktop.metainfo.xml     (AppStream: software centres)
#   usr/share/mime/packages/io.olchat.Desktop.xml         (the template file type)
#   usr/share/icons/hicolor/{16..512}/apps/io.olchat.Desktop.png and scalable/…svg
# Used by scripts/build_deb.sh and scripts/validate_desktop_files.sh (and its test).
#   bash scripts/stage_desktop_files.sh DESTDIR
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dest=${1:?usage: stage_desktop_files.sh DESTDIR}
id=io.olchat.Desktop
share="$dest/usr/share"
install -D -m 0644 "$root/resources/linux/$id.desktop" "$share/applications/$id.desktop"
install -D -m 0644 "$root/resources/linux/$id.metainfo.xml" "$share/metainfo/$id.metainfo.xml"
install -D -m 0644 "$root/resources/linux/$id.mime.xml" "$share/mime/packages/$id.xml"
for size in 16 24 32 48 64 128 256 512; do
  install -D -m 0644 "$root/resources/icons/olchat-desktop-$size.png" \
    "$share/icons/hicolor/${size}x${size}/apps/$id.png"
done
install -D -m 0644 "$root/resources/icons/olchat-desktop.svg" \
  "$share/icons/hicolor/scalable/apps/$id.svg"
