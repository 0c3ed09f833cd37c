"""The simulated customer and the workflows that wait for them.

A workflow started with ``WaitForReply = Y`` sends the button message and then *waits*. The
customer who receives it follows a rule configured by the test or the demo:

    portal.customer.configure(button=2, delay=5.0)            # everyone taps button 2 after 5 s
    portal.customer.configure(phone="79161000003", button=1)  # one number behaves differently
    portal.customer.never_answer()                            # nobody taps (time-out tests)

Choices, where the references are silent:

* **Default customer**: taps button 1 after 5 seconds of sandbox time (demo mode shows a
  reply without any setup). A rule is fixed when the wait *begins*; re-configuring later
  affects only later waits. A button number that the message does not have means the
  customer never answers.
* **Lazy progress**: there are no threads; every read of the portal calls :meth:`advance`
  with the sandbox clock, which replays taps that are due in time order.
* **Two waiting workflows per document** (Bitrix24 helpdesk 22381584): a third workflow that
  would wait is **queued** (state ``queued``) and begins its own send and wait when one of
  the two finishes; its delay counts from that moment. Workflows without a wait never queue.
* **Send checks** as the OLChat activity does them (olchat_whatsapp.md §1.3): unknown line ->
  ``E`` "Линия не найдена"; line not connected -> ``E`` "Линия не подключена"; empty phone ->
  ``E`` "Поле «номер» не заполнено"; several numbers (a multi-value phone field) -> the first
  with WhatsApp, but a waiting send fails (``E``); no WhatsApp -> ``NW``. A failed send
  completes at once.
* **Outcomes** (``Workflow.status_text``): ``sent`` (no wait), ``replied`` (``PressedButton``
  holds the tapped button's text), ``stage changed`` (a stage-bound wait ended by a stage
  change, ``PressedButton`` empty), ``failed``, or the terminate call's ``STATUS`` text.
  ``Workflow.result`` is the activity's return values: ``Sent``, ``ErrorText``,
  ``PressedButton``.
* **Time-outs**: a workflow keeps waiting for ever; the client decides when to give up.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from olchat_desktop.sandbox.seed_crm import has_whatsapp, phone_digits

RUNNING_STATES = frozenset({"waiting", "queued"})
MAX_WAITING_PER_DOCUMENT = 2


@dataclass(frozen=True)
class CustomerRule:
    button: int | None  # 1-based; None: never answers
    delay: float


class SimulatedCustomer:
    """Who taps which button when; thread-safe, rules keyed by normalised phone digits."""

    DEFAULT = CustomerRule(button=1, delay=5.0)

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._default = self.DEFAULT
        self._by_phone: dict[str, CustomerRule] = {}

    def configure(self, phone: str | None = None, button: int = 1, delay: float = 5.0) -> None:
        """Tap ``button`` (1-based) ``delay`` sandbox seconds after the message arrives."""
        self._set(phone, CustomerRule(button=button, delay=max(0.0, delay)))

    def never_answer(self, phone: str | None = None) -> None:
        self._set(phone, CustomerRule(button=None, delay=0.0))

    def reset(self) -> None:
        with self._lock:
            self._default = self.DEFAULT
            self._by_phone.clear()

    def rule_for(self, phone: str) -> CustomerRule:
        with self._lock:
            return self._by_phone.get(phone_digits(phone), self._default)

    def _set(self, phone: str | None, rule: CustomerRule) -> None:
        with self._lock:
            if phone is None:
                self._default = rule
            else:
                self._by_phone[phone_digits(phone)] = rule


@dataclass
class Workflow:
    id: str
    template_id: int
    document_id: list[str]  # ["crm", "CCrmDocumentDeal", "DEAL_12"]
    parameters: dict[str, Any]
    phones: list[str]  # the phone parameter, resolved to one or more numbers
    started: float
    started_by: int
    stage_bound: bool
    state: str = "queued"
    modified: float = 0.0
    tap_at: float | None = None
    tap_button: int | None = None
    status_text: str = ""
    result: dict[str, str] = field(default_factory=dict)
    finished: float | None = None

    @property
    def document_key(self) -> str:
        return str(self.document_id[2])

    @property
    def waits_for_reply(self) -> bool:
        return str(self.parameters.get("WaitForReply", "N")).upper() in ("Y", "1", "TRUE")

    @property
    def buttons(self) -> list[str]:
        keys = ("Button1", "Button2", "Button3")
        return [str(self.parameters.get(key, "")) for key in keys if self.parameters.get(key)]


def _send_failure(workflow: Workflow, lines: dict[str, bool]) -> tuple[str, str] | None:
    """The OLChat activity's send checks: ``(code, text)`` when the send fails."""
    line = str(workflow.parameters.get("Line", "")).strip()
    if not line:
        return "E", "Пустое значение параметра «линия»"
    if line not in lines:
        return "E", "Линия не найдена"
    if not lines[line]:
        return "E", "Линия не подключена"
    phones = [phone for phone in workflow.phones if phone_digits(phone)]
    if not phones:
        return "E", "Поле «номер» не заполнено"
    if len(phones) > 1 and workflow.waits_for_reply:
        return "E", "Ошибка при получении цели отправки: несколько номеров"
    if not any(has_whatsapp(phone) for phone in phones):
        return "NW", "На номере нет зарегистрированного аккаунта WhatsApp"
    return None


class WorkflowRunner:
    """Starts, advances and ends workflows. Callers hold the portal's lock."""

    def __init__(self, customer: SimulatedCustomer, lines: Callable[[], dict[str, bool]]) -> None:
        self.customer = customer
        self._lines = lines
        self.workflows: dict[str, Workflow] = {}

    def start(self, workflow: Workflow, now: float) -> None:
        self.advance(now)
        self.workflows[workflow.id] = workflow
        workflow.modified = now
        if (
            workflow.waits_for_reply
            and self._waiting_count(workflow.document_key) >= MAX_WAITING_PER_DOCUMENT
        ):
            workflow.state = "queued"
            return
        self._send(workflow, now)

    def advance(self, now: float) -> None:
        """Replay every tap that is due by ``now``, earliest first."""
        while True:
            due = [
                wf
                for wf in self.workflows.values()
                if wf.state == "waiting" and wf.tap_at is not None and wf.tap_at <= now
            ]
            if not due:
                return
            workflow = min(due, key=lambda wf: (wf.tap_at or 0.0, wf.started))
            tapped_at = workflow.tap_at or now
            text = workflow.buttons[(workflow.tap_button or 1) - 1]
            self._finish(workflow, tapped_at, "completed", "replied", "Y", "", text)

    def terminate(self, workflow: Workflow, now: float, status: str) -> None:
        self._finish(workflow, now, "terminated", status or "terminated", "", "", "")

    def stage_changed(self, document_key: str, now: float) -> list[Workflow]:
        """End the stage-bound workflows running on the document; return them."""
        self.advance(now)
        ended = [
            wf
            for wf in self.workflows.values()
            if wf.document_key == document_key and wf.state in RUNNING_STATES and wf.stage_bound
        ]
        # Queued ones first, so ending a waiting one cannot promote (and send) them.
        for workflow in sorted(ended, key=lambda wf: (wf.state != "queued", wf.started)):
            sent = "Y" if workflow.state == "waiting" else ""
            self._finish(workflow, now, "completed", "stage changed", sent, "", "")
        return ended

    def _waiting_count(self, document_key: str) -> int:
        return sum(
            1
            for wf in self.workflows.values()
            if wf.document_key == document_key and wf.state == "waiting"
        )

    def _send(self, workflow: Workflow, now: float) -> None:
        failure = _send_failure(workflow, self._lines())
        if failure is not None:
            self._finish(workflow, now, "completed", "failed", failure[0], failure[1], "")
            return
        if not workflow.waits_for_reply:
            self._finish(workflow, now, "completed", "sent", "Y", "", "")
            return
        workflow.state = "waiting"
        workflow.modified = now
        recipient = next(phone for phone in workflow.phones if phone_digits(phone))
        rule = self.customer.rule_for(recipient)
        if rule.button is not None and 1 <= rule.button <= len(workflow.buttons):
            workflow.tap_button = rule.button
            workflow.tap_at = now + rule.delay

    def _finish(
        self,
        workflow: Workflow,
        at: float,
        state: str,
        status_text: str,
        sent: str,
        error_text: str,
        pressed: str,
    ) -> None:
        was_waiting = workflow.state == "waiting"
        workflow.state = state
        workflow.status_text = status_text
        workflow.finished = workflow.modified = at
        workflow.tap_at = None
        workflow.result = {"Sent": sent, "ErrorText": error_text, "PressedButton": pressed}
        if was_waiting:
            self._promote(workflow.document_key, at)

    def _promote(self, document_key: str, at: float) -> None:
        """A wait slot freed up: the oldest queued workflow on the document sends now."""
        # A promoted send may fail at once and free the slot again, hence the loop.
        while self._waiting_count(document_key) < MAX_WAITING_PER_DOCUMENT:
            queued = [
                wf
                for wf in self.workflows.values()
                if wf.document_key == document_key and wf.state == "queued"
            ]
            if not queued:
                return
            self._send(min(queued, key=lambda wf: wf.started), at)
