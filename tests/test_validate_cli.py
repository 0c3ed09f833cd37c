"""``olchat-desktop validate``: output lines, JSON, exit status."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from olchat_desktop.cli import main
from olchat_desktop.core.fileformat import dumps_bundle, dumps_template
from olchat_desktop.core.template import Template

GOOD = Template(
    name="Отзыв",
    line="line-1",
    phone="+7 (999) 123-45-67",
    header="Спасибо за заказ",
    message="Как вам {{Товар}}?",
    buttons=["Да", "Нет"],
    samples={"{{Товар}}": "чайник"},
)


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _warning_only() -> Template:
    return GOOD.model_copy(update={"footer": "{{Подпись менеджера}}"})


def _with_errors() -> Template:
    return GOOD.model_copy(update={"name": "Плохой", "header": "x" * 61, "buttons": ["Да", "да"]})


def test_clean_file_exits_0_and_prints_nothing(tmp_path: Path, capsys: Any) -> None:
    assert main(["validate", _write(tmp_path, "good.json", dumps_template(GOOD))]) == 0
    assert capsys.readouterr().out == ""


def test_warnings_print_but_exit_0(tmp_path: Path, capsys: Any) -> None:
    path = _write(tmp_path, "warn.json", dumps_template(_warning_only()))
    assert main(["validate", path, "--lang", "en"]) == 0
    (line,) = capsys.readouterr().out.splitlines()
    assert line.startswith(f"{path}: footer: may_exceed: Footer: ")


def test_errors_exit_1_with_one_line_per_problem(tmp_path: Path, capsys: Any) -> None:
    good = _write(tmp_path, "good.json", dumps_template(GOOD))
    bad = _write(tmp_path, "bad.json", dumps_template(_with_errors()))
    assert main(["validate", good, bad]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(": ")[:3] for line in lines] == [
        [bad, "header", "too_long"],
        [bad, "buttons[1]", "duplicate_button"],
    ]
    assert "«Заголовок»: 61 символ при лимите 60" in lines[0]


def test_bundle_names_each_template(tmp_path: Path, capsys: Any) -> None:
    path = _write(tmp_path, "all.json", dumps_bundle([GOOD, _with_errors()]))
    assert main(["validate", path]) == 1
    assert capsys.readouterr().out.splitlines()[0].startswith(f"{path}[Плохой]: header: too_long")


def test_json_output(tmp_path: Path, capsys: Any) -> None:
    path = _write(tmp_path, "bad.json", dumps_template(_with_errors()))
    assert main(["validate", "--json", "--lang", "en", path]) == 1
    records = json.loads(capsys.readouterr().out)
    assert records[0] == {
        "file": path,
        "template": "Плохой",
        "field": "header",
        "code": "too_long",
        "severity": "error",
        "length": 61,
        "limit": 60,
        "message": "Header: 61 characters, the limit is 60. Shorten it by 1 character.",
    }
    assert [r["code"] for r in records] == ["too_long", "duplicate_button"]


def test_json_for_a_clean_file_is_an_empty_list(tmp_path: Path, capsys: Any) -> None:
    assert main(["validate", "--json", _write(tmp_path, "g.json", dumps_template(GOOD))]) == 0
    assert json.loads(capsys.readouterr().out) == []


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("{not json", "not valid JSON"),
        ('{"format": "something-else"}', "not an OLChat Desktop template file"),
        ('{"format": "olchat-button-template", "version": 99}', "newer version"),
        (None, "no such file"),
        ("dir", "a directory"),
    ],
)
def test_unreadable_files_exit_2_with_a_reason_and_no_traceback(
    tmp_path: Path, capsys: Any, content: str | None, reason: str
) -> None:
    target = tmp_path / "t.json"
    if content == "dir":
        target.mkdir()
    elif content is not None:
        target.write_text(content, encoding="utf-8")
    bad = _write(tmp_path, "bad.json", dumps_template(_with_errors()))
    # Unreadable wins over errors; the readable file is still checked.
    assert main(["validate", "--lang", "en", str(target), bad]) == 2
    captured = capsys.readouterr()
    assert captured.err.startswith(f"{target}: ") and reason in captured.err
    assert "Traceback" not in captured.err
    assert f"{bad}: header: too_long" in captured.out


def test_unreadable_reason_in_russian_by_default(tmp_path: Path, capsys: Any) -> None:
    assert main(["validate", str(tmp_path / "missing.json")]) == 2
    assert "файл не найден" in capsys.readouterr().err


def test_console_entry_point_runs_validate(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.json", dumps_template(_with_errors()))
    done = subprocess.run(
        [sys.executable, "-m", "olchat_desktop", "validate", path, "--json"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert done.returncode == 1
    assert json.loads(done.stdout)[0]["code"] == "too_long"
