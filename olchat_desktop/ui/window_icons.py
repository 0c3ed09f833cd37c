"""The main window's icons: the app icon on the window, icons on its actions and buttons
(issue 7, point 5). Apart from ``icons`` so that the icon lookup, which views and
controllers use, names nothing of the window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from olchat_desktop.ui import icons
from olchat_desktop.ui.window_parts import WindowParts


def apply_window_icon(window: WindowParts) -> None:
    """Set the app icon on the application (dialogs inherit it) and on the main window."""
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setWindowIcon(icons.app_icon())
    window.setWindowIcon(icons.app_icon())


def _set(action: QAction, name: str) -> None:
    action.setIcon(icons.icon(name))


def apply_action_icons(window: WindowParts) -> None:
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
    view.emojiButton.setIcon(icons.icon("emoji"))
    if view.emojiButton.icon().isNull():
        view.emojiButton.setText("😊")
    view.insertFieldButton.setIcon(icons.icon("insert-field"))
    view.insertFieldButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    # MainWindow.windowActions (the WindowActions) shadows QWidget.actions() for type checkers.
    actions = window.windowActions
    _set(actions.newAction, "new")
    _set(actions.duplicateAction, "duplicate")
    _set(actions.deleteAction, "delete")
    _set(actions.sendAction, "send")
    library = window.libraryView
    library.newButton.setIcon(icons.icon("new"))
    library.duplicateButton.setIcon(icons.icon("duplicate"))
    library.deleteButton.setIcon(icons.icon("delete"))
    window.sideView.sendTestButton.setIcon(icons.icon("send"))
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
