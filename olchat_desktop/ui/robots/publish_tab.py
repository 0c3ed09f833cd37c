"""Publish tab: the current template as an app robot; the app's robots, with Delete.

A webhook portal shows why publishing needs an OAuth app, and the buttons stay off.
``ERROR_ACTIVITY_ALREADY_INSTALLED`` asks "Update?" (:meth:`PublishTab.ask_update`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.bitrix.errors import BitrixError
from olchat_desktop.bitrix.services import BitrixServices
from olchat_desktop.core.i18n import Lang
from olchat_desktop.core.template import Template
from olchat_desktop.robots.codes import robot_code
from olchat_desktop.robots.definition import check_handler_url, robot_definition, same_domain_rule
from olchat_desktop.robots.publish import (
    RobotAlreadyInstalled,
    RobotPublisher,
    RobotPublishError,
    WebhookNotSupported,
)
from olchat_desktop.ui.i18n import LiveTexts, current_language, ui_text
from olchat_desktop.ui.tasks import CancelToken, Report, TaskHandle, start_task

if TYPE_CHECKING:
    from olchat_desktop.ui.robots.portal_option import PortalOption


class PublishTab(QWidget):
    def __init__(
        self,
        current_portal: Callable[[], PortalOption | None],
        current_template: Callable[[], Template | None],
    ) -> None:
        super().__init__()
        self.live = LiveTexts(self)
        self.setObjectName("robotsPublishTab")
        self.current_portal = current_portal
        self.current_template = current_template
        self.task: TaskHandle | None = None
        self.templateLabel = QLabel()
        self.codeLabel = QLabel()
        self.codeLabel.setObjectName("robotCodeLabel")
        self.handlerEdit = QLineEdit()
        self.handlerEdit.setObjectName("handlerEdit")
        self.handlerEdit.setPlaceholderText("https://robots.example.com/b24/wa")
        self.appDomainEdit = QLineEdit()
        self.appDomainEdit.setObjectName("appDomainEdit")
        self.appDomainEdit.setPlaceholderText("robots.example.com")
        self.ruleLabel = self.live.label(lambda: same_domain_rule(self.lang))
        self.ruleLabel.setWordWrap(True)
        self.ruleLabel.setStyleSheet("color: palette(mid);")
        self.webhookLabel = self.live.label(lambda: WebhookNotSupported().message(self.lang))
        self.webhookLabel.setObjectName("webhookRefusal")
        self.webhookLabel.setWordWrap(True)
        self.webhookLabel.setStyleSheet("color: #b3261e;")
        self.publishButton = QPushButton()
        self.live.bind(self.publishButton.setText, lambda: ui_text("Publish robot"))
        self.publishButton.setObjectName("publishRobotButton")
        self.robotList = QListWidget()
        self.robotList.setObjectName("appRobotList")
        self.live.bind(self.robotList.setAccessibleName, lambda: ui_text("The app's robots"))
        self.refreshButton = QPushButton()
        self.live.bind(self.refreshButton.setText, lambda: ui_text("Refresh list"))
        self.deleteButton = QPushButton()
        self.live.bind(self.deleteButton.setText, lambda: ui_text("Delete robot"))
        self.deleteButton.setObjectName("deleteRobotButton")
        self.statusLabel = QLabel()
        self.statusLabel.setObjectName("publishStatus")
        self.statusLabel.setWordWrap(True)

        form = QFormLayout()
        form.addRow(self.live.label(lambda: ui_text("Template:")), self.templateLabel)
        form.addRow("CODE:", self.codeLabel)
        form.addRow(self.live.label(lambda: ui_text("Handler URL:")), self.handlerEdit)
        form.addRow(self.live.label(lambda: ui_text("App domain:")), self.appDomainEdit)
        listButtons = QHBoxLayout()
        listButtons.addWidget(self.refreshButton)
        listButtons.addWidget(self.deleteButton)
        listButtons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.webhookLabel)
        layout.addLayout(form)
        layout.addWidget(self.ruleLabel)
        layout.addWidget(self.publishButton)
        layout.addWidget(self.live.label(lambda: ui_text("This app's robots:")))
        layout.addWidget(self.robotList, 1)
        layout.addLayout(listButtons)
        layout.addWidget(self.statusLabel)
        self.publishButton.clicked.connect(self.publish)
        self.refreshButton.clicked.connect(self.refresh)
        self.deleteButton.clicked.connect(self.delete_selected)
        self.handlerEdit.textChanged.connect(self._update_state)
        self.appDomainEdit.textChanged.connect(self._update_state)
        self.robotList.currentRowChanged.connect(self._update_state)

    @property
    def lang(self) -> Lang:
        """The window's language now: texts made later follow a switch."""
        return current_language()

    # -- state ----------------------------------------------------------------------------

    def portal_changed(self) -> None:
        self.robotList.clear()
        template = self.current_template()
        name = template.name if template else ""
        self.live.set(self.templateLabel, lambda: name or ui_text("(no template)"))
        self.codeLabel.setText(robot_code(name) if template else "—")
        portal = self.current_portal()
        if portal is not None and portal.app_domain and not self.appDomainEdit.text():
            self.appDomainEdit.setText(portal.app_domain)
        self._update_state()
        if portal is not None and not portal.webhook:
            self.refresh()

    def _is_app_portal(self) -> bool:
        portal = self.current_portal()
        return portal is not None and not portal.webhook

    def _update_state(self) -> None:
        portal = self.current_portal()
        self.webhookLabel.setVisible(portal is not None and portal.webhook)
        busy = self.task is not None and self.task.running
        app = self._is_app_portal() and not busy
        problem = check_handler_url(self.handlerEdit.text(), self.appDomainEdit.text() or None)
        typed = bool(self.handlerEdit.text().strip())
        self.publishButton.setEnabled(app and self.current_template() is not None and not problem)
        self.refreshButton.setEnabled(app)
        self.deleteButton.setEnabled(app and self.robotList.currentItem() is not None)
        if typed and problem is not None and not busy:
            self.live.set(self.statusLabel, lambda: problem.message(self.lang))
        elif not busy and self.statusLabel.property("handlerHint"):
            self.live.set(self.statusLabel, lambda: "")
        self.statusLabel.setProperty("handlerHint", typed and problem is not None)

    # -- actions --------------------------------------------------------------------------

    def ask_update(self, code: str) -> bool:
        """Asked on ALREADY_INSTALLED; tests replace it."""
        answer = QMessageBox.question(
            self, self.windowTitle(), RobotAlreadyInstalled(code).message(self.lang)
        )
        return answer == QMessageBox.StandardButton.Yes

    def publish(self, update: bool = False) -> None:
        template, portal = self.current_template(), self.current_portal()
        if template is None or portal is None:
            return
        definition = robot_definition(template, self.handlerEdit.text())
        domain = self.appDomainEdit.text().strip() or None

        def work(token: CancelToken, report: Report) -> Any:
            with portal.open_client() as client:
                publisher = RobotPublisher(BitrixServices(client))
                outcome = publisher.publish(
                    definition, update_if_installed=update, app_domain=domain
                )
                return outcome, publisher.list_codes()

        self._run(work, self._published, ui_text("Publishing…"))

    def _published(self, result: Any) -> None:
        outcome, codes = result
        self._show_codes(codes)
        if outcome.action == "added":
            self.live.set(
                self.statusLabel,
                lambda: ui_text("Robot {code} published.").format(code=outcome.code),
            )
        else:
            self.live.set(
                self.statusLabel, lambda: ui_text("Robot {code} updated.").format(code=outcome.code)
            )

    def refresh(self) -> None:
        portal = self.current_portal()
        if portal is None or portal.webhook:
            return

        def work(token: CancelToken, report: Report) -> Any:
            with portal.open_client() as client:
                return RobotPublisher(BitrixServices(client)).list_codes()

        self._run(work, self._show_codes, ui_text("Loading the list…"))

    def delete_selected(self) -> None:
        item, portal = self.robotList.currentItem(), self.current_portal()
        if item is None or portal is None:
            return
        code = item.text()

        def work(token: CancelToken, report: Report) -> Any:
            with portal.open_client() as client:
                publisher = RobotPublisher(BitrixServices(client))
                publisher.delete(code)
                return publisher.list_codes()

        def done(codes: Any) -> None:
            self._show_codes(codes)
            self.live.set(
                self.statusLabel, lambda: ui_text("Robot {code} deleted.").format(code=code)
            )

        self._run(work, done, ui_text("Deleting…"))

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    # -- plumbing -------------------------------------------------------------------------

    def _run(self, work: Any, on_success: Callable[[Any], None], busy: str) -> None:
        self.cancel()
        self.live.set(self.statusLabel, lambda: busy)
        self.task = start_task(work, self)
        self.task.succeeded.connect(on_success)
        self.task.failed.connect(self._failed)
        self.task.finished.connect(self._update_state)
        self._update_state()

    def _failed(self, error: object) -> None:
        if isinstance(error, RobotAlreadyInstalled):
            if self.ask_update(error.robot_code):
                self.publish(update=True)
            else:
                self.live.set(self.statusLabel, lambda: error.message(self.lang))
            return
        if isinstance(error, RobotPublishError):
            self.live.set(self.statusLabel, lambda: error.message(self.lang))
        elif isinstance(error, BitrixError):
            self.live.set(self.statusLabel, lambda: error.user_message(self.lang))
        else:
            self.live.set(self.statusLabel, lambda: str(error))

    def _show_codes(self, codes: Any) -> None:
        self.robotList.clear()
        self.robotList.addItems([str(code) for code in codes])
        self._update_state()
