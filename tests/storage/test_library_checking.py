"""The checking pass after a bulk import (issue 15): imported rows wait as "not yet
checked", the pass gives them the status and search-index entry a save would have, and
edits, deletes and cancels during it never leave the index out of step with the table."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from olchat_desktop.cancel import CancelToken, TaskCancelled
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage.library import ListQuery, TemplateLibrary
from olchat_desktop.storage.library_checking import Checked, check_pending
from olchat_desktop.storage.library_import import import_path
from olchat_desktop.storage.library_schema import search_text
from olchat_desktop.storage.library_status import STATUS_PENDING, status_of


def entry(n: int) -> dict[str, Any]:
    return {
        "name": f"Шаблон {n:04d}",
        "line": "" if n % 3 == 0 else "Линия",  # every third: a warning
        "phone": "79991234567",
        "message": f"Ёлка номер {n}" if n % 5 else "",  # every fifth: an error
        "buttons": ["Да", "Нет"],
        "tags": [f"тег{n % 4}"],
    }


def imported(tmp_path: Path, count: int) -> TemplateLibrary:
    bundle = tmp_path / "bundle.json"
    templates = [entry(n) for n in range(count)]
    document = {"format": "olchat-button-template-bundle", "version": 1, "templates": templates}
    bundle.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    library = TemplateLibrary(tmp_path / "library.sqlite3")
    import_path(library, bundle)
    return library


def index_consistent(path: Path) -> bool:
    """FTS5's own check of an external-content index against its table (every row: so
    only once no row is pending)."""
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "INSERT INTO template_search (template_search, rank) VALUES ('integrity-check', 1)"
        )
        return True
    except sqlite3.DatabaseError:
        return False
    finally:
        conn.close()


def stored(path: Path) -> dict[str, tuple[int | None, str, str]]:
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT name, status, search_text, body FROM templates").fetchall()
    conn.close()
    return {name: (status, text, body) for name, status, text, body in rows}


def names(library: TemplateLibrary, text: str) -> list[str]:
    return [row.name for row in library.list_page(ListQuery(text), None, None)]


def test_imported_rows_wait_then_get_what_a_save_would_give(tmp_path: Path) -> None:
    library = imported(tmp_path, 60)
    path = library.path
    assert library.pending_count() == 60
    assert {status for status, _text, _body in stored(path).values()} == {STATUS_PENDING}
    assert library.stats().by_status["pending"] == 60
    # Listed at once (name order, dots neutral) and found by text already: search folds
    # the text of a row not yet checked on the fly.
    assert len(library.list_page(ListQuery(), None, None)) == 60
    before = names(library, "ЁЛКА номер")
    assert len(before) == 48
    assert library.search_summaries("ёлка номер 17")[0].name == "Шаблон 0017"
    batches: list[tuple[list[Checked], int]] = []
    assert check_pending(path, on_batch=lambda b, left: batches.append((b, left)), batch=25) == 60
    assert [len(b) for b, _left in batches] == [25, 25, 10]
    assert [left for _b, left in batches] == [35, 10, 0]
    for name, (status, text, body) in stored(path).items():
        data = json.loads(body)
        assert status == status_of(data), name
        assert text == search_text(name, data), name
    assert library.pending_count() == 0
    stats = library.stats().by_status
    assert stats["pending"] == 0 and stats["errors"] == 12 and stats["unknown"] == 0
    # The same rows now, from the stored text and the index.
    assert names(library, "ЁЛКА номер") == before
    assert names(library, "номер 17") == ["Шаблон 0017"]
    assert index_consistent(path)
    library.close()


def test_a_template_saved_before_the_pass_keeps_its_save(tmp_path: Path) -> None:
    library = imported(tmp_path, 10)
    row = library.list_page(ListQuery(), None, 1)[0]
    draft = library.get_draft(row.id)
    library.save_draft(draft.replace(message="Другой текст про сосны"))
    assert names(library, "сосны") == [draft.name]  # indexed by the save itself
    assert check_pending(library.path) == 9  # the saved one is not checked again
    assert names(library, "сосны") == [draft.name]
    assert names(library, "ёлка") and draft.name not in names(library, "ёлка")
    assert index_consistent(library.path)
    library.close()


def test_deleting_unchecked_templates_keeps_the_index_sound(tmp_path: Path) -> None:
    library = imported(tmp_path, 10)
    rows = library.list_page(ListQuery(), None, None)
    library.delete_many([rows[0].id, rows[1].id])
    library.purge(rows[0].id)
    assert check_pending(library.path) == 9  # the trashed one too; the purged one is gone
    library.empty_trash()
    assert index_consistent(library.path)
    assert len(names(library, "ёлка")) == 7  # 2..9, less 5 (no message)
    library.close()


def test_a_cancelled_pass_stops_between_batches_and_the_next_one_finishes(
    tmp_path: Path,
) -> None:
    library = imported(tmp_path, 30)
    token = CancelToken()

    def stop_after_first(batch: list[Checked], _left: int) -> None:
        token.cancel()

    with pytest.raises(TaskCancelled):
        check_pending(library.path, token, stop_after_first, batch=10)
    assert library.pending_count() == 20  # one whole batch done, nothing half-done
    assert len(names(library, "ёлка")) == 24  # checked or not: 30 less six with no message
    assert check_pending(library.path) == 20
    assert library.pending_count() == 0 and index_consistent(library.path)
    library.close()


def test_a_damaged_row_gets_no_status_and_the_pass_ends(tmp_path: Path) -> None:
    library = imported(tmp_path, 3)
    conn = sqlite3.connect(library.path)
    conn.execute("UPDATE templates SET body = '[1, 2]' WHERE name = 'Шаблон 0001'")
    conn.commit()
    conn.close()
    assert check_pending(library.path) == 3
    assert stored(library.path)["Шаблон 0001"][0] is None
    assert library.stats().by_status["unknown"] == 1
    assert index_consistent(library.path)
    library.close()


def test_seeding_few_templates_checks_them_at_once(tmp_path: Path) -> None:
    with TemplateLibrary(tmp_path / "library.sqlite3") as library:
        library.add_many_drafts([TemplateDraft(name="Ёлка", message="Текст")])
        assert library.pending_count() == 0
        assert names(library, "ёлка") == ["Ёлка"]


def test_a_schema_3_library_gets_the_pending_aware_triggers(tmp_path: Path) -> None:
    from olchat_desktop.storage.library_schema import MIGRATIONS

    path = tmp_path / "library.sqlite3"
    conn = sqlite3.connect(path, isolation_level=None)
    for migration in MIGRATIONS[:3]:
        migration(conn)
    conn.execute("PRAGMA user_version = 3")
    conn.close()
    with TemplateLibrary(path) as library:
        first = library.create_draft(TemplateDraft(name="Ёлка", message="Зимний текст"))
        bundle = tmp_path / "bundle.json"
        document = {"format": "olchat-button-template-bundle", "templates": [entry(1)]}
        bundle.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        import_path(library, bundle)
        assert library.pending_count() == 1
        library.save_draft(first.replace(message="Летний текст"))
        assert check_pending(library.path) == 1
        assert names(library, "летний") == ["Ёлка"] and names(library, "зимний") == []
        assert names(library, "номер 1") == ["Шаблон 0001"]
    assert index_consistent(path)
    conn = sqlite3.connect(path)
    found = conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
    triggers = {name for (name,) in found}
    conn.close()
    assert triggers == {
        "template_search_insert",
        "template_search_delete",
        "template_search_update",
        "template_search_checked",
    }
