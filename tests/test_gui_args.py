"""The GUI's own command line (issue 18): files to open, --new-instance, and what stays
for the full parser (sub-commands, Qt's options, a wrong language)."""

from __future__ import annotations

from pathlib import Path

import pytest

from olchat_desktop import cli
from olchat_desktop.cli import COMMAND_MODULES
from olchat_desktop.core.fileformat import dumps_bundle, dumps_template, loads_file
from olchat_desktop.core.template import Template
from olchat_desktop.gui_args import parse_gui_args


def parse(*argv: str):  # type: ignore[no-untyped-def]
    return parse_gui_args(list(argv), COMMAND_MODULES)


def test_words_are_files_to_open() -> None:
    options = parse("--lang", "en", "a.olchat.json", "--demo", "dir/b.json", "--new-instance")
    assert options.files == ("a.olchat.json", "dir/b.json")
    assert options.rest == ()
    assert options.lang == "en" and options.demo and options.new_instance


def test_a_sub_command_keeps_all_its_arguments() -> None:
    options = parse("validate", "x.json", "--json")
    assert options.files == ()
    assert options.rest == ("validate", "x.json", "--json")


def test_after_a_double_dash_everything_is_a_file() -> None:
    options = parse("--", "validate", "--demo")
    assert options.files == ("validate", "--demo")
    assert not options.demo and options.rest == ()


def test_values_of_qt_options_and_a_wrong_language_are_not_files() -> None:
    options = parse("-style", "fusion", "--lang", "de", "x.olchat.json")
    assert options.rest == ("-style", "fusion", "--lang", "de")
    assert options.files == ("x.olchat.json",)


def test_non_utf8_file_names_pass_through_unchanged() -> None:
    name = b"\xff\xfe.olchat.json".decode("utf-8", "surrogateescape")
    assert parse(name).files == (name,)


def test_loads_file_tells_a_bundle_from_a_single_template() -> None:
    template = Template(name="Один", message="текст")
    single = loads_file(dumps_template(template))
    bundle = loads_file(dumps_bundle([template]))
    assert not single.bundle and [t.name for t in single.templates] == ["Один"]
    assert bundle.bundle and [t.name for t in bundle.templates] == ["Один"]


def _no_window(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """cli._gui recorded instead of opening a window."""
    started: list[list[str]] = []

    def gui(argv: list[str]) -> int:
        started.append(argv)
        return 0

    monkeypatch.setattr(cli, "_gui", gui)
    return started


def test_a_mistyped_command_is_refused_with_the_closest_one(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started = _no_window(monkeypatch)
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert cli.main(["libary", "stats"]) == 2
    err = capsys.readouterr().err
    assert "unknown command 'libary'" in err and "did you mean library?" in err
    assert cli.main(["--lang", "ru", "chek-data", "x.json"]) == 2
    assert "неизвестная команда «chek-data»; может быть, check-data?" in capsys.readouterr().err
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert cli.main(["zzz"]) == 2
    err = capsys.readouterr().err
    assert "«zzz»" in err and "library, sandbox" in err  # no close one: the list
    assert started == []


def test_existing_files_missing_file_names_and_words_after_dashes_still_open(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = _no_window(monkeypatch)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "libary").write_text("{}", encoding="utf-8")
    assert cli.main(["libary"]) == 0  # an existing file, whatever its name
    assert cli.main(["gone.olchat.json"]) == 0  # a file's name: the window says it is missing
    assert cli.main(["--", "stats"]) == 0
    assert cli.main(["--demo", "sub/dir"]) == 0
    assert started == [["libary"], ["gone.olchat.json"], ["--", "stats"], ["--demo", "sub/dir"]]
    assert capsys.readouterr().err == ""
