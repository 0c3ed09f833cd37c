#!/usr/bin/env bash
# Every budget in one run: benchmarks print medians and ratios against baselines they
# measure themselves (see benchmarks/__main__.py). Not part of the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/test.sh --co -q >/dev/null
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m benchmarks "$@"
