"""Streamed import and export (issue 15): broken entries listed, too large files refused,
cancel leaves the library and the files as they were, kill -9 leaves all or nothing."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from olchat_desktop import cli
from olchat_desktop.cancel import CancelToken, TaskCancelled
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage.library import LibraryError, TemplateLibrary
from olchat_desktop.storage.library_export import export_stream
from olchat_desktop.storage.library_import import (
    CHUNK,
    MAX_IMPORT_BYTES,
    ImportProgress,
    import_path,
)


def entry(n: int) -> dict[str, Any]:
    return {
        "format": "olchat-button-template",
        "version": 1,
        "name": f"Шаблон {n:05d}",
        "line": "Линия",
        "phone": "79991234567",
        "message": f"Сообщение номер {n}",
        "buttons": ["Да", "Нет"],
        "tags": [f"тег{n % 5}"],
    }


def write_bundle(path: Path, entries: list[Any]) -> Path:
    bundle = {"format": "olchat-button-template-bundle", "version": 1, "templates": entries}
    path.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    return path


def seeded(tmp_path: Path) -> TemplateLibrary:
    library = TemplateLibrary(tmp_path / "library.sqlite3")
    library.add_many_drafts([TemplateDraft(name=f"старый {n}") for n in range(3)])
    return library


def names(library: TemplateLibrary) -> list[str]:
    return [t.name for t in library.list_templates()]


def test_broken_entries_are_listed_and_the_good_ones_imported(tmp_path: Path) -> None:
    entries: list[Any] = [entry(n) for n in range(950)]
    broken = {
        10: "not an object",
        200: {**entry(200), "buttons": "Да"},  # not a list
        400: {**entry(400), "samples": {"{{Имя}}": 5}},
        600: {**entry(600), "format": "something-else"},
        800: {**entry(800), "name": 42},
    }
    for position, value in sorted(broken.items()):
        entries.insert(position, value)
    path = write_bundle(tmp_path / "bundle.json", entries)
    with seeded(tmp_path) as library:
        result = import_path(library, path)
        assert result.count == 950
        assert [bad.position for bad in result.bad] == [p + 1 for p in sorted(broken)]
        reasons = {bad.position: bad.reason("en") for bad in result.bad}
        assert "expected a JSON object" in reasons[11]
        assert '"buttons"' in reasons[201] and '"samples"' in reasons[401]
        assert "not an OLChat Desktop template" in reasons[601]
        assert result.bad[1].name == "Шаблон 00200"
        assert "Шаблон №201" in result.bad[1].reason("ru")
        assert len(library.list_templates()) == 953
        assert len(result.imported) == 100  # the first ones, for the window to open
        stats = library.stats()
        assert stats.templates == 953 and stats.by_status["pending"] == 950
        # The pass after the import (library_checking) checks them.
        from olchat_desktop.storage.library_checking import check_pending

        assert check_pending(library.path) == 950
        stats = library.stats()
        assert stats.by_status["pending"] == 0 and stats.by_status["unknown"] == 0


def test_cli_import_lists_bad_entries_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_bundle(tmp_path / "bundle.json", [entry(1), [1, 2], entry(2)])
    db = tmp_path / "library.sqlite3"
    assert cli.main(["--lang", "en", "library", "--library", str(db), "import", str(path)]) == 2
    captured = capsys.readouterr()
    assert "Imported 2 template(s)" in captured.out
    assert "#2" in captured.err and "expected a JSON object" in captured.err


def test_a_file_too_large_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as huge:  # sparse: 2 GB of nothing, no disk used
        huge.truncate(2 * 2**30)
    assert path.stat().st_size > MAX_IMPORT_BYTES
    with seeded(tmp_path) as library, pytest.raises(LibraryError) as caught:
        import_path(library, path)
    assert caught.value.code == "file_unreadable"
    assert "too large" in caught.value.message("en") and "2,048 MB" in caught.value.message("en")
    assert "слишком большой" in caught.value.message("ru")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b'{"format": "olchat-button-template-bundle", "templates": [{"name": ', "not valid JSON"),
        (b'["a list"]', "not an OLChat Desktop template file"),
        (b'{"format": "olchat-button-template-bundle", "version": 9, "templates": []}', "newer"),
        (b'{"templates": [{"name": "x"}]}', "not an OLChat Desktop template file"),
        (
            '{"format": "olchat-button-template", "name": "\xff"}'.encode("latin-1"),
            "not valid JSON",
        ),
    ],
)
def test_file_level_defects_refuse_the_whole_file(
    tmp_path: Path, content: bytes, expected: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    with seeded(tmp_path) as library:
        before = names(library)
        with pytest.raises(LibraryError) as caught:
            import_path(library, path)
        assert expected in caught.value.message("en")
        assert names(library) == before


def test_a_single_template_file_imports_through_the_same_path(tmp_path: Path) -> None:
    path = tmp_path / "one.json"
    path.write_text(json.dumps(entry(7), ensure_ascii=False), encoding="utf-8")
    with seeded(tmp_path) as library:
        result = import_path(library, path)
        assert result.count == 1 and result.imported[0].name == "Шаблон 00007"


def test_cancelled_import_leaves_the_library_as_it_was(tmp_path: Path) -> None:
    path = write_bundle(tmp_path / "bundle.json", [entry(n) for n in range(CHUNK * 3)])
    token = CancelToken()
    seen: list[ImportProgress] = []

    def progress(done: ImportProgress) -> None:
        seen.append(done)
        token.cancel()  # Cancel pressed once the first chunk is in

    with seeded(tmp_path) as library:
        before = names(library)
        with pytest.raises(TaskCancelled):
            import_path(library, path, token, progress)
        assert seen and seen[0].done == CHUNK and 0 < seen[0].bytes_read <= seen[0].total_bytes
        assert names(library) == before
        assert library.integrity_ok()
        assert import_path(library, path).count == CHUNK * 3  # and it still works


def test_cancelled_export_leaves_no_file_and_keeps_the_old_one(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("the previous export", encoding="utf-8")
    token = CancelToken()
    with seeded(tmp_path) as library:
        library.add_many_drafts([TemplateDraft(name=f"n{n}") for n in range(CHUNK + 10)])
        with pytest.raises(TaskCancelled):
            export_stream(library, target, None, token, lambda _done: token.cancel())
        assert target.read_text(encoding="utf-8") == "the previous export"
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.json")] == []
        assert export_stream(library, target) == CHUNK + 13
    assert len(json.loads(target.read_text(encoding="utf-8"))["templates"]) == CHUNK + 13


KILLED_IMPORT = """
import sys, time
from pathlib import Path
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_import import import_path

def progress(done):
    print("progress", done.done, flush=True)
    time.sleep(60)  # killed here, halfway through the file, inside the transaction

with TemplateLibrary(Path(sys.argv[1])) as library:
    import_path(library, Path(sys.argv[2]), progress=progress)
"""


def test_kill_9_during_import_leaves_all_or_nothing(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    seeded(tmp_path).close()
    path = write_bundle(tmp_path / "bundle.json", [entry(n) for n in range(CHUNK * 4)])
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_IMPORT, str(db), str(path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.startswith("progress 500")  # one chunk written into the open transaction
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    child.stdout.close()
    assert child.returncode == -signal.SIGKILL
    # The library opens, is consistent and holds exactly what it held before.
    with TemplateLibrary(db) as library:
        assert sorted(names(library)) == ["старый 0", "старый 1", "старый 2"]
        assert library.integrity_ok()
        assert import_path(library, path).count == CHUNK * 4
        assert library.stats().templates == CHUNK * 4 + 3
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
