"""The Bitrix24 REST client: one long-lived httpx.Client per portal, JSON POST, typed errors.

Behaviour borrowed from b24pysdk (``allow_redirects=False`` with an explicit 302 portal
rename, refresh-then-retry-once) and fast_bitrix24 (client-side leaky bucket, per-method
operating time), plus what both lack: backoff with jitter on 503, retries of reads after
connection errors, and never a blind retry of a write whose request may have reached the
portal (reference ``bitrix24.md`` §3, "Never retry non-idempotent ``*.add`` calls").
"""

from __future__ import annotations

import logging
import ssl
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import httpx

from olchat_desktop import __version__
from olchat_desktop.bitrix.auth import Auth
from olchat_desktop.bitrix.envelope import Envelope, parse_response
from olchat_desktop.bitrix.error_catalog import QueryLimitExceededError
from olchat_desktop.bitrix.errors import (
    ConnectionFailedError,
    ExpiredTokenError,
    OperationTimeLimitError,
    ProtocolError,
    ServerError,
)
from olchat_desktop.bitrix.limiter import OperatingTracker, backoff_delays, bucket_for
from olchat_desktop.bitrix.webhook_url import is_loopback
from olchat_desktop.redaction import install_log_redaction, redact

log = logging.getLogger("olchat_desktop.bitrix")

# A cloud REST call must finish within 60 s (apidocs ``limits``); reads get a little more.
DEFAULT_TIMEOUT = httpx.Timeout(connect=5.0, read=65.0, write=15.0, pool=10.0)
_READ_METHODS = {
    "profile",
    "scope",
    "server.time",
    "methods",
    "method.get",
    "app.info",
    "user.current",
}
_READ_SUFFIXES = (
    ".list",
    ".get",
    ".fields",
    ".current",
    ".instances",
    ".findbycomm",
    ".search",
    ".info",
    ".time",
    ".getlist",
    ".getchildren",
    ".getversions",
)
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)
_DEFAULT_OPERATING_PAUSE = 60.0


def is_read_method(method: str) -> bool:
    """True for methods that change nothing and may be repeated safely."""
    name = method.lower()
    return name in _READ_METHODS or name.endswith(_READ_SUFFIXES)


def _verify_setting(verify: bool | str) -> bool | ssl.SSLContext:
    # httpx 0.28 deprecates a path in ``verify``; a custom CA bundle becomes a context.
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    return verify


class BitrixClient:
    """Calls one portal's REST API with the given credentials."""

    def __init__(
        self,
        auth: Auth,
        *,
        rate_profile: str = "standard",
        verify: bool | str = True,
        timeout: httpx.Timeout | float = DEFAULT_TIMEOUT,
        transport: httpx.BaseTransport | None = None,
        on_domain_changed: Callable[[str], None] | None = None,
        max_limit_retries: int = 8,
        max_connection_retries: int = 3,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        install_log_redaction()
        self.auth = auth
        self.rate_profile = rate_profile
        self.on_domain_changed = on_domain_changed
        self.renamed_to: str | None = None
        # HTTP requests sent (retries included): bulk reads report it (issue 14 budgets).
        self.requests_sent = 0
        self.max_limit_retries = max_limit_retries
        self.max_connection_retries = max_connection_retries
        self.operating = OperatingTracker(clock)
        self._clock = clock
        self._sleep = sleep
        self._bucket = bucket_for(self.domain, rate_profile)
        self._http = httpx.Client(
            timeout=timeout,
            verify=_verify_setting(verify),
            follow_redirects=False,
            transport=transport,
            headers={"Accept": "application/json", "User-Agent": f"OLChatDesktop/{__version__}"},
        )

    @property
    def domain(self) -> str:
        """The portal's host (and port): what a profile stores, updated after a rename."""
        return urlsplit(self.auth.origin).netloc

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> BitrixClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"BitrixClient({self.domain!r}, rate_profile={self.rate_profile!r})"

    def result(self, method: str, params: dict[str, Any] | None = None) -> Any:
        return self.call(method, params).result

    def call(
        self, method: str, params: dict[str, Any] | None = None, *, idempotent: bool | None = None
    ) -> Envelope:
        """Call ``method`` and return its envelope, or raise a typed BitrixError."""
        read = is_read_method(method) if idempotent is None else idempotent
        self.operating.check(method)
        limit_delays = backoff_delays(attempts=self.max_limit_retries)
        connection_delays = backoff_delays(base=0.2, attempts=self.max_connection_retries)
        refreshed = moved = False
        while True:
            if self._bucket is not None:
                self._bucket.acquire()
            body, token = self.auth.sign(params or {})
            self.requests_sent += 1
            try:
                response = self._http.post(self.auth.endpoint(method), json=body)
            except httpx.TransportError as exc:
                sent = not isinstance(exc, _NOT_SENT)
                delay = next(connection_delays, None) if (read or not sent) else None
                if delay is None:
                    raise ConnectionFailedError(
                        redact(f"{type(exc).__name__}: {exc}"),
                        method=method,
                        maybe_applied=sent and not read,
                    ) from None
                log.info("retrying %s after %s", method, type(exc).__name__)
                self._sleep(delay)
                continue
            if response.is_redirect:
                if moved:
                    raise ProtocolError(
                        "redirected again after a portal rename",
                        status=response.status_code,
                        method=method,
                    )
                self._follow_rename(response, method)
                moved = True
                continue
            try:
                envelope = parse_response(response.status_code, response.content, method)
            except ExpiredTokenError:
                if refreshed or not self.auth.can_refresh():
                    raise
                self.auth.refresh(token)
                refreshed = True
                continue
            except QueryLimitExceededError:
                if self._bucket is not None:
                    self._bucket.saturate()
                delay = next(limit_delays, None)
                if delay is None:
                    raise
                log.info("503 QUERY_LIMIT_EXCEEDED on %s, retrying in %.2f s", method, delay)
                self._sleep(delay)
                continue
            except OperationTimeLimitError as exc:
                exc.reset_at = exc.reset_at or self._clock() + _DEFAULT_OPERATING_PAUSE
                self.operating.pause(method, exc.reset_at)
                raise
            except ServerError:
                delay = next(connection_delays, None) if read else None
                if delay is None:
                    raise
                self._sleep(delay)
                continue
            if envelope.time is not None:
                self.operating.record(method, envelope.time.operating)
            return envelope

    def _follow_rename(self, response: httpx.Response, method: str) -> None:
        """A 302 means the portal was renamed: move the credentials to the new host."""
        location = response.headers.get("location", "")
        target = urlsplit(location)
        if not target.scheme or not target.hostname:
            raise ProtocolError(
                f"redirect without an absolute address: {redact(location)}",
                status=response.status_code,
                method=method,
            )
        if target.scheme not in ("https", "http") or (
            target.scheme == "http" and not is_loopback(target.hostname)
        ):
            raise ProtocolError(
                "refusing a redirect to a non-HTTPS address",
                status=response.status_code,
                method=method,
            )
        new_origin = f"{target.scheme}://{target.netloc}"
        if new_origin == self.auth.origin:
            raise ProtocolError(
                "the portal redirects to itself", status=response.status_code, method=method
            )
        self.auth.move_to(new_origin)
        self.renamed_to = self.domain
        log.info("portal renamed, now %s", self.domain)
        if self.on_domain_changed is not None:
            self.on_domain_changed(self.domain)
