"""The GUI's own command line (issue 18): files to open, --new-instance, and what stays
for the full parser (sub-commands, Qt's options, a wrong language)."""

from __future__ import annotations

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
