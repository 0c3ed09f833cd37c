"""The OLChat REST path: check the line and the number, send the text rendition, poll.

OLChat's REST API has no button-message method (reference ``olchat_whatsapp.md`` §1.2),
so this path sends the core's deterministic **text rendition** (``core.rendition``):
header in bold, message, footer in italics, the buttons as numbered options and a
"reply with a number" line. The recipient sees text, never real buttons; the dialog and
the CLI say so.

Steps: line status (a disconnected or unpaid line gets its own message before anything is
sent), ``phone.check`` (no WhatsApp stops here; the client keeps to its 3-per-second
limit), ``messages.text.send``, then ``messages.status.get`` every ``poll_interval``
seconds until delivered, read, failed or ``status_timeout``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from olchat_desktop.core.i18n import Lang, LazyText, text
from olchat_desktop.core.phone import normalize_phone
from olchat_desktop.core.rendition import render_text
from olchat_desktop.core.template import Template
from olchat_desktop.olchat import (
    LineNotConnectedError,
    NetworkError,
    NotPaidError,
    NoWhatsAppError,
    OlchatClient,
    OlchatError,
)
from olchat_desktop.send.outcome import Cancel, Result, SendOutcome

Report = Callable[[str], None]
# Stop polling at these states: the message arrived (or definitely did not).
_FINAL_STATES = ("delivered", "read", "failed")


def text_to_send(template: Template, lang: Lang) -> str:
    """Exactly the text that goes out: the rendition with expression samples filled in."""
    return render_text(template, lang, substitute=True)


def path_explanation(lang: Lang) -> str:
    return text(
        lang,
        "OLChat REST sends a TEXT version of the message: the buttons become "
        "numbered options. The recipient sees no real buttons: OLChat's API has "
        "no button-message method.",
    )


@dataclass(frozen=True)
class OlchatSendRequest:
    template: Template
    phone: str
    lang: Lang = "ru"
    status_timeout: float = 60.0  # seconds to wait for "delivered"
    poll_interval: float = 2.0


def _error_outcome(send_id: str, error: OlchatError, lang: Lang, **extra: object) -> SendOutcome:
    hint = error.hint(lang)
    detail = f"{error.message(lang)} {hint}".strip()
    maybe_sent = isinstance(error, NetworkError) and error.maybe_sent
    outcome = SendOutcome(
        send_id, "olchat", "failed", detail=detail, error_code=error.code, maybe_sent=maybe_sent
    )
    for name, value in extra.items():
        setattr(outcome, name, value)
    return outcome


def send_via_olchat(
    client: OlchatClient,
    request: OlchatSendRequest,
    send_id: str,
    cancel: Cancel,
    report: Report,
) -> SendOutcome:
    """Run the whole path; every failure comes back as an outcome, never an exception."""
    lang = request.lang
    phone = normalize_phone(request.phone)
    body = text_to_send(request.template, lang)

    def step(progress: LazyText) -> None:
        report(progress(lang))

    def cancelled(**extra: object) -> SendOutcome:
        outcome = SendOutcome(send_id, "olchat", "cancelled", detail=text(lang, "Cancelled."))
        for name, value in extra.items():
            setattr(outcome, name, value)
        return outcome

    try:
        step(LazyText("Checking the WhatsApp line…"))
        line = client.line_status()
        if line.connected is False:
            raise LineNotConnectedError()
        if line.paid is False:
            raise NotPaidError()
        if cancel.cancelled:
            return cancelled()
        step(LazyText("Checking {phone} has WhatsApp…", phone=phone))
        check = client.check_phone(phone)
        if check.has_whatsapp is False:
            raise NoWhatsAppError(phone)
        if cancel.cancelled:
            return cancelled()
        step(LazyText("Sending the text version…"))
        sent = client.send_text(phone, body)
    except OlchatError as error:
        return _error_outcome(send_id, error, lang)
    message_id = sent.message_id or ""
    step(LazyText("Sent, message id {value}.", value=message_id or "—"))
    if cancel.cancelled:
        return cancelled(message_id=message_id)
    if not message_id:
        detail = text(lang, "OLChat returned no message id: the status cannot be tracked.")
        return SendOutcome(send_id, "olchat", "sent", detail=detail)
    if request.status_timeout <= 0:  # nobody asked to wait for delivery: accepted is done
        return SendOutcome(send_id, "olchat", "sent", message_id=message_id, status="sent")
    return _poll_status(client, phone, message_id, request, send_id, cancel, step)


def _poll_status(
    client: OlchatClient,
    phone: str,
    message_id: str,
    request: OlchatSendRequest,
    send_id: str,
    cancel: Cancel,
    step: Callable[[LazyText], None],
) -> SendOutcome:
    lang = request.lang
    waited, state = 0.0, "sent"
    while True:
        try:
            status = client.message_status(phone, message_id)
        except OlchatError as error:
            # The message went out; only tracking failed. Keep the id, do not resend.
            return _error_outcome(send_id, error, lang, message_id=message_id, result="sent")
        state = status.state
        step(LazyText("Delivery status: {state}.", state=state))
        if state in _FINAL_STATES:
            result: Result = "delivered" if state == "delivered" else "read"
            if state == "failed":
                result = "failed"
            detail = text(lang, "WhatsApp did not deliver it.") if state == "failed" else ""
            return SendOutcome(
                send_id, "olchat", result, detail=detail, message_id=message_id, status=state
            )
        if waited >= request.status_timeout:
            detail = text(lang, "Sent, but not delivered within {status_timeout:g} s.").format(
                status_timeout=request.status_timeout
            )
            return SendOutcome(
                send_id, "olchat", "timeout", detail=detail, message_id=message_id, status=state
            )
        if cancel.wait(request.poll_interval):
            return SendOutcome(
                send_id,
                "olchat",
                "cancelled",
                message_id=message_id,
                status=state,
                detail=text(lang, "Tracking cancelled."),
            )
        waited += request.poll_interval
