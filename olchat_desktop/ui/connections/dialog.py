"""The Connections dialog: portals and OLChat lines, where secrets live, and every action.

A banner says so when secrets are not persistent (no system keyring: kept in memory for
this run only); its "Check again" looks for a keyring again off the GUI thread (the user may
have started or unlocked one). In demo mode (no profiles yet) "Use the demo sandbox" fills
the webhook form with the running demo sandbox's webhook. Test and remove run off the GUI
thread in the :class:`TaskRow`. A portal whose refresh token is dead (``invalid_grant``)
offers "Sign in again", which changes only its tokens.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.bitrix.errors import SignInAgainError
from olchat_desktop.connections.errors import user_message
from olchat_desktop.connections.service import ConnectionService
from olchat_desktop.connections.summary import line_summary, portal_summary
from olchat_desktop.core.i18n import Lang, pick
from olchat_desktop.storage.profiles import OlchatLineProfile, PortalProfile, Profile
from olchat_desktop.ui.connections.line_form import OlchatLineDialog
from olchat_desktop.ui.connections.portal_forms import OAuthPortalDialog, WebhookPortalDialog
from olchat_desktop.ui.connections.task_row import TaskRow
from olchat_desktop.ui.tasks import CancelToken, Report, TaskHandle, start_task

ID_ROLE = Qt.ItemDataRole.UserRole


class ConnectionsDialog(QDialog):
    def __init__(
        self,
        service: ConnectionService,
        lang: Lang,
        parent: QWidget | None = None,
        sandbox_holder: Any = None,
    ):
        super().__init__(parent)
        self.setObjectName("connectionsDialog")
        self.service, self.lang = service, lang
        # The main window's demo SandboxHolder (ui.demo_sandbox); None outside demo mode.
        self.sandbox_holder = sandbox_holder
        self.setWindowTitle(pick(lang, "Подключения", "Connections"))
        self.bannerFrame = QFrame()
        self.bannerFrame.setObjectName("secretsBannerFrame")
        self.bannerFrame.setStyleSheet(
            "#secretsBannerFrame { background: #fff3cd; border-radius: 4px; }"
            " #secretsBanner { color: #664d03; }"
        )
        self.banner = QLabel()
        self.banner.setObjectName("secretsBanner")
        self.banner.setWordWrap(True)
        self.locationLabel = QLabel()
        self.locationLabel.setObjectName("secretsLocation")
        self.locationLabel.setWordWrap(True)  # the Russian "not stored" text is long
        self.list = QListWidget()
        self.list.setObjectName("connectionList")
        self.list.setAccessibleName(pick(lang, "Подключения", "Connections"))
        self.detailsLabel = QLabel()
        self.detailsLabel.setObjectName("detailsLabel")
        self.detailsLabel.setWordWrap(True)
        self.detailsLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.taskRow = TaskRow(lang)

        def button(name: str, ru: str, en: str) -> QPushButton:
            b = QPushButton(pick(lang, ru, en))
            b.setObjectName(name)
            return b

        self.addWebhookButton = button(
            "addWebhookButton", "Портал по &вебхуку…", "Portal by &webhook…"
        )
        self.addOAuthButton = button("addOAuthButton", "Портал через &OAuth…", "Portal by &OAuth…")
        self.addLineButton = button("addLineButton", "&Линия OLChat…", "OLChat &line…")
        self.testButton = button("testButton", "&Проверить", "&Test")
        self.editButton = button("editButton", "&Изменить…", "&Edit…")
        self.renameButton = button("renameButton", "Пере&именовать…", "&Rename…")
        self.removeButton = button("removeButton", "&Удалить", "Re&move")
        self.signInAgainButton = button("signInAgainButton", "Войти &заново…", "Sign in &again…")
        self.signInAgainButton.setVisible(False)
        self.recheckButton = button("recheckButton", "Проверить &снова", "C&heck again")
        self.recheckButton.setAutoDefault(False)
        banner_layout = QHBoxLayout(self.bannerFrame)
        banner_layout.setContentsMargins(8, 8, 8, 8)
        banner_layout.addWidget(self.banner, 1)
        banner_layout.addWidget(self.recheckButton)
        self.demoButton = button("demoSandboxButton", "&Демо-песочница…", "Use the &demo sandbox…")
        side = QVBoxLayout()
        for b in (self.addWebhookButton, self.addOAuthButton, self.addLineButton):
            side.addWidget(b)
        side.addWidget(self.demoButton)
        side.addSpacing(12)
        for b in (self.testButton, self.editButton, self.renameButton, self.removeButton):
            side.addWidget(b)
        side.addWidget(self.signInAgainButton)
        side.addStretch(1)
        middle = QHBoxLayout()
        middle.addWidget(self.list, 1)
        middle.addLayout(side)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        # Own text: Qt's translation of standard buttons is not always installed.
        close.button(QDialogButtonBox.StandardButton.Close).setText(pick(lang, "Закрыть", "Close"))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bannerFrame)
        layout.addWidget(self.locationLabel)
        layout.addLayout(middle, 1)
        layout.addWidget(self.detailsLabel)
        layout.addWidget(self.taskRow)
        layout.addWidget(close)
        self.addWebhookButton.clicked.connect(lambda: self.open_form(WebhookPortalDialog))
        self.addOAuthButton.clicked.connect(lambda: self.open_form(OAuthPortalDialog))
        self.addLineButton.clicked.connect(lambda: self.open_form(OlchatLineDialog))
        self.testButton.clicked.connect(self.test_selected)
        self.editButton.clicked.connect(self.edit_selected)
        self.renameButton.clicked.connect(self.rename_selected)
        self.removeButton.clicked.connect(self.remove_selected)
        self.signInAgainButton.clicked.connect(self.sign_in_again)
        self.recheckButton.clicked.connect(self.recheck_keyring)
        self.demoButton.clicked.connect(self.use_demo_sandbox)
        self.list.currentItemChanged.connect(lambda *_: self._selection_changed())
        self.finished.connect(lambda _code: self.taskRow.cancel())
        self.resize(720, 480)
        self._keyring_lookup: TaskHandle | None = None
        self.refresh()

    # -- state ---------------------------------------------------------------------------

    def _show_secrets_location(self) -> None:
        lang, secrets = self.lang, self.service.secrets
        if not secrets.resolved and self._keyring_lookup is None:
            # The first look-up of the keyring talks to D-Bus: do it off the GUI thread,
            # once; a keyring that is still missing afterwards is reported as it is.
            self.locationLabel.setText(
                pick(lang, "Проверяем хранилище ключей…", "Checking the system keyring…")
            )
            self.bannerFrame.setVisible(False)
            self._keyring_lookup = start_task(lambda _token, _report: secrets.mode, self)
            self._keyring_lookup.finished.connect(self._show_secrets_location)
            return
        if self._keyring_lookup is not None and self._keyring_lookup.running:
            return  # the look-up in flight will show it
        self.locationLabel.setText(
            pick(lang, "Где хранятся секреты: ", "Where secrets are stored: ")
            + secrets.location_text(lang)
        )
        self.banner.setText(
            pick(
                lang,
                "В системе нет хранилища ключей: секреты хранятся только в памяти и "
                "забудутся при закрытии приложения.",
                "No system keyring: secrets are kept in memory only and are forgotten "
                "when the app closes.",
            )
        )
        persistent = secrets.persistent
        self.banner.setVisible(not persistent)
        self.bannerFrame.setVisible(not persistent)

    def refresh(self, select: str | None = None) -> None:
        self._show_secrets_location()
        current = select or self.selected_id()
        self.list.clear()
        profiles: list[Profile] = [*self.service.profiles.portals, *self.service.profiles.lines]
        for profile in profiles:
            item = QListWidgetItem(self._item_text(profile))
            item.setData(ID_ROLE, profile.id)
            self.list.addItem(item)
            if profile.id == current:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self.demoButton.setVisible(not profiles)  # demo mode: nothing connected yet
        self._selection_changed()

    def _item_text(self, profile: Profile) -> str:
        lang = self.lang
        if isinstance(profile, PortalProfile):
            kind = pick(lang, "вебхук", "webhook") if profile.auth_kind == "webhook" else "OAuth"
            admin = pick(lang, ", админ", ", admin") if profile.is_admin else ""
            return f"{profile.name} — {profile.domain} ({kind}{admin})"
        return f"{profile.name} — OLChat +{profile.line_phone}"

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(ID_ROLE))

    def selected(self) -> Profile | None:
        pid = self.selected_id()
        return None if pid is None else self.service.profiles.get(pid)

    def _selection_changed(self) -> None:
        has = self.selected_id() is not None
        for b in (self.testButton, self.editButton, self.renameButton, self.removeButton):
            b.setEnabled(has)
        self.signInAgainButton.setVisible(False)
        profile = self.selected()
        self.detailsLabel.setText("" if profile is None else self._details(profile))

    def _details(self, profile: Profile) -> str:
        if isinstance(profile, OlchatLineProfile):
            return f"{profile.base_url}"
        scopes = ", ".join(profile.scopes) or "—"
        ca = profile.ca_bundle_path or pick(self.lang, "системные", "system")
        return (
            pick(self.lang, "Права: ", "Scopes: ")
            + scopes
            + pick(self.lang, f"\nСертификаты CA: {ca}", f"\nCA certificates: {ca}")
        )

    # -- actions -------------------------------------------------------------------------

    def open_form(self, form: Any, profile: Profile | None = None) -> bool:
        dialog = form(self.service, self.lang, profile, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.refresh(select=profile.id if profile else None)
        return bool(accepted)

    def edit_selected(self) -> None:
        profile = self.selected()
        if isinstance(profile, OlchatLineProfile):
            self.open_form(OlchatLineDialog, profile)
        elif isinstance(profile, PortalProfile):
            kind = WebhookPortalDialog if profile.auth_kind == "webhook" else OAuthPortalDialog
            self.open_form(kind, profile)

    def sign_in_again(self) -> None:
        profile = self.selected()
        if isinstance(profile, PortalProfile):
            self.open_form(OAuthPortalDialog, profile)

    def test_selected(self) -> None:
        profile = self.selected()
        if profile is None:
            return
        pid, is_line = profile.id, isinstance(profile, OlchatLineProfile)

        def work(token: CancelToken, report: Report) -> Any:
            return self.service.test_line(pid) if is_line else self.service.test_portal(pid)

        def done(result: Any) -> None:
            self.refresh(select=pid)
            text = line_summary(result, self.lang) if is_line else portal_summary(result, self.lang)
            self.detailsLabel.setText(text)
            self.taskRow.show_text(pick(self.lang, "Проверено.", "Tested."))

        self.taskRow.run(work, pick(self.lang, "Проверка…", "Testing…"), done, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.taskRow.show_error(error)
        # A dead refresh token: offer a new sign-in; nothing stored was changed.
        self.signInAgainButton.setVisible(isinstance(error, SignInAgainError))

    def rename_selected(self) -> None:
        profile = self.selected()
        if profile is None:
            return
        name, ok = QInputDialog.getText(
            self,
            pick(self.lang, "Переименовать", "Rename"),
            pick(self.lang, "Название:", "Name:"),
            text=profile.name,
        )
        if not ok or not name.strip():
            return
        try:
            self.service.rename(profile.id, name.strip())
        except Exception as exc:  # duplicate name, disk full: say why, keep the dialog
            self.taskRow.show_error(exc)
            return
        self.refresh(select=profile.id)

    def remove_selected(self, confirm: bool = True) -> None:
        profile = self.selected()
        if profile is None:
            return
        if confirm:
            answer = QMessageBox.question(
                self,
                pick(self.lang, "Удалить подключение", "Remove connection"),
                pick(
                    self.lang,
                    f"Удалить «{profile.name}» и его секреты из хранилища ключей?",
                    f"Remove '{profile.name}' and its secrets from the keyring?",
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        pid = profile.id

        def work(token: CancelToken, report: Report) -> Any:
            self.service.remove(pid)  # keyring calls may block: off the GUI thread

        def removed(_result: Any) -> None:
            self.refresh()
            self.taskRow.show_text(pick(self.lang, "Удалено.", "Removed."))

        self.taskRow.run(work, pick(self.lang, "Удаление…", "Removing…"), removed)

    def recheck_keyring(self) -> None:
        """Look for a system keyring again; secrets held in memory move into it if found."""
        secrets = self.service.secrets

        def work(token: CancelToken, report: Report) -> Any:
            return secrets.recheck()  # may block on D-Bus or an unlock prompt

        def done(_mode: Any) -> None:
            self.refresh()
            if secrets.persistent:
                text = pick(
                    self.lang,
                    "Хранилище ключей найдено: секреты сохраняются в нём.",
                    "Keyring found: secrets are stored in it.",
                )
            else:
                text = pick(
                    self.lang,
                    "Хранилище ключей по-прежнему недоступно.",
                    "Still no usable keyring.",
                )
            self.taskRow.show_text(text)

        self.taskRow.run(
            work,
            pick(self.lang, "Поиск хранилища ключей…", "Looking for a keyring…"),
            done,
        )

    def demo_sandbox_form(self) -> WebhookPortalDialog | None:
        """The webhook form filled with the running demo sandbox's webhook, or None."""
        sandbox = getattr(self.sandbox_holder, "sandbox", None)
        if sandbox is None:
            self.taskRow.show_text(
                pick(
                    self.lang,
                    "Демо-песочница не запущена: она запускается в демо-режиме через "
                    "мгновение после открытия главного окна.",
                    "The demo sandbox is not running: in demo mode it starts a moment "
                    "after the main window opens.",
                )
            )
            return None
        form = WebhookPortalDialog(self.service, self.lang, None, self)
        form.nameEdit.setText(pick(self.lang, "Демо-песочница", "Demo sandbox"))
        form.webhookEdit.setText(sandbox.webhook_url("admin"))
        form.saveButton.setFocus()
        return form

    def use_demo_sandbox(self) -> None:
        form = self.demo_sandbox_form()
        if form is not None:
            form.exec()
            self.refresh()

    def error_text(self, error: BaseException) -> str:
        return user_message(error, self.lang)
