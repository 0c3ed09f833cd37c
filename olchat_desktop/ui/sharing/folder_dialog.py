"""Choosing the team library's portal profile and Disk folder (issue 19).

Pick a profile, then a storage (the common one, a group's, your own), browse its
folders (double-click opens one, "Up" goes back), and either use the folder shown or
create «OLChat шаблоны» in it (an existing one of that name is reused). Every portal
call runs in the task pool (``ui.tasks``) with a busy bar and Cancel; a failure says
what went wrong (no access, folder deleted, quota, offline: ``sharing.browse``) and
leaves the dialog usable. The choice is written to the sync state (``browse.choose``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.sharing.folders import DEFAULT_FOLDER_NAME
from olchat_desktop.ui.i18n import LiveTexts, current_language, ui_text

_ID = Qt.ItemDataRole.UserRole


@dataclass
class ProfileChoice:
    label: str
    profile: str  # the sync state's key
    target: Callable[[], Any]  # -> SyncTarget; called in the worker (keyring, client)


class FolderDialog(QDialog):
    chosen = Signal(str, object)  # profile, sharing.state.Folder

    def __init__(self, choices: list[ProfileChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.live = LiveTexts(self)
        from olchat_desktop.sharing.browse import Place

        self.setObjectName("teamFolderDialog")
        self.choices = choices
        self.place: Place | None = None
        self.trail: list[Place] = []  # the places above ``place``, for Up
        self.handle: Any = None
        self.live.bind(self.setWindowTitle, lambda: ui_text("Team library folder"))
        self.resize(560, 520)
        self.profileCombo = QComboBox()
        for choice in choices:
            self.profileCombo.addItem(choice.label, choice.profile)
        self.storageCombo = QComboBox()
        self.whereLabel = QLabel()
        self.whereLabel.setWordWrap(True)
        self.folderList = QListWidget()
        self.hint = QLabel()
        self.live.bind(
            self.hint.setText,
            lambda: ui_text(
                "Double-click a folder to open it. “Use this folder” takes the selected "
                "folder, or the open one when none is selected.",
            ),
        )
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # greyed: a hint, not a message
        self.upButton = QPushButton()
        self.live.bind(self.upButton.setText, lambda: ui_text("Up"))
        self.createButton = QPushButton()
        self.live.bind(
            self.createButton.setText,
            lambda: ui_text("Create «{name}» here").format(name=DEFAULT_FOLDER_NAME),
        )
        self.useButton = QPushButton()
        self.live.bind(self.useButton.setText, lambda: ui_text("Use this folder"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: Disk gives no totals to count against
        self.progress.setTextVisible(False)
        self.cancelButton = QPushButton()
        self.live.bind(self.cancelButton.setText, lambda: ui_text("Cancel"))
        self.status = QLabel()
        self.status.setObjectName("teamFolderStatus")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.live.label(lambda: ui_text("Portal profile")), self.profileCombo)
        form.addRow(self.live.label(lambda: ui_text("Storage")), self.storageCombo)
        actions = QHBoxLayout()
        for button in (self.upButton, self.createButton):
            actions.addWidget(button)
        actions.addStretch(1)
        busy = QHBoxLayout()
        busy.addWidget(self.progress, 1)
        busy.addWidget(self.cancelButton)
        close = QDialogButtonBox()
        close.addButton(self.useButton, QDialogButtonBox.ButtonRole.AcceptRole)
        close.addButton(QDialogButtonBox.StandardButton.Close)
        self.live.bind(
            close.button(QDialogButtonBox.StandardButton.Close).setText, lambda: ui_text("Close")
        )
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.whereLabel)
        layout.addWidget(self.folderList, 1)
        layout.addWidget(self.hint)
        layout.addLayout(actions)
        layout.addLayout(busy)
        layout.addWidget(self.status)
        layout.addWidget(close)
        self.profileCombo.currentIndexChanged.connect(lambda _i: self.load_storages())
        self.storageCombo.activated.connect(lambda _i: self._open_storage())
        self.folderList.itemDoubleClicked.connect(self._open_folder)
        self.upButton.clicked.connect(self._up)
        self.createButton.clicked.connect(self._create)
        self.useButton.clicked.connect(self._use)
        self.cancelButton.clicked.connect(self.cancel)
        self._set_busy(False)
        if choices:
            self.load_storages()
        else:
            self.live.bind(
                self.status.setText,
                lambda: ui_text("Connect a Bitrix24 portal first (File → Connections…)."),
            )

    @property
    def lang(self) -> Lang:
        """The window's language now: texts made later follow a switch."""
        return current_language()

    # -- portal calls in the task pool ---------------------------------------------------

    def _run(self, work: Callable[[Any], Any], done: Callable[[Any], None], busy: str) -> None:
        """``work(disk)`` in the task pool for the chosen profile, then ``done(result)``."""
        from olchat_desktop.ui.tasks import start_task

        if self.handle is not None and self.handle.running:
            self.handle.cancel()
        choice = self.choices[max(self.profileCombo.currentIndex(), 0)]

        def task(token: Any, _report: Any) -> Any:
            from olchat_desktop.bitrix.disk import DiskClient

            target = choice.target()
            disk = DiskClient(target.client)
            try:
                token.check()
                return work(disk)
            finally:
                disk.close()
                target.client.close()

        self.live.set(self.status, lambda: busy)
        self._set_busy(True)
        self.handle = start_task(task, self)
        self.handle.succeeded.connect(done)
        self.handle.failed.connect(self._failed)
        self.handle.cancelled.connect(
            lambda: self.live.set(self.status, lambda: text(self.lang, "Cancelled."))
        )
        self.handle.finished.connect(lambda: self._set_busy(False))

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()

    def _failed(self, error: object) -> None:
        from olchat_desktop.sharing.browse import message

        self.live.set(
            self.status,
            lambda: message(error, self.lang) if isinstance(error, BaseException) else str(error),
        )

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancelButton.setVisible(busy)
        for widget in (self.upButton, self.createButton, self.useButton, self.folderList):
            widget.setEnabled(not busy and self.place is not None)
        self.upButton.setEnabled(not busy and bool(self.trail))
        self.storageCombo.setEnabled(not busy and self.storageCombo.count() > 0)

    # -- browsing ------------------------------------------------------------------------

    def load_storages(self) -> None:
        from olchat_desktop.sharing.browse import storages

        self.place, self.trail = None, []
        self.whereLabel.clear()
        self.storageCombo.clear()
        self.folderList.clear()
        self._run(storages, self._show_storages, text(self.lang, "Reading the storages…"))

    def _show_storages(self, found: Any) -> None:
        self.storageCombo.clear()
        for storage in found:
            self.storageCombo.addItem(self._storage_label(storage), storage)
        self.status.clear()
        if found:
            self._open_storage()

    def _storage_label(self, storage: Any) -> str:
        if storage.entity_type == "common":
            return text(self.lang, "Common: {name}").format(name=storage.name)
        if storage.entity_type == "group":
            return text(self.lang, "Group: {name}").format(name=storage.name)
        return text(self.lang, "My Disk: {name}").format(name=storage.name)

    def _open_storage(self) -> None:
        from olchat_desktop.sharing.browse import Place

        storage = self.storageCombo.currentData()
        if storage is not None:
            self.trail = []
            self._browse(Place(storage, storage.root_id))

    def _open_folder(self, item: QListWidgetItem) -> None:
        from olchat_desktop.sharing.browse import Place

        if self.place is None:
            return
        self.trail.append(self.place)
        place = self.place
        self._browse(Place(place.storage, int(item.data(_ID)), (*place.path, item.text())))

    def _up(self) -> None:
        if self.trail:
            self._browse(self.trail.pop())

    def _browse(self, place: Any) -> None:
        from olchat_desktop.sharing.browse import subfolders

        self.place = place
        self.whereLabel.setText(" / ".join((place.storage.name, *place.path)))
        self.folderList.clear()
        self._run(
            lambda disk: subfolders(disk, place),
            self._show_folders,
            text(self.lang, "Reading the folders…"),
        )

    def _show_folders(self, items: Any) -> None:
        self.folderList.clear()
        for item in items:
            row = QListWidgetItem(item.name)
            row.setData(_ID, item.id)
            self.folderList.addItem(row)
        self.status.clear()

    # -- choosing ------------------------------------------------------------------------

    def _create(self) -> None:
        from olchat_desktop.sharing.browse import create_folder

        place = self.place
        if place is not None:
            self._run(
                lambda disk: create_folder(disk, place),
                lambda item: self._choose(place.storage.id, item),
                text(self.lang, "Creating the folder…"),
            )

    def _use(self) -> None:
        from olchat_desktop.sharing.browse import check_folder

        place = self.place
        if place is None:
            return
        current = self.folderList.currentItem()
        folder_id = int(current.data(_ID)) if current is not None else place.folder_id
        name = current.text() if current is not None else place.name
        self._run(
            lambda disk: check_folder(disk, folder_id, name),
            lambda item: self._choose(place.storage.id, item),
            text(self.lang, "Checking the folder…"),
        )

    def _choose(self, storage_id: int, item: Any) -> None:
        from olchat_desktop.sharing.browse import choose
        from olchat_desktop.sharing.state import SyncState

        profile = str(self.profileCombo.currentData())
        state = SyncState()
        try:
            folder = choose(state, profile, storage_id, item)
        finally:
            state.close()
        self.live.set(
            self.status,
            lambda: text(self.lang, "The team library is «{name}».").format(name=item.name),
        )
        self.chosen.emit(profile, folder)
        self.accept()
