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
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication

from olchat_desktop.ui.i18n import resources_dir

if TYPE_CHECKING:
    from olchat_desktop.ui.main_window import MainWindow

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


def apply_window_icon(window: MainWindow) -> None:
    """Set the app icon on the application (dialogs inherit it) and on the main window."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setWindowIcon(app_icon())
    window.setWindowIcon(app_icon())


def _set(action: QAction, name: str) -> None:
    action.setIcon(icon(name))


def apply_action_icons(window: MainWindow) -> None:
    """Put icons on the formatting toolbar, the library buttons and the main commands.

    Only icons are added; object names, texts, tooltips and accessible names are kept.
    """
    view = window.editorView
    for action, name in (
        (view.boldAction, "bold"),
        (view.italicAction, "italic"),
        (view.strikeAction, "strike"),
        (view.monoAction, "mono"),
        (view.codeAction, "code"),
        (view.bulletAction, "list"),
        (view.numberedAction, "numbered-list"),
        (view.quoteAction, "quote"),
    ):
        _set(action, name)
    view.emojiButton.setIcon(icon("emoji"))
    if view.emojiButton.icon().isNull():
        view.emojiButton.setText("😊")
    view.insertFieldButton.setIcon(icon("insert-field"))
    view.insertFieldButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    # MainWindow.windowActions (the WindowActions) shadows QWidget.actions() for type checkers.
    actions = window.windowActions
    _set(actions.newAction, "new")
    _set(actions.duplicateAction, "duplicate")
    _set(actions.deleteAction, "delete")
    _set(actions.sendAction, "send")
    library = window.libraryView
    library.newButton.setIcon(icon("new"))
    library.duplicateButton.setIcon(icon("duplicate"))
    library.deleteButton.setIcon(icon("delete"))
    window.sideView.sendTestButton.setIcon(icon("send"))
    _apply_preview_icons(window.preview)


def _apply_preview_icons(preview: object) -> None:
    """Icon-only buttons on the preview's toolbar: with text, the Russian labels overflow
    it at the default window size and "Copy robot settings" hid behind the » menu. The
    texts stay as tooltips, accessible names and in the context menu."""
    toolbar = getattr(preview, "toolbar", None)
    if toolbar is None:
        return
    for attribute, name in (
        ("darkAction", "moon"),
        ("exportAction", "export-image"),
        ("copyAction", "copy"),
    ):
        action = getattr(preview, attribute, None)
        if isinstance(action, QAction):
            _set(action, name)
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
