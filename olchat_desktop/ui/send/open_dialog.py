"""Open the send dialog and the send history from the main window.

Connections: the portal and line profiles; with none (demo mode), the embedded sandbox's
demo portal and line. The sandbox is the window's demo sandbox when it runs, else one
started here (off the GUI thread) and stopped with the dialog.
"""

from __future__ import annotations

import uuid
from typing import Any

from PySide6.QtWidgets import QWidget

from olchat_desktop.core.template import Template
from olchat_desktop.send.connections import SendTargets, profile_targets, sandbox_targets
from olchat_desktop.ui.busy import busy_cursor
from olchat_desktop.ui.demo_sandbox import running_sandbox
from olchat_desktop.ui.send.send_controller import SendController
from olchat_desktop.ui.send.send_view import SendView


def load_profile_targets() -> SendTargets:
    from olchat_desktop.storage.profiles import ProfilesError, ProfileStore
    from olchat_desktop.storage.secret_store_factory import shared_secret_store

    store = ProfileStore(shared_secret_store())
    try:
        store.load()
    except ProfilesError:
        return SendTargets((), ())
    return profile_targets(store)


def build_send_dialog(
    parent: QWidget | None, template: Any, targets: SendTargets
) -> tuple[SendView, SendController]:
    view = SendView(parent)
    controller = SendController(view, template, targets)
    return view, controller


def open_send_dialog(window: Any) -> None:
    """``WindowActions.open_send_dialog`` calls this (``window.send_dialog_factory``)."""
    library = window.libraryController
    library.save_now()
    if library.current_id is None:
        return
    own_sandbox = None
    with busy_cursor():
        template = window.library.get(library.current_id)
        targets = load_profile_targets()
        if targets.empty:
            sandbox = running_sandbox(window)
            if sandbox is None:
                from olchat_desktop.sandbox import Sandbox

                own_sandbox = sandbox = Sandbox().start()  # loopback bind: milliseconds
            targets = sandbox_targets(sandbox)
        view, controller = build_send_dialog(window, template, targets)
    try:
        view.exec()
    finally:
        controller.close()
        if own_sandbox is not None:
            own_sandbox.stop()


def open_send_history(window: Any) -> None:
    from olchat_desktop.send.history import SendHistory
    from olchat_desktop.ui.send.history_view import SendHistoryDialog

    def open_copy(sent: Template) -> None:
        # "Open as sent": a copy in the library, so the original stays as it is now.
        copy = sent.model_copy(update={"id": uuid.uuid4().hex, "name": f"{sent.name} (sent)"})
        window.library.save(copy)
        window.libraryController.refresh(copy.id)
        window.libraryController.open_template(copy.id)

    SendHistoryDialog(SendHistory(), window, on_open=open_copy).exec()
