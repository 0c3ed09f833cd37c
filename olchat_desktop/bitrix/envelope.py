"""Bitrix24 response envelopes as pydantic models, and the one function that reads a reply.

Success: ``{result, total?, next?, time{...}}``; every ``time`` field is optional because
it "may differ by method and environment" and error answers may lack ``time`` entirely
(fast_bitrix24 PR #269). Errors: ``{error, error_description}`` plus an HTTP status; REST
v3 nests them as ``{"error": {"code", "message"}}`` (b24pysdk ``parse_response.py``). Any
body that is not such JSON (an nginx HTML page, a truncated reply) is a ProtocolError with
the status and a short redacted snippet.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from olchat_desktop.bitrix.error_catalog import error_for
from olchat_desktop.bitrix.errors import BitrixError, ProtocolError
from olchat_desktop.redaction import snippet


class TimeInfo(BaseModel):
    model_config = ConfigDict(extra="allow")

    start: float | None = None
    finish: float | None = None
    duration: float | None = None
    processing: float | None = None
    date_start: str | None = None
    date_finish: str | None = None
    operating: float | None = None
    operating_reset_at: float | None = None


class Envelope(BaseModel):
    """A successful answer."""

    model_config = ConfigDict(extra="allow")

    result: Any = None
    total: int | None = None
    next: int | None = None
    time: TimeInfo | None = None


class ErrorEnvelope(BaseModel):
    model_config = ConfigDict(extra="allow")

    error: str
    error_description: str = ""
    time: TimeInfo | None = None


def _error_from(payload: dict[str, Any], status: int, method: str | None) -> BitrixError:
    raw = payload.get("error")
    if isinstance(raw, dict):  # REST v3 shape
        code = str(raw.get("code") or "ERROR")
        description = str(raw.get("message") or "")
        time_info = None
    else:
        parsed = ErrorEnvelope.model_validate(payload)
        code, description, time_info = parsed.error, parsed.error_description, parsed.time
    reset_at = time_info.operating_reset_at if time_info is not None else None
    return error_for(code, description, status=status, method=method, reset_at=reset_at)


def parse_response(status: int, body: bytes, method: str | None = None) -> Envelope:
    """Turn one HTTP answer into an :class:`Envelope` or raise the matching typed error."""
    text = body.decode("utf-8", errors="replace")
    try:
        payload = json.loads(text) if text.strip() else None
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        raise ProtocolError(
            f"not a JSON envelope: {snippet(text) or '(empty body)'}", status=status, method=method
        )
    if payload.get("error"):
        raise _error_from(payload, status, method)
    if status >= 400:
        raise ProtocolError(
            f"error status without an error code: {snippet(text)}", status=status, method=method
        )
    try:
        return Envelope.model_validate(payload)
    except ValidationError as exc:
        raise ProtocolError(
            f"malformed envelope ({exc.error_count()} problems)", status=status, method=method
        ) from None
