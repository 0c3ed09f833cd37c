"""The dialogs and windows the main window's commands open (``WindowActions`` builds the
menu entries). This module, and the one behind each command, is imported when a command
is first chosen: none of it is on the start-up path (issue 17).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from olchat_desktop.ui.i18n import ui_text

if TYPE_CHECKING:
    from olchat_desktop.ui.window_parts import WindowParts


def open_send_dialog(window: WindowParts) -> None:
    """The send dialog (issue 6) when the app has set its factory; else, the send paths."""
    factory = getattr(window, "send_dialog_factory", None)
    if callable(factory):
        factory(window)
        return
    from PySide6.QtWidgets import QMessageBox

    QMessageBox.information(
        window,
        ui_text("Send a test"),
        ui_text(
            "Two ways to send this template to a test phone:\n\n• OLChat REST: sends a "
            "text version of the message (buttons become numbered options). OLChat's "
            "API has no button-message method.\n\n• Bitrix24 business process: starts "
            "a workflow with the real button robot on a CRM item; the customer sees "
            'real buttons, and with "wait for reply" the chosen button comes '
            "back.\n\nConnect a portal or an OLChat line to send."
        ),
    )


def open_send_history(window: WindowParts) -> None:
    from olchat_desktop.ui.send.open_dialog import open_send_history as open_history

    open_history(window)


def open_history(window: WindowParts) -> None:
    from olchat_desktop.ui.history_dialog import HistoryDialog

    library = window.libraryController
    library.save_now()
    if library.current_id is None:
        return
    dialog = HistoryDialog(window.library, library.current_id)
    if dialog.exec() and dialog.restored:
        library.reload_current()


def open_settings(window: WindowParts) -> None:
    from olchat_desktop.ui.settings_dialog import SettingsDialog

    SettingsDialog(window).exec()


def open_robots(window: WindowParts) -> None:
    from olchat_desktop.ui.robots.open_dialog import open_robots_dialog

    open_robots_dialog(window)


def open_connections(window: WindowParts) -> None:
    from olchat_desktop.ui.connections.menu import open_connections as open_dialog

    open_dialog(window)


def open_dry_run(window: WindowParts) -> None:
    from olchat_desktop.ui.dry_run.open_window import open_dry_run_window

    open_dry_run_window(window)
