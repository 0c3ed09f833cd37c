"""What one test send did: the outcome every path returns, and the cancel protocol.

An outcome is final data: the history stores it, the dialog shows it, the CLI prints it.
``detail`` is already in the user's language and never holds a secret (the clients redact
their errors before they reach us).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol, get_args

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
