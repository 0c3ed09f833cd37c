"""SVG icons: the app icon and the action icons under ``resources/icons/actions/``.

A ``QIcon`` built from an SVG *file* goes through Qt's SVG icon engine (the
``iconengines/qsvgicon`` plugin, kept by build.spec), which renders at the size and device
pixel ratio asked for, so icons stay sharp on HiDPI screens instead of scaling a bitmap.
Action icons are single-colour #798A94: at least 3:1 contrast (WCAG 1.4.11) on both the
light and the dark theme. Icons decorate actions; texts and accessible names stay.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

from PySide6.QtGui import QIcon

from olchat_desktop.ui.i18n import resources_dir

APP_ICON = "olchat-desktop"


@cache
def icons_dir() -> Path:
    """``resources/icons`` beside the package, or ``sys._MEIPASS/resources/icons`` frozen."""
    return resources_dir() / "icons"


def action_icon_names() -> list[str]:
    """Every action icon shipped, by name (file stem)."""
    return sorted(path.stem for path in (icons_dir() / "actions").glob("*.svg"))


@cache
def icon(name: str) -> QIcon:
    """The action icon ``resources/icons/actions/<name>.svg``; a null QIcon if missing."""
    path = os.path.join(icons_dir(), "actions", f"{name}.svg")
    # os.path, not pathlib: start-up builds two dozen icons, and each Path costs more.
    return QIcon(path) if os.path.isfile(path) else QIcon()


@cache
def app_icon() -> QIcon:
    """The app icon: the SVG for every size, plus the PNGs as exact small-size renders."""
    folder = icons_dir()
    result = QIcon(str(folder / f"{APP_ICON}.svg"))
    for size in (16, 24, 32, 48):
        png = folder / f"{APP_ICON}-{size}.png"
        if png.is_file():
            result.addFile(str(png))
    return result
