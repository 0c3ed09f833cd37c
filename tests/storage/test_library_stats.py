"""Stored problem status (issue 15) and ``olchat-desktop library stats [--json]``."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from olchat_desktop import cli
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage.library import TemplateLibrary


def draft(name: str, **fields: object) -> TemplateDraft:
    values: dict[str, object] = {"name": name, "line": "L", "phone": "79991234567"}
    values.update({"message": "Текст", "buttons": ("Да",), **fields})
    return TemplateDraft(**values)  # type: ignore[arg-type]


def seed(path: Path) -> list[TemplateDraft]:
    with TemplateLibrary(path) as library:
        added = library.add_many_drafts(
            [
                draft("ok"),
                draft("warning", line=""),
                draft("error", message=""),
                draft("error too", buttons=("Слишком длинная кнопка ответа",)),
                draft("trashed"),
            ]
        )
        library.delete(added[-1].id)
        return added


def test_status_is_stored_on_save_and_follows_edits(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    ok, warning, _error, *_ = seed(path)
    with TemplateLibrary(path) as library:
        library.save_draft(warning.replace(line="L"))  # fixed
        library.save_draft(ok.replace(message=""))  # broken
    conn = sqlite3.connect(path)
    stored = dict(conn.execute("SELECT name, status FROM templates").fetchall())
    assert stored == {"ok": 2, "warning": 0, "error": 2, "error too": 2, "trashed": 0}


def test_stats_json_and_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "library.sqlite3"
    seed(path)
    assert cli.main(["library", "--library", str(path), "stats", "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["templates"] == 4
    assert stats["by_status"] == {
        "ok": 1,
        "warnings": 1,
        "errors": 2,
        "pending": 0,
        "unknown": 0,
    }
    assert stats["trash"] == 1
    assert stats["versions"] == 5
    assert stats["size_bytes"] > 0
    assert cli.main(["--lang", "ru", "library", "--library", str(path), "stats"]) == 0
    text = capsys.readouterr().out
    assert "Шаблонов: 4" in text and "с ошибками: 2" in text and "В корзине: 1" in text


def test_stats_of_a_damaged_file_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    assert cli.main(["--lang", "en", "library", "--library", str(path), "stats"]) == 1
    assert "damaged" in capsys.readouterr().err
    assert path.read_bytes().startswith(b"this is not")  # never deleted or rewritten
