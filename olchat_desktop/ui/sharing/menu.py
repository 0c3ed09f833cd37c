"""File menu actions for the team library and its state in the status bar (issue 19).

"Sync team library now" runs one sync in the task pool (``ui.tasks``), never on the GUI
thread, and from then on the window syncs again every 5 minutes. "Share this template
with the team" marks the open template as shared and syncs. "Team library conflicts…"
opens the side-by-side view; "Who changed it" shows Disk's versions of the open
template. The status bar's label says the outcome: synced (with the time), conflicts,
offline, or the error. The editor's pending autosave is flushed first, so the sync sees
what was typed; the open template is reloaded only when a sync changed it (unsaved
typing is kept as a local copy first). Texts are msgids (``ui_text``) made
again on a language change, the status label's too. Only this module is imported at
start-up; the sync machinery (httpx, pydantic) loads on the first use.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMenu, QWidget

from olchat_desktop.core.i18n import text
from olchat_desktop.ui import i18n
from olchat_desktop.ui.i18n import ui_ntext, ui_text

AUTO_SYNC_MS = 5 * 60 * 1000


class TeamLibraryActions(QObject):
    def __init__(self, window: QWidget, menu: QMenu) -> None:
        super().__init__(window)
        self.window: Any = window
        self.syncAction = QAction(window)
        self.syncAction.setObjectName("teamSyncAction")
        self.syncAction.triggered.connect(lambda: self.sync_now())
        self.shareAction = QAction(window)
        self.shareAction.setObjectName("teamShareAction")
        self.shareAction.triggered.connect(self.share_current)
        self.conflictsAction = QAction(window)
        self.conflictsAction.setObjectName("teamConflictsAction")
        self.conflictsAction.setEnabled(False)  # until a sync has found some
        self.conflictsAction.triggered.connect(self.open_conflicts)
        self.versionsAction = QAction(window)
        self.versionsAction.setObjectName("teamVersionsAction")
        self.versionsAction.setEnabled(False)  # until a sync tells which profile
        self.versionsAction.triggered.connect(self.open_versions)
        self.folderAction = QAction(window)
        self.folderAction.setObjectName("teamFolderAction")
        self.folderAction.triggered.connect(self.open_folder_dialog)
        menu.addAction(self.syncAction)
        menu.addAction(self.shareAction)
        menu.addAction(self.conflictsAction)
        menu.addAction(self.versionsAction)
        menu.addAction(self.folderAction)
        self.folderDialog: Any = None
        from olchat_desktop.ui.sharing.sidebar import remembered_profile

        self.chosen_profile: str | None = remembered_profile()  # from the folder dialog
        self.profile: str | None = None  # the sync state's key of the last sync
        # Background sync: once the user has synced in this session, again every few
        # minutes (no portal traffic for people who never use the team library).
        self.autoSyncTimer = QTimer(self)
        self.autoSyncTimer.setInterval(AUTO_SYNC_MS)
        self.autoSyncTimer.timeout.connect(self._auto_sync)
        self.stateLabel = QLabel()
        self.stateLabel.setObjectName("teamLibraryState")
        window.statusBar().addPermanentWidget(self.stateLabel)  # type: ignore[attr-defined]
        self.handle: Any = None
        self.versionsHandle: Any = None
        self.versionsDialog: Any = None
        self.conflictsDialogOpen = False  # no background sync under an open conflict view
        self.last_report: Any = None
        # Makes the label's text in the current language (again after a switch).
        self._state: Callable[[], str] = str
        window.installEventFilter(self)
        self.retranslate()

    # -- texts ---------------------------------------------------------------------------

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.syncAction.setText(text(lang, "Sync team library now"))
        self.shareAction.setText(text(lang, "Share this template with the team"))
        self.conflictsAction.setText(text(lang, "Team library conflicts…"))
        self.versionsAction.setText(text(lang, "Who changed it (portal versions)…"))
        self.folderAction.setText(text(lang, "Team library folder…"))
        self._set_label(self._state())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False

    def _show(self, make: Callable[[], str], tooltip: str = "") -> None:
        self._state = make
        self._set_label(make())
        self.stateLabel.setToolTip(tooltip)

    def _set_label(self, text: str) -> None:
        self.stateLabel.setText(text)
        # The status bar keeps a permanent widget's first width; a longer text was clipped.
        self.stateLabel.setMinimumWidth(self.stateLabel.sizeHint().width())

    # -- commands ------------------------------------------------------------------------

    def share_current(self) -> None:
        template_id = self._current_id()
        if template_id:
            self.sync_now(share=[template_id])

    def sync_now(self, share: list[str] | None = None) -> None:
        if self.handle is not None and self.handle.running:
            return
        lang = i18n.current_language()
        save_now = getattr(self.window.libraryController, "save_now", None)
        if callable(save_now):
            save_now()  # the sync must see what was typed
        try:
            target = self._target(lang)
        except Exception as error:  # no portal, unreadable profiles, missing secret
            from olchat_desktop.connections.errors import user_message

            shown = str(error) if type(error).__name__ == "NoPortalError" else ""
            shown = shown or user_message(error, lang)
            self._show(lambda: shown)
            return
        if target is None:
            self._show(lambda: ui_text("The sandbox is still starting…"))
            return
        from olchat_desktop.ui.sharing.sync_target import run_sync
        from olchat_desktop.ui.tasks import start_task

        library = self.window.library
        self.profile = target.profile
        self._show(lambda: ui_text("Syncing the team library…"))
        self.syncAction.setEnabled(False)
        self.handle = start_task(
            lambda token, _report: run_sync(target, library, lang, token, share), self
        )
        self.handle.succeeded.connect(self._done)
        self.handle.failed.connect(self._failed)
        self.handle.finished.connect(lambda: self.syncAction.setEnabled(True))

    def _target(self, lang: Any) -> Any:
        from olchat_desktop.ui.sharing.sync_target import demo_target, profile_target

        if getattr(self.window, "demo", False):
            from olchat_desktop.ui.demo_sandbox import running_sandbox

            sandbox = running_sandbox(self.window)
            return demo_target(sandbox) if sandbox is not None else None
        from olchat_desktop.ui.connections.menu import connection_service

        return profile_target(connection_service(self.window), lang, self.chosen_profile)

    # -- outcomes ------------------------------------------------------------------------

    def _auto_sync(self) -> None:
        if self.profile is not None and not self.conflictsDialogOpen:
            self.sync_now()

    def _done(self, report: Any) -> None:
        self.last_report = report
        if not self.autoSyncTimer.isActive():
            self.autoSyncTimer.start()
        details = "\n".join(report.lines(i18n.current_language()))
        stamp = time.strftime("%H:%M")
        if report.offline:
            self._show(lambda: ui_text("Team library: offline"), details)
        elif report.errors:
            self._show(lambda: ui_text("Team library: error"), details)
        elif report.conflicts:
            count = len(report.conflicts)
            self._show(
                lambda: ui_ntext(
                    "Team library: {count} conflict", "Team library: {count} conflicts", count
                ).format(count=count),
                details,
            )
        else:
            self._show(
                lambda: ui_text("Team library: synced at {stamp}").format(stamp=stamp), details
            )
        self.conflictsAction.setEnabled(bool(report.conflicts))
        self.versionsAction.setEnabled(True)
        changed = {
            item.template_id
            for kind in ("pulled", "restored", "local_copies")
            for item in report.moved[kind]
        }
        touched = {item.template_id for items in report.moved.values() for item in items}
        conflicted = {item.template_id for item in report.conflicts}
        self._reread(changed, touched | conflicted, offline=report.offline)

    def _current_id(self) -> str | None:
        current = getattr(self.window.libraryController, "current_id", None)
        value = current() if callable(current) else current
        return str(value) if value else None

    def _reread(
        self, changed: set[str], touched: set[str] | None = None, offline: bool = False
    ) -> None:
        """Show what the sync changed. The open template is reloaded only when the sync
        changed it; typing not yet autosaved is first kept as a local copy, so it is
        neither lost nor written silently over the colleague's version. The sidebar's
        touched rows and sync states update in place (``controllers.library_team``)."""
        controller = self.window.libraryController
        current = self._current_id()
        if current is not None and current in changed:
            if getattr(controller, "dirty", False):
                self._keep_typing_as_copy()
            reload_current = getattr(controller, "reload_current", None)
            if callable(reload_current):
                reload_current()
        from olchat_desktop.ui.sharing import sidebar as library_team

        if self.profile is not None:
            library_team.show_team(controller, library_team.scope_for(self.profile))
        library_team.after_sync(controller, (touched or set()) | changed, offline=offline)

    def _keep_typing_as_copy(self) -> None:
        from olchat_desktop.core.template_draft import new_template_id

        lang = i18n.current_language()
        draft = self.window.editor.draft()
        label = text(lang, "my edits")
        copy = draft.replace(id=new_template_id(), name=f"{draft.name} ({label})")
        self.window.library.create_draft(copy)
        self.window.statusBar().showMessage(
            text(
                lang, 'The template changed on the portal; your edits were kept as "{name}".'
            ).format(name=copy.name),
            15_000,
        )

    def open_folder_dialog(self) -> Any:
        """Choose the profile and the Disk folder (``folder_choice``)."""
        from olchat_desktop.ui.sharing.folder_choice import open_folder_dialog

        self.folderDialog = open_folder_dialog(self)
        return self.folderDialog

    def open_versions(self) -> None:
        """Disk's version list of the open template, read in the task pool."""
        template_id = self._current_id()
        if self.profile is None or template_id is None:
            return
        from olchat_desktop.sharing.state import SyncState

        state = SyncState()
        try:
            entry = state.entries(self.profile).get(template_id)
        finally:
            state.close()
        lang = i18n.current_language()
        if entry is None or entry.file_id is None:
            self._show(lambda: ui_text("This template is not shared."))
            return
        try:
            target = self._target(lang)
        except Exception as error:
            reason = str(error)  # the except clause unbinds ``error``
            self._show(lambda: reason)
            return
        if target is None:
            return
        from olchat_desktop.ui.sharing.sync_target import file_versions
        from olchat_desktop.ui.tasks import start_task

        file_id, name = entry.file_id, self.window.library.get_draft(template_id).name
        self.versionsHandle = start_task(
            lambda _token, _report: file_versions(target, file_id), self
        )
        self.versionsHandle.succeeded.connect(lambda rows: self._show_versions(name, rows))
        self.versionsHandle.failed.connect(self._failed)

    def _show_versions(self, name: str, rows: Any) -> None:
        from olchat_desktop.ui.sharing.versions_dialog import VersionsDialog

        self.versionsDialog = VersionsDialog(name, list(rows), self.window)
        self.versionsDialog.open()

    def open_conflicts(self) -> Any:
        """The side-by-side conflict view for the last synced profile (offline work)."""
        if self.profile is None:
            return None
        from olchat_desktop.sharing.conflicts import ConflictDesk
        from olchat_desktop.sharing.state import SyncState
        from olchat_desktop.ui.sharing.conflict_dialog import ConflictDialog

        lang = i18n.current_language()
        state = SyncState()
        desk = ConflictDesk(self.window.library, state, self.profile, lang)
        dialog = ConflictDialog(desk, self.window)
        self.conflictsDialogOpen = True
        dialog.resolved.connect(lambda tid: self._reread({tid}))
        dialog.finished.connect(lambda _code: self._after_conflicts(desk, state))
        dialog.open()
        return dialog

    def _after_conflicts(self, desk: Any, state: Any) -> None:
        self.conflictsDialogOpen = False
        left = len(desk.open_conflicts())
        state.close()
        self.conflictsAction.setEnabled(bool(left))
        if left:
            self._show(
                lambda: ui_ntext(
                    "Team library: {count} conflict", "Team library: {count} conflicts", left
                ).format(count=left)
            )
        else:
            self._show(lambda: ui_text("Team library: conflicts resolved, sync to send"))

    def _failed(self, error: object) -> None:
        from olchat_desktop.bitrix.errors import BitrixError, ConnectionFailedError

        if isinstance(error, ConnectionFailedError):
            self._show(lambda: ui_text("Team library: offline"))
            self._reread(set(), offline=True)
        elif isinstance(error, BitrixError):
            self._show(lambda: error.user_message(i18n.current_language()))
        else:
            self._show(lambda: ui_text("Sync failed: ") + str(error))


def add_team_library_actions(window: QWidget, menu: QMenu) -> TeamLibraryActions:
    return TeamLibraryActions(window, menu)
