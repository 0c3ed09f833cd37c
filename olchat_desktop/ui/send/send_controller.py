"""Behaviour of the send dialog: choices, validation, background steps, the send itself.

Every network step (listing workflow templates, finding CRM items, checking running
workflows, the send and its tracking, terminating) runs through ``ui.tasks.start_task``:
the progress bar and Cancel are live for each, every step reports what it does (the
status line and :attr:`SendController.progress`), and the GUI thread never waits on a
socket. The send control is disabled while a send is in flight, and the
:class:`~olchat_desktop.send.send_id.SendGuard` makes the dialog ask before resending
after a time-out or a network error. The workflow page lives in :mod:`.workflow_steps`,
the send itself (confirmations, guard, history, outcome) in :mod:`.send_steps`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.core.phone import is_valid_phone, normalize_phone
from olchat_desktop.core.template import Template
from olchat_desktop.core.validation import Problem
from olchat_desktop.send import mapping as mapping_rules
from olchat_desktop.send.checks import send_problems
from olchat_desktop.send.connections import SendTargets
from olchat_desktop.send.history import HistoryEntry, SendHistory
from olchat_desktop.send.olchat_path import text_to_send
from olchat_desktop.send.outcome import SendOutcome
from olchat_desktop.send.recent_numbers import load_recent
from olchat_desktop.send.send_id import SendGuard
from olchat_desktop.send.workflow_path import CrmCandidate, WorkflowPortal
from olchat_desktop.ui.i18n import LiveTexts, follow_language, ui_text
from olchat_desktop.ui.send.send_steps import Confirm, SendSteps
from olchat_desktop.ui.send.send_view import SendView
from olchat_desktop.ui.send.workflow_steps import WorkflowSteps
from olchat_desktop.ui.tasks import CancelToken, Report, TaskHandle, start_task

# One guard for the whole app: a second dialog must not double-send either.
APP_GUARD = SendGuard()


def ask_user(parent: QWidget) -> Confirm:
    def confirm(title: str, text: str) -> bool:
        answer = QMessageBox.question(parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    return confirm


def failure_text(error: object, lang: Lang) -> str:
    if hasattr(error, "hint") and hasattr(error, "message"):
        return f"{error.message(lang)} {error.hint(lang)}"
    return error.user_message(lang) if hasattr(error, "user_message") else str(error)


class SendController(WorkflowSteps, SendSteps, QObject):
    """Drives one :class:`SendView` for one template."""

    send_finished = Signal(object)  # SendOutcome
    progress = Signal(str)  # every step's progress text, as the status line shows it

    def __init__(
        self,
        view: SendView,
        template: Template,
        targets: SendTargets,
        *,
        history: SendHistory | None = None,
        guard: SendGuard | None = None,
        mappings: mapping_rules.MappingStore | None = None,
    ) -> None:
        super().__init__(view)
        self.view, self.template, self.targets = view, template, targets
        self.live = LiveTexts(view)
        self.history = history or SendHistory()
        self.guard = guard or APP_GUARD
        self.mappings = mappings or mapping_rules.MappingStore()
        self.confirm: Confirm = ask_user(view)
        self.poll_interval = 2.0
        self.task: TaskHandle | None = None
        self.sending = False
        self.last_outcome: SendOutcome | None = None
        self.last_entry: HistoryEntry | None = None
        self._warnings_confirmed = False
        self._started_workflow = ""  # set from the worker as soon as the portal answers
        self._portals: dict[str, WorkflowPortal] = {}
        self._workflow_templates: list[Any] = []
        self._items: list[CrmCandidate] = []
        self._running_count = 0
        self.problems: list[Problem] = []
        self._wire()
        self._fill_recipients()
        has_lines, has_portals = bool(targets.lines), bool(targets.portals)
        (
            self.view.olchatRadio if has_lines or not has_portals else self.view.workflowRadio
        ).setChecked(True)
        self._on_path_changed()
        self._show_problems()
        follow_language(view, self.retranslate)

    def retranslate(self) -> None:
        """Every text of the dialog in the current language (also on a language change)."""
        v, lang = self.view, self.lang
        v.retranslate()
        v.previewText.setPlainText(text_to_send(self.template, lang))
        demo = text(
            lang, "Demo mode: sends go to the embedded sandbox; nothing reaches real people."
        )
        v.demoNote.setText(demo if self.targets.demo else "")
        v.demoNote.setVisible(self.targets.demo)
        self._show_problems()

    # -- set-up ------------------------------------------------------------------------

    def _wire(self) -> None:
        v = self.view
        v.olchatRadio.toggled.connect(lambda _checked: self._on_path_changed())
        v.connectionCombo.currentIndexChanged.connect(lambda _i: self._on_connection_changed())
        v.workflowCombo.currentIndexChanged.connect(lambda _i: self._on_workflow_changed())
        v.refreshButton.clicked.connect(lambda: self.load_workflow_templates(refresh=True))
        v.findButton.clicked.connect(self.find_items)
        v.itemCombo.currentIndexChanged.connect(lambda _i: self.check_running())
        v.itemIdEdit.editingFinished.connect(self.check_running)
        v.sendButton.clicked.connect(self.send)
        v.cancelButton.clicked.connect(self.cancel)
        v.terminateButton.clicked.connect(self.terminate)
        v.rejected.connect(self.close)
        v.recipientCombo.currentTextChanged.connect(lambda _t: self._show_problems())

    def _fill_recipients(self) -> None:
        numbers = load_recent()
        literal = self.template.phone.strip()
        if literal and is_valid_phone(literal):
            digits = normalize_phone(literal)
            numbers = [digits] + [n for n in numbers if n != digits]
        self.view.recipientCombo.addItems(numbers)
        self.view.recipientCombo.setCurrentIndex(0 if numbers else -1)

    @property
    def path(self) -> str:
        return "olchat" if self.view.olchatRadio.isChecked() else "workflow"

    @property
    def recipient(self) -> str:
        return self.view.recipientCombo.currentText().strip()

    def _on_path_changed(self) -> None:
        v = self.view
        choices = self.targets.lines if self.path == "olchat" else self.targets.portals
        v.connectionCombo.blockSignals(True)
        v.connectionCombo.clear()
        for choice in choices:
            v.connectionCombo.addItem(choice.name)
        v.connectionCombo.blockSignals(False)
        v.pages.setCurrentIndex(0 if self.path == "olchat" else 1)
        self.retranslate()
        self._on_connection_changed()

    def _on_connection_changed(self) -> None:
        if self.path == "workflow" and self.view.connectionCombo.currentIndex() >= 0:
            self.load_workflow_templates()
        self._update_buttons()

    # -- validation ----------------------------------------------------------------------

    def _show_problems(self) -> None:
        self.problems = send_problems(self.template, self.recipient, self.lang)
        self.view.problemsList.clear()
        for problem in self.problems:
            mark = "⛔" if problem.is_error else "⚠"
            self.view.problemsList.addItem(f"{mark} {problem.field}: {problem.message}")
        self.view.problemsList.setVisible(bool(self.problems))
        self._update_buttons()

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.problems)

    def _update_buttons(self) -> None:
        v = self.view
        busy = self.task is not None and self.task.running
        ready = (
            not self.has_errors
            and is_valid_phone(self.recipient)
            and v.connectionCombo.currentIndex() >= 0
            and (self.path == "olchat" or self._chosen_item() is not None)
        )
        v.sendButton.setEnabled(ready and not busy and not self.sending)
        v.cancelButton.setEnabled(busy)
        v.progressBar.setVisible(busy)
        locked = (v.olchatRadio, v.workflowRadio, v.connectionCombo, v.recipientCombo, v.findButton)
        for widget in (*locked, v.refreshButton, v.workflowCombo, v.itemCombo, v.itemIdEdit):
            widget.setEnabled(not self.sending)

    # -- background steps -------------------------------------------------------------------

    def _run(self, work: Callable[[CancelToken, Report], Any], done: Callable[[Any], None]) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
        task = start_task(work, self)
        self.task = task
        task.progressed.connect(self._show_progress)
        task.succeeded.connect(done)
        task.failed.connect(self._on_failed)
        task.cancelled.connect(lambda: self.view.statusLabel.setText(ui_text("Cancelled.")))
        task.finished.connect(self._update_buttons)
        self._update_buttons()

    def _show_progress(self, text: str) -> None:
        self.view.statusLabel.setText(text)
        self.progress.emit(text)

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _on_failed(self, error: object) -> None:
        self.live.set(self.view.resultLabel, lambda: failure_text(error, self.lang))

    def close(self) -> None:
        self.cancel()
        for portal in self._portals.values():
            portal.services.client.close()
        self._portals.clear()
