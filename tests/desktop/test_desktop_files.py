"""The freedesktop files (issue 18, points 1 and 2) as a package installs them: the
desktop entry, the AppStream metainfo and the MIME type are valid for the real validators
(each check skips only when its tool is missing), the icon comes in every hicolor size,
the window's WM class and desktop file name match the entry, and a template file is typed
by its extension or, without one, by its content."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from olchat_desktop import DESKTOP_ID

ROOT = Path(__file__).resolve().parents[2]
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("stage")
    subprocess.run(
        ["bash", str(ROOT / "scripts" / "stage_desktop_files.sh"), str(dest)], check=True
    )
    return dest / "usr" / "share"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


def _desktop_entry(share: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(share / "applications" / f"{DESKTOP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_is_valid(staged: Path) -> None:
    tool = _tool("desktop-file-validate")
    result = subprocess.run(
        [tool, str(staged / "applications" / f"{DESKTOP_ID}.desktop")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_metainfo_is_valid(staged: Path) -> None:
    tool = _tool("appstreamcli")
    result = subprocess.run(
        [tool, "validate", "--no-net", str(staged / "metainfo" / f"{DESKTOP_ID}.metainfo.xml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_speaks_both_languages_and_opens_templates(staged: Path) -> None:
    entry = _desktop_entry(staged)
    assert entry["Name"] and entry["Name[ru]"]
    assert entry["Comment"] != entry["Comment[ru]"]
    assert re.search("[а-я]", entry["Comment[ru]"])
    assert entry["Exec"] == "olchat-desktop %F"  # files, several at once
    assert entry["Icon"] == DESKTOP_ID
    assert "application/x-olchat-template" in entry["MimeType"].split(";")


def test_window_class_and_desktop_file_name_match_the_entry(staged: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from olchat_desktop.app import ensure_application

    app = ensure_application([])
    entry = _desktop_entry(staged)
    # Qt's xcb plugin sets WM_CLASS' class to the application name.
    assert app.applicationName() == entry["StartupWMClass"]
    assert QApplication.desktopFileName() == DESKTOP_ID


def test_metainfo_screenshots_exist_and_launchable_matches(staged: Path) -> None:
    tree = ET.parse(staged / "metainfo" / f"{DESKTOP_ID}.metainfo.xml")
    images = [image.text or "" for image in tree.iter("image")]
    assert images
    for url in images:
        assert url.startswith("https://")
        assert (ROOT / "docs" / "screenshots" / url.rsplit("/", 1)[-1]).is_file(), url
    assert tree.findtext("launchable") == f"{DESKTOP_ID}.desktop"
    assert tree.findtext("id") == DESKTOP_ID


def test_icons_come_in_every_hicolor_size(staged: Path) -> None:
    icons = staged / "icons" / "hicolor"
    for size in SIZES:
        image = QImage(str(icons / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
    scalable = icons / "scalable" / "apps" / f"{DESKTOP_ID}.svg"
    assert scalable.read_text(encoding="utf-8").lstrip().startswith(("<svg", "<?xml"))


QUERY = """
import sys
from PySide6.QtCore import QMimeDatabase
database = QMimeDatabase()
for path in sys.argv[1:]:
    print(database.mimeTypeForFile(path).name())
"""


def test_template_files_get_their_mime_type(staged: Path, tmp_path: Path) -> None:
    tool = _tool("update-mime-database")
    subprocess.run([tool, str(staged / "mime")], check=True, capture_output=True)
    template = '{\n  "format": "olchat-button-template",\n  "version": 1\n}\n'
    bundle = '{"format": "olchat-button-template-bundle", "version": 1, "templates": []}'
    files = {
        "by-extension.olchat.json": template,
        "bundle-without-extension": bundle,
        "other.json": '{"format": "something else"}',
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    env = {**os.environ, "XDG_DATA_DIRS": f"{staged}:/usr/share"}
    result = subprocess.run(
        [sys.executable, "-c", QUERY, *(str(tmp_path / name) for name in files)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    assert result.stdout.split() == [
        "application/x-olchat-template",
        "application/x-olchat-template",
        "application/json",
    ]
