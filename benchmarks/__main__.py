"""All budgets in one command: ``python -m benchmarks`` (or ``bash scripts/bench.sh``).

Runs every benchmark, each measuring its own baseline in the same run (a bare PySide6
window, a raw httpx POST to the same sandbox) and printing medians and ratios, then the
one-folder bundle's size when ``dist/olchat-desktop`` exists (``scripts/build_bundle.sh``
builds it). Not a test: the machines are shared and noisy, so nothing here passes or fails.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

BENCHMARKS = (
    ("core: parse + count + validate per keystroke", "benchmarks.core_bench"),
    ("ui: keystroke latency, start-up and memory vs a bare PySide6 window", "benchmarks.ui_bench"),
    ("bitrix: client overhead vs raw httpx, 5,000 contacts listed", "benchmarks.bitrix_bench"),
    ("robots: audit of 500 templates, requests and rate limit", "benchmarks.robots_bench"),
    ("fields: catalogue of 4 entities and fill-from-item requests", "benchmarks.fields_bench"),
    ("dry run: requests, items/s, memory 20,000 vs 2,000", "benchmarks.dry_run_bench"),
    ("sharing: sync of 1,000 shared templates, requests per case", "benchmarks.sharing_bench"),
    ("sharing: sidebar pages at 20,000, team joined", "benchmarks.team_sidebar_bench"),
    ("library at 200 vs 20,000 templates", "benchmarks.library_scale_bench"),
    ("fields: the Insert field picker filtering 2,000 fields", "benchmarks.field_picker_bench"),
)  # fmt: skip
BUNDLE = Path(__file__).resolve().parent.parent / "dist" / "olchat-desktop"
BUNDLE_GOAL_MB = 150


def bundle_size_mb(folder: Path) -> float:
    # Links (PyInstaller links Qt's libraries into place) would count their target twice.
    files = (path for path in folder.rglob("*") if path.is_file() and not path.is_symlink())
    return sum(path.stat().st_size for path in files) / 2**20


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for title, module in BENCHMARKS:
        print(f"\n=== {title}", flush=True)
        importlib.import_module(module).main()
        sys.stdout.flush()
    print("\n=== bundle")
    if BUNDLE.is_dir():
        size = bundle_size_mb(BUNDLE)
        print(f"one-folder bundle: {size:.0f} MB (goal <= {BUNDLE_GOAL_MB} MB)")
    else:
        print("no bundle in dist/: run `bash scripts/build_bundle.sh` first")
    return 0


if __name__ == "__main__":
    sys.exit(main())
