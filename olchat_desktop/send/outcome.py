"""What one test send did: the outcome every path returns, and the cancel protocol.

An outcome is final data: the history stores it, the dialog shows it, the CLI prints it.
``detail`` is already in the user's language and never holds a secret (the clients redact
their errors before they reach us).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol, get_args

from olchat_desktop.core.i18n import N_, Lang, text

SendPath = Literal["olchat", "workflow"]
# sent/delivered/read: OLChat message states; completed/replied/stage_changed/terminated:
# how a workflow ended; timeout: still unknown when we stopped watching; failed: an error.
Result = Literal[
    "sent",
    "delivered",
    "read",
    "completed",
    "replied",
    "stage_changed",
    "terminated",
    "timeout",
    "failed",
    "cancelled",
]
RESULTS: tuple[Result, ...] = get_args(Result)


class Cancel(Protocol):
    """What the engines need from a cancel token (``olchat_desktop.cancel.CancelToken``)."""

    @property
    def cancelled(self) -> bool: ...

    def wait(self, seconds: float) -> bool: ...


@dataclass
class SendOutcome:
    """The result of one send. ``maybe_sent`` means: it may have gone out, ask before
    sending again (time-out, a network error during the write)."""

    send_id: str
    path: SendPath
    result: Result
    detail: str = ""
    error_code: str = ""
    message_id: str = ""
    workflow_id: str = ""
    reply: str = ""
    status: str = ""  # the last raw state seen (message state or workflow state)
    maybe_sent: bool = False
    still_running: bool = False  # a workflow still waits: offer to terminate it
    steps: list[str] = field(default_factory=list)

    @property
    def succeeded(self) -> bool:
        return self.result in ("sent", "delivered", "read", "completed", "replied")

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["succeeded"] = self.succeeded
        return data


_RESULT_TEXTS: dict[str, str] = {
    "sent": N_("sent"),
    "delivered": N_("delivered"),
    "read": N_("read"),
    "completed": N_("workflow completed"),
    "replied": N_("the customer replied"),
    "stage_changed": N_("stage changed"),
    "terminated": N_("workflow terminated"),
    "timeout": N_("timed out"),
    "failed": N_("failed"),
    "cancelled": N_("cancelled"),
}


def result_text(result: str, lang: Lang) -> str:
    """The result code in words, for the dialog and the history filter."""
    msgid = _RESULT_TEXTS.get(result)
    return text(lang, msgid) if msgid else result


def describe(outcome: SendOutcome, lang: Lang) -> str:
    """What the dialog shows after a send: id and result, the customer's reply (what the
    tester waits for, so second), the message or workflow id, then the detail unless it
    only repeats the reply."""
    lines = [f"{outcome.send_id}: {result_text(outcome.result, lang)}"]
    if outcome.reply:
        lines.append(text(lang, "Customer's reply: «{reply}»").format(reply=outcome.reply))
    if outcome.message_id:
        lines.append(text(lang, "message id: ") + outcome.message_id)
    if outcome.workflow_id:
        lines.append(text(lang, "workflow id: ") + outcome.workflow_id)
    if outcome.detail and not (outcome.reply and f"«{outcome.reply}»" in outcome.detail):
        lines.append(outcome.detail)
    return "\n".join(lines)
