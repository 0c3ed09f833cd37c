"""Schema versioning: migration with a backup first, refusal of newer or damaged files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from olchat_desktop.core.template import Template
from olchat_desktop.storage.library import LibraryError, TemplateLibrary
from olchat_desktop.storage.library_schema import SCHEMA_VERSION


def make_v1_library(path: Path, templates: list[Template]) -> None:
    """A library exactly as schema 1 wrote it: one table, the template as JSON."""
    conn = sqlite3.connect(path)
    conn.execute(
        "CREATE TABLE templates (id TEXT PRIMARY KEY, name TEXT NOT NULL, body TEXT NOT NULL,"
        " created_at TEXT NOT NULL, updated_at TEXT NOT NULL)"
    )
    for template in templates:
        conn.execute(
            "INSERT INTO templates VALUES (?, ?, ?, ?, ?)",
            (
                template.id,
                template.name,
                template.model_dump_json(),
                template.created_at.isoformat(),
                template.updated_at.isoformat(),
            ),
        )
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()


def test_fresh_library_has_current_schema_wal_and_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    TemplateLibrary(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()
    assert list(tmp_path.glob("*.bak-*")) == []


def test_old_schema_is_backed_up_then_migrated(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    old = [
        Template(name="Старый ШАБЛОН", message="Привет", buttons=["Да"], tags=["Архив"]),
        Template(name="second", message="text", tags=["архив", "b"]),
    ]
    make_v1_library(path, old)

    with TemplateLibrary(path) as library:
        assert [t.id for t in library.list_templates()] == [old[1].id, old[0].id]
        assert library.get(old[0].id) == old[0]
        # The new columns are filled from the old data: search, tags and history work.
        assert [t.id for t in library.search("старый шаблон")] == [old[0].id]
        assert {(tc.tag.casefold(), tc.count) for tc in library.tags()} == {("архив", 2), ("b", 1)}
        versions = library.versions(old[0].id)
        assert [v.summary for v in versions] == ["migrated"]
        library.save(old[0].model_copy(update={"message": "new"}))
        assert library.restore_version(versions[0].id).message == "Привет"

    backups = list(tmp_path.glob("library.sqlite3.bak-v1-*"))
    assert len(backups) == 1
    backup = sqlite3.connect(backups[0])
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    rows = backup.execute("SELECT id, body FROM templates ORDER BY name").fetchall()
    backup.close()
    assert [Template.model_validate_json(body) for _, body in rows] == [old[1], old[0]]

    # Opening again migrates nothing and makes no second backup.
    TemplateLibrary(path).close()
    assert len(list(tmp_path.glob("library.sqlite3.bak-*"))) == 1


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE future (x)")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(LibraryError) as caught:
        TemplateLibrary(path)
    assert caught.value.code == "newer_schema"
    assert "Обновите OLChat Desktop" in caught.value.message("ru")
    assert f"schema {SCHEMA_VERSION + 1}" in caught.value.message("en")
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    check.close()
    assert path.read_bytes()[:100] == before[:100]


def test_a_file_that_is_not_a_database_is_reported_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"this is not sqlite at all " * 200)
    with pytest.raises(LibraryError) as caught:
        TemplateLibrary(path)
    assert caught.value.code == "corrupt"
    assert str(path) in caught.value.message("en")
    assert "повреждён" in caught.value.message("ru")


def test_an_unopenable_location_is_a_library_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("file where a folder should be")
    with pytest.raises(LibraryError) as caught:
        TemplateLibrary(blocker / "library.sqlite3")
    assert caught.value.code == "unreadable"


def test_a_write_lock_held_too_long_is_reported_as_busy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from olchat_desktop.storage import library_schema

    monkeypatch.setattr(library_schema, "BUSY_TIMEOUT_SECONDS", 0.2)
    path = tmp_path / "library.sqlite3"
    library = TemplateLibrary(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(LibraryError) as caught:
            library.create(Template(name="blocked"))
        assert caught.value.code == "locked"
        assert "busy" in caught.value.message("en")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert library.create(Template(name="after")).name == "after"  # usable again
    library.close()


def test_a_failing_migration_rolls_back_and_keeps_the_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from olchat_desktop.storage import library_schema

    path = tmp_path / "library.sqlite3"
    old = Template(name="keep me", message="m")
    make_v1_library(path, [old])
    real_step = library_schema.MIGRATIONS[1]

    def step_then_fail(conn: sqlite3.Connection) -> None:
        real_step(conn)  # changes half done when the failure hits
        raise RuntimeError("boom")

    monkeypatch.setattr(
        library_schema, "MIGRATIONS", [library_schema.MIGRATIONS[0], step_then_fail]
    )
    with pytest.raises(LibraryError) as caught:
        TemplateLibrary(path)
    assert caught.value.code == "migration_failed"
    assert "backup" in caught.value.message("en")
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    columns = [row[1] for row in conn.execute("PRAGMA table_info(templates)")]
    conn.close()
    assert columns == ["id", "name", "body", "created_at", "updated_at"]
    assert len(list(tmp_path.glob("library.sqlite3.bak-v1-*"))) == 1

    monkeypatch.undo()
    with TemplateLibrary(path) as library:
        assert library.get(old.id) == old
    assert len(list(tmp_path.glob("library.sqlite3.bak-v1-*"))) == 2  # one per attempt


def test_backup_names_never_collide(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from olchat_desktop.storage.library_schema import backup_path

    path = tmp_path / "library.sqlite3"
    when = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    first = backup_path(path, 1, when)
    assert first.name == "library.sqlite3.bak-v1-20250102T030405Z"
    first.touch()
    assert backup_path(path, 1, when).name == "library.sqlite3.bak-v1-20250102T030405Z-1"


def test_a_damaged_row_is_reported_as_corrupt(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with TemplateLibrary(path) as library:
        stored = library.create(Template(name="x"))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE templates SET body = '{\"buttons\": 5}' WHERE id = ?", (stored.id,))
    conn.commit()
    conn.close()
    with TemplateLibrary(path) as library, pytest.raises(LibraryError) as caught:
        library.list_templates()
    assert caught.value.code == "corrupt"
