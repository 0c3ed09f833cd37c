"""The OLChat WhatsApp REST client: v2 first, v1 when v2 answers 404, limits that wait.

URLs (docs.olchat.io/ispolzovanie/rest-api-dlya-raboty-s-whatsapp; GitBook source in
``EAIvanov/olchat_doc``, ``ispolzovanie/rest-api-dlya-raboty-s-whatsapp.md``)::

    v2: {base}/rest/webhook/wa/{token}/v2/messages.text.send/   (POST JSON here)
    v1: {base}/rest/webhook/wa/{token}/sendText                 (GET query here)

with ``base`` = :data:`OLCHAT_BASE_URL` for the real service. The v2 page's parameter
table names the send parameters ``body`` and ``send_to_imol`` (Y/N) while its own sample
posts ``text`` and ``publish_to_open_line`` (true/false): v2 sends carry both spellings.

Limits (same page): 5 requests per 3 s for send, line status and message status (one
shared window per client, the conservative reading), 3 per second for ``phone.check``.
The client waits for a slot; a 429 that still arrives becomes :class:`RateLimitError`.

The token lives only in the request path. It never appears in exceptions, reprs or logs:
httpx logs every request URL at INFO, so a filter on the ``httpx`` logger masks it.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any, Literal

import httpx

from olchat_desktop.olchat.errors import (
    ApiError,
    EndpointNotFoundError,
    InvalidTokenError,
    NetworkError,
    OlchatError,
    ProtocolError,
    RateLimitError,
    RequestTimeoutError,
    redact,
    snippet,
)
from olchat_desktop.olchat.errors_map import error_from_payload, is_error_payload
from olchat_desktop.olchat.limiter import SlidingWindowLimiter
from olchat_desktop.olchat.models import LineStatus, MessageStatus, PhoneCheck, SentMessage
from olchat_desktop.olchat.phone import normalise_phone
from olchat_desktop.redaction import install_log_redaction, register_secret

OLCHAT_BASE_URL = "https://olchat.infocom.io"
ApiVersion = Literal["v2", "v1"]
DEFAULT_TIMEOUT = 20.0
WEBHOOK_PREFIX = "/rest/webhook/wa"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})

# Logical method -> (v2 name, v1 name).
METHOD_NAMES: dict[str, tuple[str, str]] = {
    "send": ("messages.text.send", "sendText"),
    "check": ("phone.check", "checkPhone"),
    "line": ("line.status.get", "checkStatus"),
    "message": ("messages.status.get", "checkMessageStatus"),
}

log = logging.getLogger(__name__)


install_log_redaction()


def split_webhook_url(url: str) -> tuple[str, str]:
    """``https://host/rest/webhook/wa/TOKEN/v2/...`` → (``https://host``, ``TOKEN``)."""
    head, sep, tail = url.strip().partition(WEBHOOK_PREFIX + "/")
    token = tail.split("/", 1)[0].split("?", 1)[0].strip()
    if not sep or not head or not token:
        raise InvalidTokenError("the webhook address has no /rest/webhook/wa/<token>/ part")
    return head.rstrip("/"), token


class OlchatClient:
    """One OLChat line, reached by its webhook token, over one long-lived httpx.Client."""

    def __init__(
        self,
        base_url: str,
        token: str,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        api_version: ApiVersion | None = None,
        send_limiter: SlidingWindowLimiter | None = None,
        check_limiter: SlidingWindowLimiter | None = None,
    ) -> None:
        token = token.strip()
        if not token or any(c in token for c in "/?#& \t"):
            raise InvalidTokenError("the token is empty or contains / ? # & or spaces")
        base_url = base_url.strip().rstrip("/")
        # Accept the service root or the webhook prefix (the sandbox publishes the latter).
        base_url = base_url.removesuffix(WEBHOOK_PREFIX)
        url = httpx.URL(base_url)
        if url.scheme != "https" and not (url.scheme == "http" and url.host in LOOPBACK_HOSTS):
            # The token travels in the path: plain http would expose it on the wire.
            raise OlchatError("OLChat must be reached over https (http only for loopback)")
        self.base_url = base_url
        self._token = token
        register_secret(token)
        self._api_version: ApiVersion | None = api_version
        self._version_lock = threading.Lock()
        self._send_limiter = send_limiter or SlidingWindowLimiter(5, 3.0)
        self._check_limiter = check_limiter or SlidingWindowLimiter(3, 1.0)
        self._http = httpx.Client(
            timeout=timeout, transport=transport, follow_redirects=False, trust_env=False
        )

    def __repr__(self) -> str:
        return f"OlchatClient(base_url={self.base_url!r}, token=***, api={self._api_version})"

    def __enter__(self) -> OlchatClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    @property
    def api_version(self) -> ApiVersion | None:
        """The API generation that answered last; None until the first call."""
        return self._api_version

    # -- public calls -------------------------------------------------------------------

    def check_phone(self, phone: str) -> PhoneCheck:
        number = normalise_phone(phone)
        payload = self._call("check", {"phone_number": number}, self._check_limiter)
        return PhoneCheck.parse(number, payload)

    def send_text(
        self, phone: str, text: str, *, publish_to_open_line: bool = False
    ) -> SentMessage:
        number = normalise_phone(phone)
        if not text.strip():
            raise OlchatError("the message text is empty", code="EMPTY_TEXT")
        params: dict[str, Any] = {
            "phone_number": number,
            "body": text,
            "send_to_imol": "Y" if publish_to_open_line else "N",
            "text": text,
            "publish_to_open_line": publish_to_open_line,
        }
        payload = self._call("send", params, self._send_limiter, write=True)
        return SentMessage.parse(number, payload)

    def line_status(self) -> LineStatus:
        return LineStatus.parse(self._call("line", {}, self._send_limiter))

    def message_status(self, phone: str, message_id: str) -> MessageStatus:
        params = {"phone_number": normalise_phone(phone), "message_id": message_id}
        return MessageStatus.parse(message_id, self._call("message", params, self._send_limiter))

    # -- plumbing -----------------------------------------------------------------------

    def _call(
        self,
        method: str,
        params: dict[str, Any],
        limiter: SlidingWindowLimiter,
        *,
        write: bool = False,
    ) -> Any:
        versions: tuple[ApiVersion, ...] = (
            (self._api_version,) if self._api_version else ("v2", "v1")
        )
        for attempt, version in enumerate(versions, start=1):
            with limiter.slot():
                response = self._request(version, method, params, write=write)
            payload = _json_or_none(response)
            if response.status_code == 404:
                if attempt < len(versions):
                    # v2 unknown on this server (or this token): the older generation may be.
                    log.info("OLChat %s: v2 answered 404, trying v1", method)
                    continue
            else:
                with self._version_lock:
                    self._api_version = version
            return self._interpret(response, payload)
        raise AssertionError("unreachable: the last version always returns or raises")

    def _request(
        self, version: ApiVersion, method: str, params: dict[str, Any], *, write: bool
    ) -> httpx.Response:
        v2_name, v1_name = METHOD_NAMES[method]
        root = f"{self.base_url}{WEBHOOK_PREFIX}/{self._token}"
        try:
            if version == "v2":
                return self._http.post(f"{root}/v2/{v2_name}/", json=params)
            # v1 is documented as GET; it knows only the table spelling of parameters.
            query = {k: v for k, v in params.items() if k not in ("text", "publish_to_open_line")}
            return self._http.get(f"{root}/{v1_name}", params=query)
        except httpx.TimeoutException:
            raise RequestTimeoutError(maybe_sent=write) from None
        except httpx.HTTPError as exc:
            # httpx texts may quote the URL; keep only the exception type and redact anyway.
            detail = redact(f"{type(exc).__name__}: {exc}", self._token)
            raise NetworkError(detail, maybe_sent=write) from None

    def _interpret(self, response: httpx.Response, payload: Any) -> Any:
        status = response.status_code
        if status == 429:
            retry_after = _retry_after(response)
            error = error_from_payload(payload, status, self._token, retry_after=retry_after)
            if isinstance(error, RateLimitError):
                raise error
            raise RateLimitError(error.detail, retry_after=retry_after, http_status=status)
        if status == 404:
            # Unless the answer names a known OLChat error, a 404 means a wrong address.
            error = error_from_payload(payload, status, self._token)
            if type(error) is not ApiError:
                raise error
            detail = error.detail if payload is not None else snippet(response.content, self._token)
            raise EndpointNotFoundError(detail, http_status=status, raw=payload)
        if payload is None:
            detail = f"HTTP {status}: {snippet(response.content, self._token)}"
            raise ProtocolError(detail, http_status=status)
        if is_error_payload(payload) or status >= 400:
            raise error_from_payload(payload, status, self._token)
        if status >= 300:
            raise ProtocolError(f"HTTP {status}", http_status=status, raw=payload)
        return payload


def _json_or_none(response: httpx.Response) -> Any:
    try:
        return json.loads(response.content)
    except ValueError:
        return None


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return float(response.headers.get("Retry-After", ""))
    except ValueError:
        return None
