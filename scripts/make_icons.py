"""Render the app icon's SVG source to PNG sizes and a multi-size ICO (run after editing it).

QT_QPA_PLATFORM=offscreen python scripts/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
# The hicolor theme sizes a desktop asks for (16-512); the SVG is the scalable one.
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    return image


def main() -> int:
    _app = QGuiApplication(sys.argv)
    renderer = QSvgRenderer(str(ICONS / "olchat-desktop.svg"))
    if not renderer.isValid():
        print("olchat-desktop.svg is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        render(renderer, size).save(str(ICONS / f"olchat-desktop-{size}.png"))
    # Qt's ICO writer stores one image; 256 px scales down cleanly in Windows' shell.
    render(renderer, 256).save(str(ICONS / "olchat-desktop.ico"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
