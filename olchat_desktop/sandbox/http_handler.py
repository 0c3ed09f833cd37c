"""The HTTP side of the sandbox: one handler class that parses, routes and answers.

``http.server`` with HTTP/1.1 keep-alive and Nagle's algorithm off: without it every
response stalls about 40 ms on delayed ACK (``shared/reference/platform.md``, httpx).
"""

from __future__ import annotations

import contextlib
import re
import socket
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

from olchat_desktop.sandbox import (  # submodules, not the package
    envelope,
    oauth_server,
    side_routes,
)
from olchat_desktop.sandbox.dispatch import Reply, error_reply
from olchat_desktop.sandbox.host import SandboxHost
from olchat_desktop.sandbox.registry import ApiError

_WEBHOOK_SECRET = re.compile(r"(/rest/\d+/)[^/?]+")
_OLCHAT_TOKEN = re.compile(r"(/olchat/rest/webhook/[^/]+/)[^/?]+")
_SECRET_PARAM = re.compile(
    r"(?i)([?&](?:auth|code|refresh_token|client_secret|access_token|token)=)[^&]*"
)


def redact(path: str) -> str:
    """A request path fit for logs: webhook secrets, tokens and codes replaced by ``***``."""
    path = _WEBHOOK_SECRET.sub(r"\1***", path)
    path = _OLCHAT_TOKEN.sub(r"\1***", path)
    return _SECRET_PARAM.sub(r"\1***", path)


class SandboxHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], sandbox: SandboxHost) -> None:
        super().__init__(address, SandboxRequestHandler)
        self.sandbox = sandbox


class SandboxRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True
    server_version = "OLChatSandbox/1"
    server: SandboxHTTPServer

    def log_message(self, format: str, *args: Any) -> None:
        # Quiet by design: the default access log would print webhook secrets.
        return

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def _serve(self, http_method: str) -> None:
        sandbox = self.server.sandbox
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length > 0 else b""
        sandbox.request_log.append((http_method, redact(self.path)))
        fault = sandbox.faults.decide(self.path, body)  # see faults.py
        if fault == "before":
            self._drop()
            return
        try:
            reply = self._route(sandbox, http_method, body)
        except Exception:  # a bug in the sandbox must still answer, never hang a client
            self.server.handle_error(self.request, self.client_address)
            reply = error_reply(ApiError("INTERNAL_SERVER_ERROR", "Internal server error", 500))
        if fault == "after":
            self._drop()
            return
        self._send(reply)

    def _drop(self) -> None:
        """Close the connection without a byte of answer, as a network drop would."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _route(self, sandbox: SandboxHost, http_method: str, body: bytes) -> Reply:
        url = urlsplit(self.path)
        path = url.path
        if path.startswith("/olchat/") or path == "/olchat":
            return side_routes.olchat(sandbox, http_method, path[len("/olchat") :], url.query, body)
        is_portal_page = path.startswith("/rest/") or path.startswith("/oauth/authorize")
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0].strip("[]").lower()
        if is_portal_page and host in sandbox.former_hosts:
            location = f"{sandbox.base_url}{self.path}"
            return 302, {"Location": location, "Content-Type": "text/html"}, b""
        try:
            params = envelope.parse_php_query(url.query)
            params.update(envelope.parse_body(body, self.headers.get("Content-Type") or ""))
        except (ValueError, UnicodeDecodeError):
            return error_reply(ApiError("INVALID_REQUEST", "Invalid request body", 400))
        if path.startswith("/disk/download"):
            return side_routes.disk_download(sandbox, path, params)
        if path.startswith("/rest/"):
            segments = [part for part in path[len("/rest/") :].split("/") if part]
            return sandbox.dispatcher.handle(segments, params)
        if path.rstrip("/") == "/oauth/authorize":
            return oauth_server.authorize(sandbox, params)
        if path.rstrip("/") == "/oauth/token":
            return oauth_server.token(sandbox, params)
        return error_reply(ApiError("ERROR_METHOD_NOT_FOUND", "Method not found!", 404))

    def _send(self, reply: Reply) -> None:
        status, headers, body = reply
        self.send_response(status)
        for name, value in headers.items():
            if name.lower() != "content-length":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)
