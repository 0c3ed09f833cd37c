"""The one place that removes secrets from text before it is logged, shown or raised.

Secrets reach text in four shapes: the webhook secret inside a Bitrix24
``/rest/<user>/<secret>/`` path or an OLChat ``/wa/<token>/`` path, ``key=value`` pairs in
query strings and form bodies (``auth``, ``access_token``, ``refresh_token``,
``client_secret``, ``code``), and JSON members with those names. Values that auth objects
and clients register with :func:`register_secret` are also removed wherever they appear,
with their URL-encoded form, so a secret that leaks through an unexpected shape is still
caught. The patterns follow b24pysdk's masked logging (``bitrix_api_requester.py``).
"""

from __future__ import annotations

import logging
import re
import threading
from urllib.parse import quote, quote_plus

MASK = "***"

# OAuth keys are lower-case on the wire; matching them case-sensitively keeps robot
# ``CODE`` values (not secret) readable in logs.
_SECRET_KEYS = "auth|access_token|refresh_token|client_secret|code|password|token|secret"
# Pattern sources, compiled (and cached by re) on the first redaction: most runs log little,
# and compiling these at import cost half a millisecond of start-up (issue 5).
_WEBHOOK_PATH = r"(/rest/\d+/)([^/\s?#\"'<>]+)"
# OLChat's REST webhook token is the path segment after ``/wa/``.
_OLCHAT_TOKEN_PATH = r"(/wa/)([^/\s?#\"'<>]+)"
_QUERY_PAIR = rf"(?<![A-Za-z0-9_])((?:{_SECRET_KEYS})(?:%5B[^=&]*%5D|\[[^=&\]]*\])?=)([^&\s\"'<>]+)"
_JSON_MEMBER = rf"(\"(?:{_SECRET_KEYS})\"\s*:\s*\")([^\"]*)(\")"
_MIN_REGISTERED_LENGTH = 6  # shorter values would blank out ordinary words

_known_secrets: set[str] = set()
_known_lock = threading.Lock()


def register_secret(value: str | None) -> None:
    """Remember a secret value so that :func:`redact` removes it wherever it appears."""
    if value and len(value) >= _MIN_REGISTERED_LENGTH:
        with _known_lock:
            _known_secrets.add(value)


def redact(text: str, extra_secrets: tuple[str, ...] = ()) -> str:
    """Return ``text`` with every secret replaced by ``***``."""
    text = re.sub(_WEBHOOK_PATH, lambda m: m.group(1) + MASK, text)
    text = re.sub(_OLCHAT_TOKEN_PATH, lambda m: m.group(1) + MASK, text)
    text = re.sub(_QUERY_PAIR, lambda m: m.group(1) + MASK, text)
    text = re.sub(_JSON_MEMBER, lambda m: m.group(1) + MASK + m.group(3), text)
    with _known_lock:
        known = sorted(_known_secrets | {s for s in extra_secrets if s}, key=len, reverse=True)
    for secret in known:
        for form in {secret, quote(secret, safe=""), quote_plus(secret)}:
            if form in text:
                text = text.replace(form, MASK)
    return text


def snippet(text: str, limit: int = 200) -> str:
    """A short, single-line, redacted excerpt of a response body for error messages."""
    flat = " ".join(redact(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class RedactingFilter(logging.Filter):
    """A logging filter that redacts the formatted message of every record it sees."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, ()
        return True


_FILTER = RedactingFilter()


def install_log_redaction() -> None:
    """Redact httpx's own request logs, which print full URLs (webhook secrets, token GETs)."""
    for name in ("httpx", "httpcore", "olchat_desktop.bitrix", "olchat_desktop.olchat"):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
