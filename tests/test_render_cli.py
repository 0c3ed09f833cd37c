"""``olchat-desktop render``: a PNG of the requested width, exit 2 for unreadable files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from olchat_desktop.cli import main
from olchat_desktop.ui.theme import WHATSAPP


@pytest.fixture
def template_file(tmp_path: Path) -> Path:
    path = tmp_path / "feedback.json"
    data = {
        "format": "olchat-button-template",
        "version": 1,
        "header": "Как вам наш сервис?",
        "message": "Здравствуйте, {{Имя}}! Оцените *визит*.",
        "footer": "Спасибо",
        "buttons": ["Понравилось", "Не понравилось"],
        "samples": {"{{Имя}}": "Анна"},
    }
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(("theme", "width"), [("light", 360), ("dark", 412), ("dark", 320)])
def test_writes_a_png_of_the_requested_width_and_theme(
    qapp: QApplication, template_file: Path, tmp_path: Path, theme: str, width: int
) -> None:
    out = tmp_path / "preview.png"
    argv = ["render", str(template_file), "--out", str(out), "--theme", theme]
    code = main([*argv, "--width", str(width), "--lang", "en", "--time", "10:00"])
    assert code == 0
    image = QImage(str(out))
    assert image.width() == width
    assert image.height() > 200
    corner = QColor(image.pixel(1, 1)).name().upper()
    assert corner == WHATSAPP[theme]["chat_background"]


def test_scale_two_doubles_the_pixels(
    qapp: QApplication, template_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "hidpi.png"
    assert main(["render", str(template_file), "--out", str(out), "--scale", "2"]) == 0
    assert QImage(str(out)).width() == 720


def test_missing_file_exits_2_with_a_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.json"
    code = main(["render", str(missing), "--out", str(tmp_path / "x.png"), "--lang", "en"])
    assert code == 2
    assert capsys.readouterr().err.strip() == f"{missing}: no such file"
    assert not (tmp_path / "x.png").exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [("{not json", "JSON"), ('{"format": "something-else"}', ""), ("[]", "")],
)
def test_unreadable_template_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, expected: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    code = main(["render", str(bad), "--out", str(tmp_path / "x.png"), "--lang", "en"])
    assert code == 2
    error = capsys.readouterr().err
    assert error.startswith(f"{bad}: ") and expected in error
    assert len(error.strip().splitlines()) == 1


def test_directory_is_refused_in_russian(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["render", str(tmp_path), "--out", str(tmp_path / "x.png"), "--lang", "ru"])
    assert code == 2
    assert "это папка" in capsys.readouterr().err
