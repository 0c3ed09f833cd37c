"""Choosing the team library's profile and Disk folder in the window (issue 19), against
the sandbox: storages listed (common, group, user), browsing down and up, creating
«OLChat шаблоны» (reused when it exists), the choice written to the sync state and used
by the next sync, Cancel, and a specific message for each failure."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytestqt.qtbot import QtBot

from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sharing.browse import PROFILE_CHOICE
from olchat_desktop.sharing.folders import DEFAULT_FOLDER_NAME
from olchat_desktop.sharing.state import SyncState
from olchat_desktop.ui import i18n
from olchat_desktop.ui.demo_sandbox import running_sandbox
from olchat_desktop.ui.main_window import MainWindow
from olchat_desktop.ui.sharing.folder_dialog import FolderDialog, ProfileChoice
from olchat_desktop.ui.sharing.sync_target import SyncTarget

PROFILE = "portal-1"


def _idle(qtbot: QtBot, dialog: FolderDialog) -> None:
    qtbot.waitUntil(lambda: dialog.handle is not None and not dialog.handle.running, timeout=15_000)


def _choice(url: str, transport: httpx.BaseTransport | None = None) -> ProfileChoice:
    def target() -> SyncTarget:
        client = BitrixClient(
            WebhookAuth(url), rate_profile="off", sleep=lambda _s: None, transport=transport
        )
        return SyncTarget(client, PROFILE)

    return ProfileChoice("Портал", PROFILE, target)


@pytest.fixture
def portal(sandbox: Sandbox) -> Sandbox:
    sandbox.rate_profile = "off"
    return sandbox


@pytest.fixture
def dialog(qtbot: QtBot, portal: Sandbox) -> Iterator[FolderDialog]:
    made = FolderDialog([_choice(portal.webhook_url("manager"))])
    qtbot.addWidget(made)
    _idle(qtbot, made)
    yield made
    made.cancel()


def _folders(dialog: FolderDialog) -> list[str]:
    return [dialog.folderList.item(i).text() for i in range(dialog.folderList.count())]


def _select(dialog: FolderDialog, name: str) -> Any:
    row = _folders(dialog).index(name)
    dialog.folderList.setCurrentRow(row)
    return dialog.folderList.item(row)


def test_storages_browse_create_and_choose(
    qtbot: QtBot, dialog: FolderDialog, portal: Sandbox
) -> None:
    storages = [dialog.storageCombo.itemText(i) for i in range(dialog.storageCombo.count())]
    assert storages[0] == "Common: Общий диск"  # the common storage first, then groups, mine
    assert "Group: Отдел продаж" in storages and storages[-1].startswith("My Disk:")
    disk = portal.portal.disk
    root = disk.objects[disk.common_storage().root_id]
    clients = disk.add_folder(root, "Клиенты", 1)
    disk.add_folder(clients, "Архив", 1)
    dialog.storageCombo.activated.emit(0)  # re-read the root
    _idle(qtbot, dialog)
    assert _folders(dialog) == ["Клиенты"] and not dialog.upButton.isEnabled()
    dialog.folderList.itemDoubleClicked.emit(_select(dialog, "Клиенты"))
    _idle(qtbot, dialog)
    assert _folders(dialog) == ["Архив"] and dialog.whereLabel.text() == "Общий диск / Клиенты"
    assert dialog.upButton.isEnabled()

    with qtbot.waitSignal(dialog.chosen, timeout=15_000) as chosen:
        dialog.createButton.click()
    profile, folder = chosen.args
    made = disk.objects[folder.folder_id]
    assert profile == PROFILE and made.name == DEFAULT_FOLDER_NAME
    assert made.parent_id == clients.id
    state = SyncState()
    try:
        stored = state.folder(PROFILE)
        assert stored is not None and stored.folder_id == made.id
        assert state.choice(PROFILE_CHOICE) == PROFILE  # "Sync now" uses it from now on
    finally:
        state.close()


def test_create_reuses_an_existing_folder_and_up_goes_back(
    qtbot: QtBot, dialog: FolderDialog, portal: Sandbox
) -> None:
    disk = portal.portal.disk
    root = disk.objects[disk.common_storage().root_id]
    existing = disk.add_folder(root, DEFAULT_FOLDER_NAME, 1)
    dialog.storageCombo.activated.emit(0)
    _idle(qtbot, dialog)
    dialog.folderList.itemDoubleClicked.emit(_select(dialog, DEFAULT_FOLDER_NAME))
    _idle(qtbot, dialog)
    dialog.upButton.click()
    _idle(qtbot, dialog)
    assert dialog.whereLabel.text() == "Общий диск" and DEFAULT_FOLDER_NAME in _folders(dialog)
    with qtbot.waitSignal(dialog.chosen, timeout=15_000) as chosen:
        dialog.createButton.click()
    assert chosen.args[1].folder_id == existing.id  # two colleagues, one folder


def test_no_access_and_deleted_folder_get_their_own_messages(
    qtbot: QtBot, dialog: FolderDialog, portal: Sandbox
) -> None:
    disk = portal.portal.disk
    root = disk.objects[disk.common_storage().root_id]
    closed = disk.add_folder(root, "Закрытая", 1)
    gone = disk.add_folder(root, "Удалённая", 1)
    dialog.storageCombo.activated.emit(0)
    _idle(qtbot, dialog)
    disk.set_access(closed.id, 2, "none")
    dialog.folderList.itemDoubleClicked.emit(_select(dialog, "Закрытая"))
    _idle(qtbot, dialog)
    assert dialog.status.text().startswith('No access to the folder "Закрытая"')
    dialog.upButton.click()
    _idle(qtbot, dialog)
    _select(dialog, "Удалённая")
    disk.mark_deleted(gone, 1)
    dialog.useButton.click()
    _idle(qtbot, dialog)
    assert dialog.status.text().startswith('The folder "Удалённая" was deleted')
    assert dialog.isVisible() or not dialog.result()  # still open, nothing chosen


def test_offline_and_quota_messages(qtbot: QtBot, portal: Sandbox) -> None:
    import socket
    from urllib.parse import urlsplit

    with socket.socket() as probe:  # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    url = portal.webhook_url("manager")
    url = url.replace(f":{urlsplit(url).port}/", f":{closed}/")
    offline = FolderDialog([_choice(url)])
    qtbot.addWidget(offline)
    _idle(qtbot, offline)
    assert offline.status.text().startswith("No connection to the portal")
    assert offline.storageCombo.count() == 0

    # One error path the sandbox does not produce for folders (a full storage refuses
    # uploads there): the portal's quota answer to addsubfolder, through a wrapping
    # transport around the real one.
    real = httpx.HTTPTransport()

    class Full(httpx.BaseTransport):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if "disk.folder.addsubfolder" in str(request.url):
                body = {"error": "DISK_QUOTA_EXCEEDED", "error_description": "No space"}
                return httpx.Response(400, json=body)
            return real.handle_request(request)

        def close(self) -> None:
            real.close()

    i18n.install_language("ru")
    full = FolderDialog([_choice(portal.webhook_url("manager"), Full())])
    qtbot.addWidget(full)
    _idle(qtbot, full)
    full.createButton.click()
    _idle(qtbot, full)
    assert full.status.text().startswith("На Диске Битрикс24 не хватает места")
    real.close()


def test_cancel_stops_waiting_at_once(qtbot: QtBot, dialog: FolderDialog) -> None:
    dialog.load_storages()
    assert dialog.handle.running and dialog.cancelButton.isVisibleTo(dialog)
    dialog.cancelButton.click()
    assert not dialog.handle.running and dialog.status.text() == "Cancelled."
    assert not dialog.cancelButton.isVisibleTo(dialog)


def test_window_menu_chooses_the_folder_then_syncs(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    team = window.windowActions.teamLibrary
    qtbot.waitUntil(lambda: running_sandbox(window) is not None, timeout=20_000)
    assert team.folderAction.text() == "Team library folder…"
    dialog = team.open_folder_dialog()
    qtbot.addWidget(dialog)
    _idle(qtbot, dialog)
    group = next(
        i for i in range(dialog.storageCombo.count()) if "Group" in dialog.storageCombo.itemText(i)
    )
    dialog.storageCombo.setCurrentIndex(group)
    dialog.storageCombo.activated.emit(group)
    _idle(qtbot, dialog)
    dialog.grab().save(str(tmp_path / "folder-dialog.png"))
    dialog.createButton.click()
    qtbot.waitUntil(lambda: team.handle is not None, timeout=15_000)
    qtbot.waitUntil(lambda: not team.handle.running, timeout=20_000)
    sandbox = running_sandbox(window)
    disk = sandbox.portal.disk
    state = SyncState()
    try:
        folder = state.folder(team.profile)
    finally:
        state.close()
    assert folder is not None and disk.storages[folder.storage_id].entity_type == "group"
    assert team.stateLabel.text().startswith("Team library: synced at")
    assert window.libraryController.team_scope is not None
