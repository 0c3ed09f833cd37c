"""Damaged or locked library (issue 15): what can be read is saved, the file never changes."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from olchat_desktop import cli
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage.library import LibraryError, TemplateLibrary
from olchat_desktop.storage.library_salvage import salvage


def make_library(path: Path, count: int) -> None:
    with TemplateLibrary(path) as library:
        added = library.add_many_drafts(
            [TemplateDraft(name=f"Шаблон {n}", message="х" * 300) for n in range(count)]
        )
        library.delete(added[0].id)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def damage_one_page(path: Path) -> None:
    """Overwrite a page in the middle of the file: some rows become unreadable."""
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle : middle + page] = b"\xff" * page
    path.write_bytes(bytes(data))


def test_a_damaged_library_gives_up_what_it_can_and_stays_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    make_library(path, 400)
    damage_one_page(path)
    before = digest(path)
    out = tmp_path / "rescued.json"
    result = salvage(path, out)
    assert 0 < result.saved < 400
    names = [t["name"] for t in json.loads(out.read_text(encoding="utf-8"))["templates"]]
    assert len(names) == result.saved and "Шаблон 0" not in names  # trashed one left out
    assert digest(path) == before
    # Nothing else written (SQLite's own -wal/-shm appear when a WAL file is read).
    assert {p.name for p in tmp_path.iterdir()} - {
        "library.sqlite3-wal",
        "library.sqlite3-shm",
    } == {
        "library.sqlite3",
        "rescued.json",
    }


def test_a_locked_library_is_read_past_its_lock(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    make_library(path, 5)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file
    try:
        with pytest.raises(LibraryError) as caught:
            TemplateLibrary(
                path,
            ).close() if False else _open_fast(path)
        assert caught.value.code in ("locked", "database")
        result = salvage(path, tmp_path / "out.json")
        assert result.saved == 4
    finally:
        other.execute("ROLLBACK")
        other.close()


def _open_fast(path: Path) -> None:
    from olchat_desktop.storage import library_schema

    original = library_schema.BUSY_TIMEOUT_SECONDS
    library_schema.BUSY_TIMEOUT_SECONDS = 0.2
    try:
        TemplateLibrary(path).close()
    finally:
        library_schema.BUSY_TIMEOUT_SECONDS = original


def test_cli_salvage_of_a_file_that_is_no_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"garbage" * 1000)
    args = ["--lang", "en", "library", "--library", str(path), "salvage", str(tmp_path / "o.json")]
    assert cli.main(args) == 1
    assert "damaged" in capsys.readouterr().err
    assert path.read_bytes() == b"garbage" * 1000
    make_library(tmp_path / "good.sqlite3", 3)
    good = ["--lang", "en", "library", "--library", str(tmp_path / "good.sqlite3")]
    assert cli.main([*good, "salvage", str(tmp_path / "o.json")]) == 0
    assert "Saved 2 template(s)" in capsys.readouterr().out
