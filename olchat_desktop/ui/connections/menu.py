"""The main window's "Connections…" command (its menu entry is built by WindowActions) and
the service behind it.

Imported when the command is first chosen (start-up budget, issue 17); issue 4's UI lives
in this package.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from olchat_desktop.core.i18n import text
from olchat_desktop.ui import i18n


def connection_service(window: Any) -> Any:
    """One ConnectionService per window, created on first use (keyring loads lazily)."""
    service = getattr(window, "connection_service", None)
    if service is None:
        from olchat_desktop.connections.service import ConnectionService
        from olchat_desktop.storage.profiles import ProfileStore
        from olchat_desktop.storage.secret_store_factory import shared_secret_store

        profiles = ProfileStore(shared_secret_store())
        profiles.load()
        service = ConnectionService(profiles)
        window.connection_service = service
    return service


def open_connections(window: QWidget) -> None:
    from olchat_desktop.ui.busy import busy_cursor

    try:
        with busy_cursor():  # the first opening loads the clients and the profiles
            from olchat_desktop.ui.connections.dialog import ConnectionsDialog

            service = connection_service(window)
    except Exception as exc:  # unreadable profiles file, newer version: say so, no crash
        from PySide6.QtWidgets import QMessageBox

        from olchat_desktop.connections.errors import user_message

        lang = i18n.current_language()
        QMessageBox.warning(window, text(lang, "Connections"), user_message(exc, lang))
        return
    # Demo mode: the window's sandbox holder lets the dialog offer the demo sandbox.
    from olchat_desktop.ui.demo_sandbox import window_sandbox_holder

    holder = window_sandbox_holder(window)
    with busy_cursor():
        dialog = ConnectionsDialog(service, window, sandbox_holder=holder)
    dialog.exec()
