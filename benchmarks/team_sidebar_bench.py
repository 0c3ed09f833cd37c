"""Benchmark: the sidebar's pages at 20,000 templates with the team library joined in
(issue 19: "the list must stay instant at 20,000 templates").

A library of 20,000 templates, 5,000 of them shared (their sync state in a separate
``shared_sync.sqlite3``, ATTACHed and LEFT JOINed into the page query by
``storage.library_team``). Printed: the median time of the first page and of a page
20 pages deep, for All / Local / Shared in name order, against the same pages without
the team library (the baseline, measured in the same run), and the ratio. Also the
All/Shared counts query and the after-sync states query (both one statement).

Run: ``python -m benchmarks.team_sidebar_bench``. Not a test: timings vary with the
machine.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.sharing.state import Entry, SyncState
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_listing import PAGE_SIZE, ListQuery
from olchat_desktop.storage.library_team import TeamScope

TEMPLATES = 20_000
SHARED = 5_000
RUNS = 15
DEEP = 20  # pages


def _median_ms(work: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _first_page(library: TemplateLibrary, query: ListQuery) -> Callable[[], object]:
    return lambda: library.list_page(query, None, PAGE_SIZE)


def _deep_page(library: TemplateLibrary, query: ListQuery) -> Callable[[], object]:
    rows = library.list_page(query, None, PAGE_SIZE * DEEP)
    after = rows[-1] if rows else None
    return lambda: library.list_page(query, after, PAGE_SIZE)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        library = TemplateLibrary(home / "library.sqlite3")
        start = time.perf_counter()
        drafts = library.add_many_drafts(
            [TemplateDraft(name=f"Шаблон {n:05d}", message=f"Текст {n}") for n in range(TEMPLATES)]
        )
        state = SyncState(home / "shared_sync.sqlite3")
        entries = []
        for draft in drafts[::4][:SHARED]:
            entry = Entry.new(draft.id, "synced")
            entry.updated_by = 2
            entries.append(entry)
        state.put_many("bench", entries)
        state.set_user_names("bench", {2: "Иван Менеджеров"})
        state.close()
        print(f"setup: {TEMPLATES} templates, {SHARED} shared, {time.perf_counter() - start:.1f} s")
        scope = TeamScope(str(home / "shared_sync.sqlite3"), "bench")

        base_first = _median_ms(lambda: library.list_page(ListQuery(), None, PAGE_SIZE))
        base_deep = _median_ms(_deep_page(library, ListQuery()))
        print(
            f"{'baseline (no team library)':>28}: first page {base_first:.2f} ms, "
            f"page {DEEP} {base_deep:.2f} ms"
        )
        for sharing in ("all", "local", "shared"):
            query = ListQuery(sharing=sharing, team=scope)
            first = _median_ms(_first_page(library, query))
            deep = _median_ms(_deep_page(library, query))
            print(
                f"{sharing + ' (team joined)':>28}: first page {first:.2f} ms "
                f"({first / base_first:.2f}x), page {DEEP} {deep:.2f} ms "
                f"({deep / base_deep:.2f}x)"
            )
        counts = _median_ms(lambda: library.team_counts(scope))
        infos = _median_ms(lambda: library.team_infos(scope))
        print(
            f"{'counts / after-sync states':>28}: {counts:.2f} ms / {infos:.2f} ms "
            f"(one query each, {SHARED} shared)"
        )
        library.close()


if __name__ == "__main__":
    main()
