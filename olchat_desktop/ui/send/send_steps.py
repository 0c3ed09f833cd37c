"""The send itself, for both paths: guard, confirmations, history, outcome.

A mixin of :class:`~olchat_desktop.ui.send.send_controller.SendController`, as
:mod:`.workflow_steps` is: the controller sets the dialog up and validates it; this part
asks what must be asked (warnings, a resend after an unknown outcome, a workflow that would
queue), marks the send in flight in the :class:`~olchat_desktop.send.send_id.SendGuard`,
records it in the history, runs it through the controller's ``_run`` and shows the outcome,
also when the task was cancelled or failed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import SignalInstance

from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.core.phone import normalize_phone
from olchat_desktop.core.template import Template
from olchat_desktop.core.validation import Problem
from olchat_desktop.send.connections import SendTargets
from olchat_desktop.send.history import HistoryEntry, SendHistory
from olchat_desktop.send.olchat_path import OlchatSendRequest, send_via_olchat
from olchat_desktop.send.outcome import SendOutcome, describe
from olchat_desktop.send.recent_numbers import remember_number
from olchat_desktop.send.send_id import GuardKey, SendGuard, new_send_id
from olchat_desktop.send.workflow_path import MAX_WAITING_PER_ITEM
from olchat_desktop.ui.i18n import LiveTexts, ui_text
from olchat_desktop.ui.send.send_view import SendView
from olchat_desktop.ui.tasks import CancelToken, Report, TaskHandle

Confirm = Callable[[str, str], bool]


class SendSteps:
    """Send and its outcome; the controller provides view, path, recipient, problems, _run."""

    view: SendView
    template: Template
    targets: SendTargets
    history: SendHistory
    guard: SendGuard
    confirm: Confirm
    live: LiveTexts
    task: TaskHandle | None
    sending: bool
    problems: list[Problem]
    poll_interval: float
    last_outcome: SendOutcome | None
    last_entry: HistoryEntry | None
    send_finished: SignalInstance
    _warnings_confirmed: bool
    _started_workflow: str
    _running_count: int

    if TYPE_CHECKING:

        @property
        def lang(self) -> Lang: ...

        @property
        def path(self) -> str: ...

        @property
        def recipient(self) -> str: ...

        @property
        def has_errors(self) -> bool: ...

        def _run(
            self, work: Callable[[CancelToken, Report], Any], done: Callable[[Any], None]
        ) -> None: ...

        def _update_buttons(self) -> None: ...

        def _workflow_work(self, send_id: str) -> Callable[[CancelToken, Report], SendOutcome]: ...

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
