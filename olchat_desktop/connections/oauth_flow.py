"""OAuth sign-in for a Bitrix24 local app: authorize URL, loopback redirect, pasted codes.

Reference ``shared/reference/bitrix24.md`` §1b: the browser goes to
``https://PORTAL/oauth/authorize/?client_id=…&state=…``; the portal redirects to the
app's redirect URI with ``code``, ``state``, ``domain``, ``member_id``, ``scope`` and
``server_domain``; the code lives 30 s, so it is exchanged the moment it arrives.

A loopback redirect (``http://127.0.0.1:PORT/callback``) is not documented as supported by
Bitrix24 (the same reference says so), hence the second way in: the user pastes the
redirected URL from the browser's address bar, or the bare code. Both end in
:func:`parse_redirect`. The listener is stdlib ``http.server`` in a thread (RFC 8252 §7.3:
loopback IP literal, random port); it never logs a request line, which holds the code.
"""

from __future__ import annotations

import html
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from olchat_desktop.bitrix.webhook_url import PortalAddress, is_loopback
from olchat_desktop.core.i18n import N_, Lang, LazyText, text
from olchat_desktop.redaction import register_secret

CALLBACK_PATH = "/callback"
LOOPBACK_HOST = "127.0.0.1"
# The OAuth servers Bitrix24 documents (RU docs moved to .tech in June 2025). A
# ``server_domain`` outside this list is ignored: the client secret goes only to these.
KNOWN_OAUTH_SERVERS = frozenset({"oauth.bitrix.info", "oauth.bitrix24.tech"})
DEFAULT_OAUTH_SERVER = "oauth.bitrix.info"

_MESSAGES: dict[str, str] = {
    "empty": N_("Paste the address the browser was redirected to, or the authorization code."),
    "no_code": N_("This address has no 'code' parameter: copy the whole address after signing in."),
    "denied": N_(
        "The portal refused the sign-in ({error}). Check the client id and the app's rights."
    ),
    "state_mismatch": N_(
        "This answer belongs to another sign-in (state differs): press 'Sign in' again."
    ),
    "bad_code": N_("The authorization code contains invalid characters: copy it again."),
    "timeout": N_(
        "The browser did not come back to the app: paste the address or the code by hand."
    ),
}


class OAuthInputError(ValueError):
    """A pasted redirect URL or code that cannot be used; ``code`` names the defect."""

    def __init__(self, code: str, **details: str) -> None:
        self.code = code
        self.details = details
        super().__init__(self.message("en"))

    def message(self, lang: Lang = "en") -> str:
        return text(lang, _MESSAGES[self.code]).format(**self.details)


@dataclass(frozen=True)
class AuthorizationReply:
    """What the portal's redirect carries. ``code`` is secret and hidden from repr."""

    code: str = field(repr=False)
    state: str = ""
    domain: str = ""
    member_id: str = ""
    server_domain: str = ""
    scope: tuple[str, ...] = ()


def new_state() -> str:
    """An unguessable ``state`` that ties the redirect to this sign-in (CSRF protection)."""
    return secrets.token_urlsafe(24)


def build_authorize_url(
    portal: PortalAddress, client_id: str, state: str, redirect_uri: str | None = None
) -> str:
    """``{portal}/oauth/authorize/?client_id=…&state=…[&redirect_uri=…]``."""
    params = {"client_id": client_id, "state": state}
    if redirect_uri:
        params["redirect_uri"] = redirect_uri
    return f"{portal.origin}/oauth/authorize/?{urlencode(params)}"


def token_url_for(server_domain: str, portal: PortalAddress) -> str | None:
    """The token endpoint to use after a redirect naming ``server_domain``, if trusted.

    Only the documented OAuth servers are trusted; a loopback portal (the sandbox) may name
    a loopback OAuth server. Otherwise None: the caller uses its default.
    """
    host = server_domain.strip().lower()
    if host in KNOWN_OAUTH_SERVERS:
        return f"https://{host}/oauth/token/"
    hostname = urlsplit(f"//{host}").hostname or ""
    if host and is_loopback(portal.host) and is_loopback(hostname):
        return f"http://{host}/oauth/token/"
    return None


def _first(query: dict[str, list[str]], name: str) -> str:
    values = query.get(name) or [""]
    return values[0].strip()


def _check_code(code: str) -> str:
    if not code or not all(ch.isalnum() or ch in "-_." for ch in code):
        raise OAuthInputError("bad_code")
    register_secret(code)  # from now on it is masked in every log line and error text
    return code


def reply_from_query(query: dict[str, list[str]], expected_state: str | None) -> AuthorizationReply:
    error = _first(query, "error")
    if error:
        raise OAuthInputError("denied", error=error[:60])
    code = _first(query, "code")
    if not code:
        raise OAuthInputError("no_code")
    state = _first(query, "state")
    if expected_state is not None and not secrets.compare_digest(state, expected_state):
        raise OAuthInputError("state_mismatch")
    return AuthorizationReply(
        code=_check_code(code),
        state=state,
        domain=_first(query, "domain"),
        member_id=_first(query, "member_id"),
        server_domain=_first(query, "server_domain"),
        scope=tuple(s for s in _first(query, "scope").split(",") if s),
    )


def parse_redirect(text: str, expected_state: str | None = None) -> AuthorizationReply:
    """A pasted redirected URL (state checked when present) or a bare code."""
    value = text.strip().strip("\"'<>")
    if not value:
        raise OAuthInputError("empty")
    if "?" in value or "code=" in value or "://" in value:
        query = parse_qs(value.split("?", 1)[-1].split("#", 1)[0], keep_blank_values=True)
        # A pasted URL from an older sign-in has another state; a bare code has none.
        has_state = bool(_first(query, "state"))
        return reply_from_query(query, expected_state if has_state else None)
    return AuthorizationReply(code=_check_code(value))


_PAGE = "<!doctype html><meta charset='utf-8'><title>OLChat Desktop</title><p>{ru}</p><p>{en}</p>"


class _CallbackHandler(BaseHTTPRequestHandler):
    server: _CallbackServer

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        if parts.path.rstrip("/") != CALLBACK_PATH:
            self._answer(404, LazyText("Not found."))
            return
        try:
            reply = reply_from_query(parse_qs(parts.query), self.server.expected_state)
        except OAuthInputError as exc:
            self.server.deliver(None, exc)
            self._answer(400, exc.message)
            return
        self.server.deliver(reply, None)
        self._answer(
            200, LazyText("Signed in. Return to OLChat Desktop; you can close this window.")
        )

    def _answer(self, status: int, message: Callable[[Lang], str]) -> None:
        # The browser page says it in both languages: we do not know the browser's.
        ru, en = message("ru"), message("en")
        body = _PAGE.format(ru=html.escape(ru), en=html.escape(en)).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        # The request line holds the authorization code: never written anywhere.
        return


class _CallbackServer(HTTPServer):
    def __init__(self, expected_state: str) -> None:
        super().__init__((LOOPBACK_HOST, 0), _CallbackHandler)
        self.expected_state = expected_state
        self._done = threading.Event()
        self.reply: AuthorizationReply | None = None
        self.error: OAuthInputError | None = None

    def deliver(self, reply: AuthorizationReply | None, error: OAuthInputError | None) -> None:
        if self._done.is_set():
            return  # the first answer wins; a reload must not replace it
        self.reply, self.error = reply, error
        self._done.set()

    def wait(self, seconds: float) -> bool:
        return self._done.wait(seconds)


class LoopbackListener:
    """Waits for the portal's redirect on ``http://127.0.0.1:<random port>/callback``."""

    def __init__(self, state: str) -> None:
        self.state = state
        self._server = _CallbackServer(state)
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="oauth-loopback",
            daemon=True,
        )
        self._thread.start()

    @property
    def redirect_uri(self) -> str:
        port = int(self._server.server_address[1])
        return f"http://{LOOPBACK_HOST}:{port}{CALLBACK_PATH}"

    def wait(self, timeout: float, cancelled: Any = None, step: float = 0.1) -> AuthorizationReply:
        """Block until the redirect arrives; ``cancelled()`` is polled every ``step`` s."""
        waited = 0.0
        while not self._server.wait(step):
            waited += step
            if cancelled is not None and cancelled():
                raise InterruptedError("sign-in cancelled")
            if waited >= timeout:
                raise OAuthInputError("timeout")
        if self._server.error is not None:
            raise self._server.error
        assert self._server.reply is not None
        return self._server.reply

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackListener:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"LoopbackListener({self.redirect_uri!r})"
