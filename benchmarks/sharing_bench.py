"""Benchmark: syncing a shared folder of 1,000 templates (issue 19 budgets).

Budgets: a sync with nothing changed costs at most 3 HTTP requests (one folder listing
page set, batched), and with 100 changed at most 10. Both the client and the sandbox keep
the standard rate limit (2/s, burst 50). Printed for each case: REST requests counted by
the client and seen by the portal, download GETs, and the median time of a few runs;
the baseline, measured in the same run, lists the same folder one page per request.

Downloads are counted apart: Disk's REST API returns no file content, so every file that
changed on the portal is one GET of its DOWNLOAD_URL (not a REST call, and not counted by
the portal's leaky bucket), unless a sync bundle written by the pushing sync holds its
current content (``sharing.bundles``: one GET for all of them). Local edits go up in
batches of 50 ``uploadversion``s, plus one upload of the bundle when 10 or more files went
up.

Run: ``python -m benchmarks.sharing_bench``. Not a test: timings vary with the machine.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.disk import DiskClient
from olchat_desktop.core.template import Template
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sharing.engine import SharedLibrarySync
from olchat_desktop.sharing.folders import ensure_default_folder
from olchat_desktop.sharing.report import SyncReport
from olchat_desktop.sharing.state import SyncState
from olchat_desktop.storage.library import TemplateLibrary

TEMPLATES = 1000
CHANGED = 100
RUNS = 3


class _App:
    def __init__(self, home: Path, webhook: str) -> None:
        self.library = TemplateLibrary(home / "library.sqlite3")
        self.state = SyncState(home / "shared_sync.sqlite3")
        self.client = BitrixClient(WebhookAuth(webhook))
        self.disk = DiskClient(self.client)
        ensure_default_folder(self.state, self.disk, "bench")

    def sync(self) -> SyncReport:
        return SharedLibrarySync(self.library, self.state, self.disk, "bench").sync()


def _timed(sandbox: Sandbox, app: _App) -> tuple[SyncReport, float, int]:
    before = len(sandbox.request_log)
    start = time.perf_counter()
    report = app.sync()
    elapsed = time.perf_counter() - start
    seen = sum(1 for _m, path in sandbox.request_log[before:] if path.startswith("/rest/"))
    assert not report.errors, report.errors
    return report, elapsed, seen


def _line(label: str, report: SyncReport, elapsed: float, seen: int) -> str:
    return (
        f"{label:>28}: {report.requests} REST requests ({seen} seen by the portal), "
        f"{report.downloads} downloads, {report.moved_count} moved, {elapsed * 1000:.0f} ms"
    )


def main() -> None:
    with Sandbox() as sandbox, tempfile.TemporaryDirectory() as tmp:
        a = _App(Path(tmp) / "a", sandbox.webhook_url("admin"))
        b = _App(Path(tmp) / "b", sandbox.webhook_url("manager"))
        templates = [
            Template(name=f"Шаблон {i:04}", message=f"Текст {i}") for i in range(TEMPLATES)
        ]
        ids = [t.id for t in a.library.add_many(templates)]
        SharedLibrarySync(a.library, a.state, a.disk, "bench").share(ids)
        setup = time.perf_counter()
        up = a.sync()
        down = b.sync()
        print(
            f"setup: {len(up.moved['uploaded'])} uploaded in {up.requests} requests, "
            f"{len(down.moved['added_local'])} pulled with {down.downloads} downloads, "
            f"{time.perf_counter() - setup:.1f} s"
        )
        sandbox.clock.advance(5)  # files older than the 1 s UPDATE_TIME resolution

        quiet = [_timed(sandbox, b) for _ in range(RUNS)]
        report, _e, seen = quiet[-1]
        quiet_median = statistics.median(t for _r, t, _s in quiet)
        print(_line("nothing changed (B)", report, quiet_median, seen) + " median")

        for tid in ids[:CHANGED]:
            template = a.library.get(tid)
            a.library.save(template.model_copy(update={"message": template.message + " ✓"}))
        print(_line(f"{CHANGED} edited here (A pushes)", *_timed(sandbox, a)))
        sandbox.clock.advance(5)
        print(_line(f"{CHANGED} edited there (B pulls)", *_timed(sandbox, b)))
        sandbox.clock.advance(5)

        # Baseline: the same listing, one page per request.
        folder = b.state.folder("bench")
        assert folder is not None
        times = []
        for _ in range(RUNS):
            start, pages = time.perf_counter(), 0
            offset: int | None = 0
            while offset is not None:
                envelope = b.client.call(
                    "disk.folder.getchildren", {"id": folder.folder_id, "start": offset}
                )
                pages += 1
                offset = envelope.next
            times.append(time.perf_counter() - start)
        baseline = statistics.median(times)
        print(
            f"{'baseline, page by page':>28}: {pages} REST requests, "
            f"median {baseline * 1000:.0f} ms; quiet sync / baseline time ratio: "
            f"{quiet_median / baseline:.2f}x"
        )
        for app in (a, b):
            app.disk.close()
            app.client.close()


if __name__ == "__main__":
    main()
