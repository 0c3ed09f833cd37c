"""Import/export: library API and the ``olchat-desktop library`` command, end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from olchat_desktop import cli
from olchat_desktop.core.fileformat import BUNDLE_FORMAT, TEMPLATE_FORMAT, loads_templates
from olchat_desktop.core.template import Template
from olchat_desktop.storage.library import LibraryError, TemplateLibrary
from olchat_desktop.storage.library_records import content_of
from olchat_desktop.storage.library_transfer import export_bundle, export_template, import_file

SAMPLES = [
    Template(
        name="Запись к врачу",
        phone="{{Телефон}}",
        header="Напоминание",
        message="*Анна*, ждём вас завтра в {{Время}}",
        footer="Клиника",
        buttons=["Приду", "Перенести", "Отменить"],
        wait_for_reply=True,
        tags=["медицина"],
        samples={"{{Время}}": "10:00"},
    ),
    Template(name="Promo", message="Sale -20%", buttons=["Yes"], tags=["marketing"]),
]


def content_set(templates: list[Template]) -> list[dict[str, object]]:
    return sorted(
        (content_of(t.model_dump(mode="json")) for t in templates), key=lambda c: str(c["name"])
    )


def test_export_one_template_writes_a_single_file(tmp_path: Path) -> None:
    with TemplateLibrary(tmp_path / "lib.sqlite3") as library:
        stored = library.create(SAMPLES[0])
        target = tmp_path / "one.json"
        export_template(library, stored.id, target)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == TEMPLATE_FORMAT
    assert "Запись к врачу" in target.read_text(encoding="utf-8")  # UTF-8, not \\u escapes
    assert content_set(loads_templates(target.read_bytes())) == content_set([stored])
    assert list(tmp_path.glob(".one.json.*")) == []  # no temp file left behind


def test_import_gives_fresh_ids_and_never_overwrites(tmp_path: Path) -> None:
    with TemplateLibrary(tmp_path / "lib.sqlite3") as library:
        originals = [library.create(t) for t in SAMPLES]
        bundle = tmp_path / "all.json"
        assert len(export_bundle(library, bundle)) == 2
        result = import_file(library, bundle)
        assert result.count == 2
        assert {t.id for t in result.imported}.isdisjoint({t.id for t in originals})
        assert len(library.list_templates()) == 4
        assert [v.summary for v in library.versions(result.imported[0].id)] == ["imported"]
        # Ids already present (e.g. from add_many of the same objects) get replaced too.
        again = library.add_many(originals)
        assert {t.id for t in again}.isdisjoint({t.id for t in originals})


def test_export_selection_keeps_the_given_order_and_rejects_unknown_ids(tmp_path: Path) -> None:
    with TemplateLibrary(tmp_path / "lib.sqlite3") as library:
        first, second = (library.create(t) for t in SAMPLES)
        target = tmp_path / "sel.json"
        export_bundle(library, target, [second.id, first.id])
        assert [t.name for t in loads_templates(target.read_bytes())] == ["Promo", "Запись к врачу"]
        before = target.read_bytes()
        with pytest.raises(LibraryError):
            export_bundle(library, target, [first.id, "nope"])
        assert target.read_bytes() == before  # nothing written on failure


def test_import_of_a_bad_bundle_adds_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    entries = [{"name": "ok", "message": "m"}, {"name": 5}]
    bad.write_text(json.dumps({"format": BUNDLE_FORMAT, "version": 1, "templates": entries}))
    with TemplateLibrary(tmp_path / "lib.sqlite3") as library:
        with pytest.raises(LibraryError) as caught:
            import_file(library, bad)
        assert caught.value.code == "file_unreadable"
        assert "name" in caught.value.message("en")
        assert library.list_templates() == []


def test_cli_round_trip_between_two_libraries(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source_db, target_db = tmp_path / "a.sqlite3", tmp_path / "b.sqlite3"
    with TemplateLibrary(source_db) as library:
        stored = [library.create(t) for t in SAMPLES]
    bundle = tmp_path / "out" / "bundle.json"
    bundle.parent.mkdir()

    argv = ["--lang", "en", "library", "--library", str(source_db), "export", str(bundle)]
    assert cli.main(argv) == 0
    assert capsys.readouterr().out.strip() == f"Exported 2 template(s) to {bundle}"

    argv = ["library", "--library", str(target_db), "import", str(bundle)]
    assert cli.main(argv) == 0
    assert capsys.readouterr().out.strip() == f"Импортировано шаблонов: 2 из {bundle}"
    with TemplateLibrary(target_db) as library:
        assert content_set(library.list_templates()) == content_set(stored)


def test_cli_export_of_selected_ids(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with TemplateLibrary() as library:  # the data home's library (OLCHAT_DESKTOP_HOME)
        first, _second = (library.create(t) for t in SAMPLES)
    target = tmp_path / "one.json"
    assert cli.main(["library", "export", str(target), "--ids", first.id]) == 0
    assert [t.name for t in loads_templates(target.read_bytes())] == [first.name]
    assert cli.main(["--lang", "en", "library", "export", str(target), "--ids", "missing"]) == 1
    assert "missing" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "expected_error"),
    [
        (None, "No such file"),
        (b"{not json", "not valid JSON"),
        (b'{"format": "something-else"}', "not an OLChat Desktop template file"),
        (b'{"format": "olchat-button-template", "version": 99}', "newer version"),
    ],
)
def test_cli_import_of_unreadable_input_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, expected_error: str
) -> None:
    source = tmp_path / "input.json"
    if content is not None:
        source.write_bytes(content)
    assert cli.main(["--lang", "en", "library", "import", str(source)]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert expected_error in captured.err
    assert "Traceback" not in captured.err


def test_cli_reports_a_damaged_library_with_exit_1(tmp_path: Path) -> None:
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"garbage" * 1000)
    command = ["--lang", "en", "library", "--library", str(damaged), "export"]
    completed = subprocess.run(
        [sys.executable, "-m", "olchat_desktop", *command, str(tmp_path / "x.json")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert completed.returncode == 1
    assert "damaged" in completed.stderr and "Traceback" not in completed.stderr
    assert not (tmp_path / "x.json").exists()


def test_cli_export_to_an_unwritable_place_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert cli.main(["--lang", "en", "library", "export", str(blocker / "out.json")]) == 1
    assert "Cannot write the file" in capsys.readouterr().err
