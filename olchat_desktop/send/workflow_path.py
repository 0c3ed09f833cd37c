"""The Bitrix24 business-process path: start a workflow that runs the real button robot.

Reference ``bitrix24.md`` §4.2 and §4.4. Steps, each a separate call so the dialog can
show them and let the user choose in between:

1. :meth:`WorkflowPortal.templates`: startable workflow templates (``AUTO_EXECUTE`` 0,
   no ``SYSTEM_CODE``), cached per portal for :data:`TEMPLATE_CACHE_SECONDS`.
2. :meth:`WorkflowPortal.find_items`: ``crm.duplicate.findbycomm`` by the normalised
   number, then the contacts' names and deals (``crm.contact.list``, ``crm.item.list``).
3. :meth:`WorkflowPortal.running_on`: workflows already running on the item. Bitrix24
   runs at most 2 waiting workflows per item; a third waits in a queue (helpdesk 22381584).
4. :func:`start_and_track`: ``bizproc.workflow.start``, then ``bizproc.workflow.instances``
   (running workflows only) until the workflow leaves the list or the time-out passes.

How a finished workflow ended: real portals do not say (finished workflows leave the
instance table). The test templates copy the tapped button into the deal's
``UF_CRM_OLCHAT_REPLY``, read back with ``crm.item.list`` (``ufCrmOlchatReply``). The
embedded sandbox also answers ``sandbox.workflow.get`` with the state, status text and
the robot's results; :class:`WorkflowPortal` uses it only when told it talks to the sandbox.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from olchat_desktop.bitrix.errors import BitrixError, ConnectionFailedError
from olchat_desktop.bitrix.models import WorkflowInstance, WorkflowTemplate
from olchat_desktop.bitrix.services import BitrixServices
from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.core.phone import normalize_phone
from olchat_desktop.send.outcome import Cancel, SendOutcome

Report = Callable[[str], None]
TEMPLATE_CACHE_SECONDS = 300.0
MAX_WAITING_PER_ITEM = 2
_DOCUMENT_CLASSES = {"DEAL": "CCrmDocumentDeal", "CONTACT": "CCrmDocumentContact"}
_TEMPLATE_SELECT = (
    "ID",
    "NAME",
    "MODULE_ID",
    "ENTITY",
    "DOCUMENT_TYPE",
    "AUTO_EXECUTE",
    "PARAMETERS",
    "SYSTEM_CODE",
)
_template_cache: dict[str, tuple[float, list[WorkflowTemplate]]] = {}
_cache_lock = threading.Lock()


def path_explanation(lang: Lang) -> str:
    return text(
        lang,
        "The Bitrix24 business process runs the real robot «[OLChat] WhatsApp "
        "Отправка сообщения с кнопками» on a CRM item: the recipient sees real "
        'buttons, and with "wait for reply" the tapped button\'s text comes back.',
    )


@dataclass(frozen=True)
class CrmCandidate:
    """A CRM item a workflow can run on."""

    kind: str  # "DEAL" or "CONTACT"
    item_id: int
    title: str

    @property
    def document_id(self) -> list[str]:
        return ["crm", _DOCUMENT_CLASSES[self.kind], f"{self.kind}_{self.item_id}"]

    def label(self, lang: Lang) -> str:
        kind = text(lang, "Deal") if self.kind == "DEAL" else text(lang, "Contact")
        return f"{kind} {self.item_id}: {self.title}"


def document_kind(template: WorkflowTemplate) -> str:
    """``DEAL`` or ``CONTACT``: the item type the workflow template runs on."""
    document_type = template.document_type or []
    return str(document_type[2]) if len(document_type) == 3 else "DEAL"


class WorkflowPortal:
    """The workflow calls of one portal. ``key`` names the portal for caches and mappings."""

    def __init__(self, services: BitrixServices, key: str, *, sandbox: bool = False) -> None:
        self.services = services
        self.key = key
        self.sandbox = sandbox

    def templates(self, *, refresh: bool = False) -> list[WorkflowTemplate]:
        with _cache_lock:
            cached = _template_cache.get(self.key)
        if cached and not refresh and time.monotonic() - cached[0] < TEMPLATE_CACHE_SECONDS:
            return list(cached[1])
        rows = self.services.workflow_templates(filter={"AUTO_EXECUTE": 0}, select=_TEMPLATE_SELECT)
        startable = [t for t in rows if not (t.model_extra or {}).get("SYSTEM_CODE")]
        with _cache_lock:
            _template_cache[self.key] = (time.monotonic(), startable)
        return list(startable)

    def find_items(self, phone: str) -> list[CrmCandidate]:
        """Contacts with this number and their deals, contacts first."""
        found = self.services.find_by_phone([normalize_phone(phone)], "CONTACT")
        candidates: list[CrmCandidate] = []
        deals: list[CrmCandidate] = []
        for contact_id in found.get("CONTACT", [])[:20]:
            names = list(self.services.contacts({"ID": contact_id}, ("ID", "NAME", "LAST_NAME")))
            name = " ".join(p for p in (names[0].name, names[0].last_name) if p) if names else ""
            candidates.append(CrmCandidate("CONTACT", contact_id, name))
            for deal in self.services.crm_items(
                2, {"contactId": contact_id}, ("id", "title", "stageId", "contactId")
            ):
                stage = f" [{deal.stage_id}]" if deal.stage_id else ""
                deals.append(CrmCandidate("DEAL", deal.id, f"{deal.title or ''}{stage}"))
        return candidates + deals

    def running_on(self, document_id: list[str]) -> list[WorkflowInstance]:
        return self.services.workflow_instances({"DOCUMENT_ID": document_id[2]})

    def is_running(self, workflow_id: str) -> WorkflowInstance | None:
        # STATE (waiting/queued) is a sandbox extension; real portals leave it out.
        select = ("ID", "DOCUMENT_ID", "TEMPLATE_ID", "STARTED", "STATE")
        rows = self.services.workflow_instances({"ID": workflow_id}, select=select)
        return next((row for row in rows if row.id == workflow_id), None)

    def terminate(self, workflow_id: str, lang: Lang) -> bool:
        status = text(lang, "Stopped from OLChat Desktop")
        return self.services.terminate_workflow(workflow_id, status)

    def deal_reply(self, deal_id: int) -> str:
        rows = self.services.crm_items(2, {"id": deal_id}, ("id", "ufCrmOlchatReply"))
        for row in rows:
            return str((row.model_extra or {}).get("ufCrmOlchatReply") or "")
        return ""

    def sandbox_details(self, workflow_id: str) -> Mapping[str, Any]:
        result = self.services.client.result("sandbox.workflow.get", {"ID": workflow_id})
        return result if isinstance(result, Mapping) else {}


@dataclass(frozen=True)
class WorkflowSendRequest:
    workflow_template: WorkflowTemplate
    item: CrmCandidate
    parameters: Mapping[str, str]
    wait_for_reply: bool
    lang: Lang = "ru"
    timeout: float = 120.0  # seconds to watch the workflow
    poll_interval: float = 2.0


def _failed(send_id: str, error: BitrixError, lang: Lang, **extra: Any) -> SendOutcome:
    maybe = isinstance(error, ConnectionFailedError) and error.maybe_applied
    outcome = SendOutcome(
        send_id,
        "workflow",
        "failed",
        detail=error.user_message(lang),
        error_code=error.error_code,
        maybe_sent=maybe,
    )
    for name, value in extra.items():
        setattr(outcome, name, value)
    return outcome


def start_and_track(
    portal: WorkflowPortal,
    request: WorkflowSendRequest,
    send_id: str,
    cancel: Cancel,
    report: Report,
    on_started: Callable[[str], None] | None = None,
) -> SendOutcome:
    """Start the workflow and watch it; failures come back as outcomes.

    ``on_started`` gets the workflow id as soon as the portal returns it (on the calling
    thread): a caller that stops waiting for this function (Cancel in the dialog) still
    knows which workflow waits on the portal and can offer to terminate it."""
    lang = request.lang
    item = request.item
    before = ""
    try:
        if item.kind == "DEAL" and not portal.sandbox:
            before = portal.deal_reply(item.item_id)
        report(text(lang, "Starting the workflow…"))
        workflow_id = portal.services.start_workflow(
            request.workflow_template.id, item.document_id, request.parameters
        )
    except BitrixError as error:
        return _failed(send_id, error, lang)
    if on_started is not None:
        on_started(workflow_id)
    report(text(lang, "Started, id {workflow_id}.").format(workflow_id=workflow_id))
    return _track(portal, request, send_id, workflow_id, before, cancel, report)


def _track(
    portal: WorkflowPortal,
    request: WorkflowSendRequest,
    send_id: str,
    workflow_id: str,
    reply_before: str,
    cancel: Cancel,
    report: Report,
) -> SendOutcome:
    lang = request.lang
    waited = 0.0
    while True:
        try:
            running = portal.is_running(workflow_id)
        except BitrixError as error:
            return _failed(send_id, error, lang, workflow_id=workflow_id, result="timeout")
        if running is None:
            return _finished(portal, request, send_id, workflow_id, reply_before)
        state = str((running.model_extra or {}).get("STATE") or "running")
        if state == "queued":
            report(text(lang, "Queued: 2 workflows already wait on this item."))
        elif request.wait_for_reply:
            report(
                text(lang, "Waiting for the customer's reply… ({waited:.0f} s)").format(
                    waited=waited
                )
            )
        else:
            report(text(lang, "Running…"))
        if waited >= request.timeout:
            detail = text(
                lang,
                "The workflow did not finish within {timeout:g} s: no reply. You can terminate it.",
            ).format(timeout=request.timeout)
            return SendOutcome(
                send_id,
                "workflow",
                "timeout",
                detail=detail,
                workflow_id=workflow_id,
                status=state,
                still_running=True,
            )
        if cancel.wait(request.poll_interval):
            return SendOutcome(
                send_id,
                "workflow",
                "cancelled",
                workflow_id=workflow_id,
                status=state,
                still_running=True,
                detail=text(lang, "Tracking cancelled."),
            )
        waited += request.poll_interval


def _finished(
    portal: WorkflowPortal,
    request: WorkflowSendRequest,
    send_id: str,
    workflow_id: str,
    reply_before: str,
) -> SendOutcome:
    lang = request.lang
    outcome = SendOutcome(send_id, "workflow", "completed", workflow_id=workflow_id)
    try:
        if portal.sandbox:
            details = portal.sandbox_details(workflow_id)
            _apply_sandbox_details(outcome, details, lang)
        elif request.item.kind == "DEAL" and request.wait_for_reply:
            reply = portal.deal_reply(request.item.item_id)
            if reply and (reply != reply_before or not reply_before):
                outcome.result, outcome.reply = "replied", reply
    except BitrixError as error:
        outcome.detail = error.user_message(lang)
    if outcome.result == "replied" and not outcome.detail:
        outcome.detail = text(lang, "The customer tapped «{reply}».").format(reply=outcome.reply)
    elif outcome.result == "completed" and not outcome.detail:
        outcome.detail = text(lang, "The workflow completed.")
    return outcome


def _apply_sandbox_details(outcome: SendOutcome, details: Mapping[str, Any], lang: Lang) -> None:
    status = str(details.get("STATUS_TEXT") or "")
    result = details.get("RESULT") or {}
    outcome.status = status
    if status == "replied":
        outcome.result, outcome.reply = "replied", str(result.get("PressedButton") or "")
    elif status == "stage changed":
        outcome.result = "stage_changed"
        outcome.detail = text(
            lang,
            "The item moved to another stage: the robot stopped waiting. Use a "
            "business process instead of a stage robot.",
        )
    elif status == "failed":
        outcome.result = "failed"
        code = str(result.get("Sent") or "E")
        outcome.error_code = code
        outcome.detail = text(lang, "The robot did not send ({code}): {error}").format(
            code=code, error=result.get("ErrorText") or ""
        )
    elif str(details.get("STATE")) == "terminated":
        outcome.result = "terminated"
        outcome.detail = text(lang, "The workflow was terminated.")
