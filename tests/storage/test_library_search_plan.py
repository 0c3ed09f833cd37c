"""Search's two-step plan (issue 15): a bounded walk in the list's order first, the FTS5
pre-filter only beyond it. It must list exactly what the one-query plan lists, in every
order, across pages, with rows still waiting for the checking pass, and for words the
trigram index cannot hold (under three characters)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from olchat_desktop.storage import library_listing as listing
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_checking import check_pending
from olchat_desktop.storage.library_import import import_path
from olchat_desktop.storage.library_listing import SORTS, ListQuery, ListRow

WORDS = ["скидка", "Ёлка", "доставка", "запись", "отзыв", "12", "ок", "Zebra", "ß"]


@pytest.fixture
def library(tmp_path: Path) -> Iterator[TemplateLibrary]:
    rng = random.Random(5)
    templates = [
        {
            "name": f"{rng.choice(WORDS)} {n:03d}",
            "message": " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4))),
            "line": "" if n % 4 == 0 else "Линия",
            "buttons": ["Да"] if n % 6 else [],
            "tags": [rng.choice(["а", "б"])],
        }
        for n in range(120)
    ]
    bundle = tmp_path / "bundle.json"
    document = {"format": "olchat-button-template-bundle", "templates": templates}
    bundle.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    lib = TemplateLibrary(tmp_path / "library.sqlite3")
    import_path(lib, bundle)
    yield lib
    lib.close()


def one_query(library: TemplateLibrary, query: ListQuery) -> list[ListRow]:
    """Every matching row through the plain plan (the FTS5 pre-filter in one query)."""
    with library._transaction("DEFERRED") as conn:
        fts = listing.has_search_index(conn)
        return listing._page(conn, query, None, None, None, fts)


def paged(library: TemplateLibrary, query: ListQuery, size: int) -> list[ListRow]:
    """Every matching row as the sidebar reads them: page after page."""
    rows: list[ListRow] = []
    while True:
        got = library.list_page(query, rows[-1] if rows else None, size)
        rows += got
        if len(got) < size:
            return rows


QUERIES = ["ёлка", "12", "ок", "скидка 1", "zebra ок", "SS", "запись отзыв", "нет такого"]


@pytest.mark.parametrize("window", [7, 50, 4000])
def test_two_steps_list_what_one_query_lists(
    library: TemplateLibrary, monkeypatch: pytest.MonkeyPatch, window: int
) -> None:
    monkeypatch.setattr(listing, "SCAN_WINDOW", window)
    for checked in (False, True):
        if checked:
            check_pending(library.path)
        for text in QUERIES:
            for sort in SORTS:
                for tag in (None, "а"):
                    query = ListQuery(text, tag, sort)
                    expected = one_query(library, query)
                    assert paged(library, query, 9) == expected, (text, sort, tag, checked)
                    assert library.list_page(query, None, 5) == expected[:5]
    assert any(one_query(library, ListQuery(text)) for text in QUERIES)


def test_the_fts_step_is_used_beyond_the_window(
    library: TemplateLibrary, monkeypatch: pytest.MonkeyPatch
) -> None:
    check_pending(library.path)
    monkeypatch.setattr(listing, "SCAN_WINDOW", 10)
    used: list[tuple[object, ...] | None] = []
    original = listing._page

    def spy(*args: object) -> list[ListRow]:
        used.append(args[2])  # type: ignore[arg-type]
        return original(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(listing, "_page", spy)
    rows = library.list_page(ListQuery("скидка"), None, 200)
    assert rows and used and used[0] is not None  # after the window's last row
    used.clear()
    library.list_page(ListQuery("ок"), None, 1)  # found in the window: no second step
    assert used == []
