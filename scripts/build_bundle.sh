#!/usr/bin/env bash
# Build the one-folder bundle with PyInstaller, print its size, run its smoke test
# offscreen and print the frozen start-up time. Fails when the smoke test fails.
#   bash scripts/build_bundle.sh           windowed build: dist/olchat-desktop/
#   OLCHAT_BUILD_DEBUG=1 bash scripts/build_bundle.sh   console build: dist/olchat-desktop-debug/
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet -e ".[build]"
name=olchat-desktop
[ "${OLCHAT_BUILD_DEBUG:-0}" = 1 ] && name=olchat-desktop-debug
.venv/bin/pyinstaller --noconfirm --log-level WARN build.spec
bundle="dist/$name"
size_mb=$(du -sm "$bundle" | cut -f1)
echo "bundle: $bundle is ${size_mb} MB (goal <= 150 MB)"
export QT_QPA_PLATFORM=offscreen
start=$(date +%s%N)
"$bundle/$name" --smoke-test
end=$(date +%s%N)
echo "bundle: frozen smoke test took $(( (end - start) / 1000000 )) ms in all"
if [ "$size_mb" -gt 150 ]; then
  echo "bundle: over the 150 MB goal" >&2
fi
