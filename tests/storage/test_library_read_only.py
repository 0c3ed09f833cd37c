"""Opening a library another program holds (issue 15): the normal open gives up on the
first read, the read-only open reads past the lock, refuses writes and changes nothing."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage import library_schema
from olchat_desktop.storage.library import LibraryError, ListQuery, TemplateLibrary
from tests.library_locker import held_by_another_process


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "library.sqlite3"
    with TemplateLibrary(path) as library:
        library.add_many_drafts([TemplateDraft(name="Ёлка", message="Зимняя акция")])
    with held_by_another_process(path):
        yield path


def test_the_first_read_gives_up_long_before_the_write_wait(
    held: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A lock that keeps out readers is not waited for like a writer's: the window can
    open read-only at once instead of after the whole busy timeout."""
    monkeypatch.setattr(library_schema, "BUSY_TIMEOUT_SECONDS", 120.0)
    monkeypatch.setattr(library_schema, "FIRST_READ_WAIT_SECONDS", 0.2)
    outcome: list[BaseException] = []

    def open_it() -> None:
        try:
            TemplateLibrary(held).close()
        except BaseException as error:  # handed to the test thread
            outcome.append(error)

    worker = threading.Thread(target=open_it, daemon=True)
    worker.start()
    worker.join(30)  # a bound far below the 120 s write wait, not a timing goal
    assert not worker.is_alive()
    assert isinstance(outcome[0], LibraryError) and outcome[0].code == "locked"


def test_read_only_reads_past_the_lock_and_changes_nothing(held: Path) -> None:
    before = hashlib.sha256(held.read_bytes()).hexdigest()
    with TemplateLibrary(held, read_only=True) as library:
        assert library.read_only and library.immutable
        rows = library.list_page(ListQuery("ёлка"), None, None)
        assert [row.name for row in rows] == ["Ёлка"]
        assert library.get_draft(rows[0].id).message == "Зимняя акция"
        for write in (
            lambda: library.save_draft(TemplateDraft(name="Новый")),
            lambda: library.delete(rows[0].id),
            lambda: library.add_many_drafts([TemplateDraft(name="Ещё")]),
        ):
            with pytest.raises(LibraryError) as caught:
                write()
            assert caught.value.code == "read_only"
    assert hashlib.sha256(held.read_bytes()).hexdigest() == before


def test_read_only_without_a_lock_sees_the_latest_commits(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    writer = TemplateLibrary(path)
    writer.add_many_drafts([TemplateDraft(name="Первый")])
    with TemplateLibrary(path, read_only=True) as library:
        assert not library.immutable  # mode=ro: WAL included
        writer.add_many_drafts([TemplateDraft(name="Второй")])
        names = [row.name for row in library.list_page(ListQuery(), None, None)]
        assert names == ["Второй", "Первый"]
    writer.close()
