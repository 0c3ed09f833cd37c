"""Behaviour of the send dialog: choices, validation, background steps, the send itself.

Every network step (listing workflow templates, finding CRM items, checking running
workflows, the send and its tracking, terminating) runs through ``ui.tasks.start_task``:
the progress bar and Cancel are live for each, every step reports what it does (the
status line and :attr:`SendController.progress`), and the GUI thread never waits on a
socket. The send control is disabled while a send is in flight, and the
:class:`~olchat_desktop.send.send_id.SendGuard` makes the dialog ask before resending
after a time-out or a network error. The workflow page lives in :mod:`.workflow_steps`.
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
from olchat_desktop.send.olchat_path import OlchatSendRequest, send_via_olchat, text_to_send
from olchat_desktop.send.outcome import SendOutcome, describe
from olchat_desktop.send.recent_numbers import load_recent, remember_number
from olchat_desktop.send.send_id import GuardKey, SendGuard, new_send_id
from olchat_desktop.send.workflow_path import (
    MAX_WAITING_PER_ITEM,
    CrmCandidate,
    WorkflowPortal,
)
from olchat_desktop.ui.i18n import LiveTexts, follow_language, ui_text
from olchat_desktop.ui.send.send_view import SendView
from olchat_desktop.ui.send.workflow_steps import WorkflowSteps
from olchat_desktop.ui.tasks import CancelToken, Report, TaskHandle, start_task

Confirm = Callable[[str, str], bool]
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


class SendController(WorkflowSteps, QObject):
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

    # -- sending -----------------------------------------------------------------------

    def guard_key(self) -> GuardKey:
        return (self.path, normalize_phone(self.recipient), self.template.id)

    def send(self) -> None:
        if self.has_errors or self.sending:
            return
        key = self.guard_key()
        if self.guard.in_flight(key) or not self._confirmed(key):
            return
        send_id = new_send_id()
        self.guard.begin(key, send_id)
        self.sending = True
        remember_number(self.recipient)
        connection = self.view.connectionCombo.currentText()
        entry = HistoryEntry.start(send_id, self.path, connection, self.recipient, self.template)  # type: ignore[arg-type]
        self.history.record(entry)
        self.last_entry, self._started_workflow = entry, ""
        self.live.set(
            self.view.resultLabel, lambda: ui_text("Send {send_id}…").format(send_id=send_id)
        )
        self.view.terminateButton.setVisible(False)
        work = self._olchat_work(send_id) if self.path == "olchat" else self._workflow_work(send_id)

        def done(outcome: SendOutcome) -> None:
            self._finish_send(key, entry, outcome)

        self._run(work, done)
        assert self.task is not None
        self.task.failed.connect(lambda error: self._abandon(key, entry, "failed", str(error)))
        self.task.cancelled.connect(lambda: self._abandon(key, entry, "cancelled", ""))

    def _confirmed(self, key: GuardKey) -> bool:
        """Warnings (once per dialog: the template cannot change while it is open), a
        resend after an unknown outcome, a workflow that would queue: each asks."""
        lang = self.lang
        warnings = [p for p in self.problems if not p.is_error]
        if warnings and not self._warnings_confirmed:
            listed = "\n".join(f"• {p.message}" for p in warnings)
            if not self.confirm(
                text(lang, "There are warnings"),
                listed + "\n\n" + text(lang, "Send anyway?"),
            ):
                return False
            self._warnings_confirmed = True
        if self.guard.needs_confirmation(key) and not self.confirm(
            text(lang, "Send again?"),
            text(
                lang,
                "The previous send timed out, hit a network error or was cancelled: the "
                "message may have gone out. Send again?",
            ),
        ):
            return False
        return not (
            self.path == "workflow"
            and self._running_count >= MAX_WAITING_PER_ITEM
            and not self.confirm(
                text(lang, "The workflow will queue"),
                self.view.runningLabel.text() + "\n\n" + text(lang, "Start it?"),
            )
        )

    def _olchat_work(self, send_id: str) -> Callable[[CancelToken, Report], SendOutcome]:
        choice = self.targets.lines[self.view.connectionCombo.currentIndex()]
        request = OlchatSendRequest(
            self.template,
            self.recipient,
            self.lang,
            status_timeout=self.view.waitSpin.value(),
            poll_interval=self.poll_interval,
        )

        def work(token: CancelToken, report: Report) -> SendOutcome:
            with choice.open_client() as client:
                return send_via_olchat(client, request, send_id, token, report)

        return work

    def _finish_send(self, key: GuardKey, entry: HistoryEntry, outcome: SendOutcome) -> None:
        self.sending = False
        self.last_outcome = outcome
        self.guard.finish(key, outcome)
        self.history.record(entry.finished(outcome))
        self.live.set(self.view.resultLabel, lambda: describe(outcome, self.lang))
        self.view.statusLabel.clear()  # the last step's progress; the result says what happened
        self.view.terminateButton.setVisible(outcome.still_running and bool(outcome.workflow_id))
        self._update_buttons()
        self._restore_focus()
        self.send_finished.emit(outcome)

    def _abandon(self, key: GuardKey, entry: HistoryEntry, result: str, detail: str) -> None:
        """The task was cancelled or crashed: its outcome is unknown, so ask before resending.
        A workflow that already started still waits on the portal: offer to terminate it."""
        if not self.sending:
            return
        self.sending = False
        workflow_id = self._started_workflow if entry.path == "workflow" else ""
        if result == "cancelled":
            detail = ui_text(
                "Cancelled: the message may have gone out; the app asks before sending again."
            )
        outcome = SendOutcome(
            entry.send_id,
            entry.path,
            result,  # type: ignore[arg-type]
            detail=detail,
            workflow_id=workflow_id,
            maybe_sent=True,
            still_running=bool(workflow_id),
        )
        self.last_outcome = outcome
        self.guard.finish(key, None)
        self.history.record(entry.finished(outcome))
        self.live.set(self.view.resultLabel, lambda: describe(outcome, self.lang))
        self.view.terminateButton.setVisible(bool(workflow_id))
        self._update_buttons()
        self._restore_focus()
        self.send_finished.emit(outcome)

    def _restore_focus(self) -> None:
        # Disabling Send during the send pushed focus on to the next field (the wait
        # spin box, all selected: one keystroke would overwrite it). Give it back.
        button = self.view.sendButton if self.view.sendButton.isEnabled() else None
        (button or self.view.closeButton).setFocus()

    def close(self) -> None:
        self.cancel()
        for portal in self._portals.values():
            portal.services.client.close()
        self._portals.clear()
