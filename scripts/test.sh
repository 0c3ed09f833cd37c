#!/usr/bin/env bash
# Set up (once) and run the whole test suite: lint, types, then pytest. When gnome-keyring
# and D-Bus are installed, pytest runs inside a private D-Bus session with an unlocked
# throwaway keyring so the keyring tests talk to a real Secret Service.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ ! -f .venv/.installed-test ] || [ pyproject.toml -nt .venv/.installed-test ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch .venv/.installed-test
fi
export PATH="$PWD/.venv/bin:$PATH"

echo "== ruff"
ruff check olchat_desktop tests benchmarks
ruff format --check olchat_desktop tests benchmarks
echo "== import-linter (layers, Qt-free core, no cycles: .importlinter)"
lint-imports --config .importlinter --no-cache  # a stale cache once hid a cycle a clean checkout reports
echo "== mypy (whole package; strict on core)"
mypy olchat_desktop

echo "== pytest"
export QT_QPA_PLATFORM=offscreen
if command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  keyring_home=$(mktemp -d)
  runtime_dir=$(mktemp -d)
  chmod 700 "$runtime_dir"
  export OLCHAT_REAL_KEYRING=1
  # A throwaway HOME and XDG_RUNTIME_DIR: without them gnome-keyring-daemon hangs.
  HOME="$keyring_home" XDG_RUNTIME_DIR="$runtime_dir" dbus-run-session -- sh -c \
    'echo -n ci-pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"' \
    sh pytest "$@"
else
  echo "(gnome-keyring or dbus-run-session missing: keyring tests will skip)"
  pytest "$@"
fi
