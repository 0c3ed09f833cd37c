"""Library scale benchmark (``python -m benchmarks.library_scale_bench``): the same app with
200 and with 20,000 templates, built in the same run; printed medians, p99s and ratios,
not a test (issue 15).

1. Import: a bundle file of N realistic templates (Russian text of 80-700 characters,
   tags, a few with problems) imported into an empty library through
   ``storage.library_import`` (the app's streamed import) — this also builds the two
   libraries. Goal: 20,000 in <= 2 s; wall and CPU time are printed (the machine is
   shared). Then the checking pass the app runs in the background after an import
   (``storage.library_checking``: statuses and the search index), timed on its own.
2. Switch selection: 400 clicks on other rows of the sidebar (among the first 300), each
   timed from the selection change to the template loaded in the editor (synchronous),
   and with the repaint after it. Goal: p99 <= 16 ms and <= 2x the 200 figure.
3. Search as you type: "шаблон 12 скидк" typed key by key, then erased; per key, the
   time the GUI thread is busy with the key, and the time from the query being issued
   to its rows being in the list. Goal: p99 <= 50 ms.
4. Start-up: a fresh process through ``cli.main`` to the first painted window (the
   probe of ``ui_bench``), and its peak RSS; median of ``RUNS`` each, interleaved. Goal:
   the 20,000 figures <= 1.2x the 200 ones.

``--sizes 200,2000`` and ``--runs 3`` make a quicker run.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from olchat_desktop.app import STARTUP_PROBE_ENV

SIZES = (200, 20_000)
RUNS = 7
SWITCHES = (
    400  # p99 of 400 is the 4th slowest: one preemption on a loaded machine does not decide it
)
TYPED = "шаблон 12 скидк"

_APP = """
from olchat_desktop.cli import main
main(["--lang", "en"])
"""

_TEXT = (
    "Здравствуйте, {{Имя}}! Ваш заказ готов к выдаче. Скидка недели на доставку курьером "
    "для постоянных клиентов магазина. Подтвердите запись к врачу на завтра или выберите "
    "другое время. Спасибо, что выбрали нас! *Акция* действует до конца месяца, _успейте_."
)
_WORDS = _TEXT.split()
_TAGS = [f"клиент-{n:02d}" for n in range(30)] + ["акции", "записи", "доставка", "отзывы"]


def template_entry(n: int, rng: random.Random) -> dict[str, Any]:
    """One bundle entry; every 13th has an error (a too long button), every 7th a
    warning (no line): the status column has something to show."""
    length = rng.randint(80, 700)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(_WORDS))
    buttons = ["Да", "Нет"] if n % 13 else ["Да, подтверждаю запись", "Нет"]
    return {
        "format": "olchat-button-template",
        "version": 1,
        "name": f"Шаблон {n:05d} {rng.choice(_WORDS).strip(',.!')}",
        "line": "" if n % 7 == 0 else "Основная линия",
        "phone": "{=Document:PHONE}",
        "header": f"Заказ №{n}" if n % 3 else "",
        "message": " ".join(words),
        "footer": "Магазин «Ромашка»" if n % 2 else "",
        "buttons": buttons,
        "wait_for_reply": bool(n % 2),
        "tags": rng.sample(_TAGS, k=rng.randint(0, 3)),
        "samples": {"{{Имя}}": "Анна"},
    }


def write_bundle(path: Path, count: int) -> int:
    rng = random.Random(15)
    bundle = {
        "format": "olchat-button-template-bundle",
        "version": 1,
        "templates": [template_entry(n, rng) for n in range(count)],
    }
    path.write_text(json.dumps(bundle, ensure_ascii=False, indent=1), encoding="utf-8")
    return path.stat().st_size


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(len(ordered) * fraction) - 1))]


def import_library(home: Path, count: int) -> dict[str, float]:
    """Import ``count`` templates, then run the checking pass; seconds of each."""
    from olchat_desktop.storage.library import TemplateLibrary
    from olchat_desktop.storage.library_checking import check_pending
    from olchat_desktop.storage.library_import import import_path

    bundle = home / "bundle.json"
    size = write_bundle(bundle, count)
    with TemplateLibrary(home / "library.sqlite3") as library:
        started, cpu = time.perf_counter(), time.process_time()
        import_path(library, bundle)
        elapsed, cpu = time.perf_counter() - started, time.process_time() - cpu
        started = time.perf_counter()
        check_pending(library.path)
        checked = time.perf_counter() - started
    bundle.unlink()
    return {"import": elapsed, "import_cpu": cpu, "check": checked, "bundle_mb": size / 2**20}


# -- in-process: switching and searching ------------------------------------------------


def _open_window(home: Path) -> Any:
    from PySide6.QtWidgets import QApplication

    from olchat_desktop.storage.library import TemplateLibrary
    from olchat_desktop.storage.settings import AppSettings, SettingsStore
    from olchat_desktop.ui.main_window import MainWindow

    window = MainWindow(
        TemplateLibrary(home / "library.sqlite3"),
        AppSettings(),
        SettingsStore(home / "settings.json"),
    )
    window.show()
    for _ in range(5):
        QApplication.processEvents()
    return window


def _row_count(listing: Any) -> int:
    count = getattr(listing, "count", None)
    return int(count()) if callable(count) else int(listing.model().rowCount())


def _select_row(listing: Any) -> Callable[[int], None]:
    """The sidebar before issue 15 was a QListWidget; after it, a QListView on a model."""
    if hasattr(listing, "setCurrentRow"):
        return lambda row: listing.setCurrentRow(row)
    return lambda row: listing.setCurrentIndex(listing.model().index(row, 0))


def switching(window: Any) -> tuple[list[float], list[float]]:
    from PySide6.QtWidgets import QApplication

    listing = window.libraryView.templateList
    select = _select_row(listing)
    rows = min(300, _row_count(listing))
    rng = random.Random(1)
    loaded, painted = [], []
    for _ in range(SWITCHES):
        row = rng.randrange(rows)
        started = time.perf_counter()
        select(row)
        loaded.append((time.perf_counter() - started) * 1000)
        QApplication.processEvents()
        painted.append((time.perf_counter() - started) * 1000)
    return loaded, painted


def searching(window: Any) -> tuple[list[float], list[float]]:
    """Per key: GUI-thread time of the key, and query-to-rows time (the controller's
    ``search_finished`` signal carries it; before issue 15 the search ran inside the key)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    _NO_MODIFIER = Qt.KeyboardModifier.NoModifier
    controller = window.libraryController
    box = window.libraryView.templateSearch
    box.setFocus()
    queries: list[float] = []
    signal = getattr(controller, "search_finished", None)
    if signal is not None:
        signal.connect(lambda ms: queries.append(float(ms)))
    keys: list[float] = []
    for _ in range(3):
        strokes: list[Any] = list(TYPED) + [Qt.Key.Key_Backspace] * len(TYPED)
        for key in strokes:
            started = time.perf_counter()
            if isinstance(key, str):  # QTest's key clicks assert on non-ASCII text
                for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                    QApplication.sendEvent(box, QKeyEvent(kind, 0, _NO_MODIFIER, key))
            else:
                QTest.keyClick(box, key)
            keys.append((time.perf_counter() - started) * 1000)
            # Typing speed of a fast typist: about 12 keys a second.
            deadline = time.perf_counter() + 0.08
            while time.perf_counter() < deadline:
                QApplication.processEvents()
                time.sleep(0.002)
        deadline = time.perf_counter() + 2.0
        while time.perf_counter() < deadline and _row_count(window.libraryView.templateList) == 0:
            QApplication.processEvents()
    return keys, (queries if signal is not None else keys)


def in_process(home: Path) -> dict[str, list[float]]:
    from PySide6.QtWidgets import QApplication

    window = _open_window(home)
    loaded, painted = switching(window)
    keys, queries = searching(window)
    window.close()
    window.library.close()
    window.deleteLater()
    QApplication.processEvents()
    return {"switch": loaded, "switch_painted": painted, "keys": keys, "queries": queries}


# -- start-up in fresh processes ---------------------------------------------------------


def _spawn(env: dict[str, str]) -> tuple[float, int]:
    started = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _APP], env=env, check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[-2]) - started, int(out[-1])


def startup(homes: dict[int, Path], runs: int) -> dict[int, tuple[float, int]]:
    envs = {}
    for size, home in homes.items():
        env = {**os.environ, "OLCHAT_DESKTOP_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
        env[STARTUP_PROBE_ENV] = "1"
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(next(iter(homes.values())) / "pycache")
        # A configured profile: not demo mode (no sandbox start, no seeding).
        (home / "profiles.json").write_text('{"lines": [{"name": "Основная линия"}]}')
        envs[size] = env
        _spawn(env)  # warm-up: bytecode cache, file cache
    samples: dict[int, list[tuple[float, int]]] = {size: [] for size in homes}
    for _ in range(runs):
        for size, env in envs.items():
            samples[size].append(_spawn(env))
    return {
        size: (statistics.median(t for t, _ in got), max(r for _, r in got))
        for size, got in samples.items()
    }


def _p(values: list[float]) -> str:
    return f"p50 {statistics.median(values):.1f} ms, p99 {percentile(values, 0.99):.1f} ms"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    parser.add_argument("--runs", type=int, default=RUNS)
    args = parser.parse_args(argv if argv is not None else [])
    sizes = [int(size) for size in args.sizes.split(",")]
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from olchat_desktop.app import ensure_application
    from olchat_desktop.ui import i18n

    ensure_application(["olchat-desktop"])
    i18n.install_language("en")
    with tempfile.TemporaryDirectory() as tmp:
        homes = {size: Path(tmp) / f"lib{size}" for size in sizes}
        results: dict[int, dict[str, Any]] = {}
        for size, home in homes.items():
            home.mkdir()
            results[size] = dict(import_library(home, size))
            seconds = results[size]["import"]
            db = home / "library.sqlite3"
            results[size].update(in_process(home))
            results[size]["db_mb"] = db.stat().st_size / 2**20
            print(
                f"{size:>6} templates: import {seconds:.2f} s"
                f" ({results[size]['bundle_mb']:.1f} MB bundle), {_p(results[size]['switch'])}"
                " per switch",
                flush=True,
            )
        for size, (seconds, rss) in startup(homes, args.runs).items():
            results[size]["startup"], results[size]["rss"] = seconds, rss
    small, large = results[sizes[0]], results[sizes[-1]]
    print()
    for size in sizes:
        got = results[size]
        print(f"--- {size} templates (library {got['db_mb']:.1f} MiB)")
        print(
            f"  import: {got['import']:.2f} s ({got['import_cpu']:.2f} s CPU) for a"
            f" {got['bundle_mb']:.1f} MB bundle; then checked in the background in"
            f" {got['check']:.2f} s"
        )
        print(f"  switch selection -> editor loaded: {_p(got['switch'])}")
        print(f"    with the repaint: {_p(got['switch_painted'])}")
        print(f"  search, GUI thread per key: {_p(got['keys'])}")
        print(f"  search, query -> rows listed: {_p(got['queries'])}")
        print(f"  start-up to first paint: median {got['startup'] * 1000:.0f} ms")
        print(f"  peak RSS: {got['rss'] / 1024:.0f} MiB")
    ratio = percentile(large["switch"], 0.99) / percentile(small["switch"], 0.99)
    print(f"\nratios {sizes[-1]} vs {sizes[0]}:")
    print(f"  switch p99 {ratio:.2f}x (goal <= 16 ms and <= 2x)")
    print(f"  search p99 {percentile(large['queries'], 0.99):.1f} ms (goal <= 50 ms)")
    print(f"  start-up {large['startup'] / small['startup']:.2f}x (goal <= 1.2x)")
    print(f"  peak RSS {large['rss'] / small['rss']:.2f}x (goal <= 1.2x)")
    print(
        f"  import {large['import']:.2f} s, {large['import_cpu']:.2f} s CPU (goal <= 2 s);"
        f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
