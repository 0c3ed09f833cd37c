#!/usr/bin/env bash
# Build a Debian package from the PyInstaller bundle (bash scripts/build_bundle.sh first):
#   /opt/olchat-desktop/            the one-folder bundle
#   /usr/bin/olchat-desktop         launcher (a symlink; the bundle finds itself through it)
#   /usr/share/applications, metainfo, mime/packages, icons/hicolor   (stage_desktop_files.sh)
# Output: dist/olchat-desktop_<version>_<arch>.deb
#
#   bash scripts/build_deb.sh                  build the .deb
#   bash scripts/build_deb.sh --install-test   build, then (as root) install it with apt-get,
#                                              run /usr/bin/olchat-desktop --smoke-test
#                                              offscreen, remove it with dpkg -r and check
#                                              that none of its files is left
#
# Tool: plain `dpkg-deb --build` with a generated control file. It is part of dpkg, so on
# every Debian and Ubuntu machine already, and it is all a prebuilt folder needs: debhelper
# would want a source package and a build that PyInstaller already did, and fpm would add
# Ruby to CI. The menu, MIME and icon caches are refreshed by the dpkg triggers of
# desktop-file-utils, shared-mime-info and hicolor-icon-theme, so no maintainer scripts.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bundle=dist/olchat-desktop
if [ ! -x "$bundle/olchat-desktop" ]; then
  echo "build_deb: no bundle in $bundle; run: bash scripts/build_bundle.sh" >&2
  exit 1
fi
name=olchat-desktop
version=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
arch=$(dpkg --print-architecture)
deb="dist/${name}_${version}_${arch}.deb"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
pkg="$stage/$name"
install -d -m 0755 "$pkg/opt/$name" "$pkg/usr/bin" "$pkg/DEBIAN"
cp -a "$bundle/." "$pkg/opt/$name/"
ln -s "/opt/$name/$name" "$pkg/usr/bin/$name"
bash scripts/stage_desktop_files.sh "$pkg"
# Normal permissions whatever the build machine's umask was.
find "$pkg" -type d -exec chmod 0755 {} +
find "$pkg/opt" -type f -exec chmod u+rw,go+r,go-w {} +
installed_kb=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)

cat > "$pkg/DEBIAN/control" <<EOF
Package: $name
Version: $version
Architecture: $arch
Maintainer: OLChat <support@olchat.io>
Installed-Size: $installed_kb
Depends: libc6, libegl1, libgl1, libfontconfig1, libfreetype6, libdbus-1-3, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-xkb1
Suggests: gnome-keyring | kwalletmanager, fonts-noto-color-emoji
Section: utils
Priority: optional
Homepage: https://docs.olchat.io/
Description: WhatsApp button messages for Bitrix24 automation through OLChat
 Design, validate and test the Bitrix24 robot that sends WhatsApp button
 messages through OLChat: live character counters, a preview that looks like
 the customer's phone, test sends, and portal connections whose secrets live
 only in the system keyring.
EOF

dpkg-deb --root-owner-group -Zxz --build "$pkg" "$deb" >/dev/null
echo "build_deb: $deb ($(du -m "$deb" | cut -f1) MB, ${installed_kb} KB installed)"

if [ "${1:-}" != "--install-test" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "build_deb: --install-test installs a package: run it as root (CI)" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -q --no-install-recommends "./$deb"
files=$(dpkg -L "$name")
test -L /usr/bin/$name
test -f /usr/share/applications/io.olchat.Desktop.desktop
test -f /usr/share/icons/hicolor/scalable/apps/io.olchat.Desktop.svg
# The MIME trigger ran: the template type is in the system database.
grep -q "application/x-olchat-template" /usr/share/mime/globs2
QT_QPA_PLATFORM=offscreen /usr/bin/$name --smoke-test
dpkg -r "$name"
left=0
while IFS= read -r path; do
  # Directories such as /usr/share/icons belong to other packages too; files must go.
  if [ -e "$path" ] && [ ! -d "$path" ] || [ -L "$path" ]; then
    echo "build_deb: left after dpkg -r: $path" >&2
    left=1
  fi
done <<< "$files"
if [ -e "/opt/$name" ]; then
  echo "build_deb: left after dpkg -r: /opt/$name" >&2
  left=1
fi
if grep -q "application/x-olchat-template" /usr/share/mime/globs2; then
  echo "build_deb: the template MIME type is still registered after dpkg -r" >&2
  left=1
fi
[ "$left" = 0 ] && echo "build_deb: installed, smoke-tested from /usr/bin and removed cleanly"
exit "$left"
