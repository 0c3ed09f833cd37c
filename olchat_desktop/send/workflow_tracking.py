"""Start a workflow on the portal and watch it until it ends, times out or is cancelled.

Step 4 of the business-process path (:mod:`olchat_desktop.send.workflow_path` has the
steps before it and the portal calls): ``bizproc.workflow.start``, then
``bizproc.workflow.instances`` (running workflows only) every ``poll_interval`` until the
workflow leaves the list or the time-out passes. Real portals do not say how a finished
workflow ended, so a deal's ``UF_CRM_OLCHAT_REPLY`` read before and after tells whether
the customer tapped a button; the embedded sandbox answers ``sandbox.workflow.get``
with the state, the status text and the robot's results. Failures come back as
:class:`~olchat_desktop.send.outcome.SendOutcome`, never as exceptions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from olchat_desktop.bitrix.errors import BitrixError, ConnectionFailedError
from olchat_desktop.bitrix.models import WorkflowTemplate
from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.send.outcome import Cancel, SendOutcome
from olchat_desktop.send.workflow_path import CrmCandidate, WorkflowPortal

Report = Callable[[str], None]


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
