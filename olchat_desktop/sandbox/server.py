"""The sandbox portal: a Bitrix24 REST subset plus the OLChat REST API on 127.0.0.1.

Used by the integration tests, demo mode and ``olchat-desktop sandbox``. Facts come from
``shared/reference/bitrix24.md`` §1-§3 and §6; each module documents its part:
``auth`` (webhooks, OAuth), ``limits`` (leaky bucket, operating time), ``envelope``
(parameters and envelopes), ``batch``, ``dispatch`` (order of checks), ``oauth_server``,
``side_routes`` (``/olchat`` and Disk downloads).

Choices made where the reference is silent or ambiguous:

* Users: user 1 is the portal admin, user 2 a manager (not admin). ``webhook_url("admin")``
  is user 1 with every scope, ``webhook_url("manager")`` user 2 with crm, bizproc,
  imopenlines and user. The OAuth app has every scope; the browser sign-in approves as
  ``oauth_user_id`` (1 unless a test changes it).
* ``ACCESS_DENIED`` ("Application context required" and "Access denied!") is HTTP 403, as
  in the error table (the robot pages print 400); ``ERROR_METHOD_NOT_FOUND`` is 404;
  ``insufficient_scope`` is 403 for webhooks and OAuth alike.
* The leaky bucket counts authenticated REST requests only: failed authentication, the
  OAuth token endpoint (another server in real life) and ``/olchat`` do not count.
  ``rate_profile = "off"`` turns the bucket off; operating time still applies.
* Operating time: a method's cost is ``method_costs[method]`` when a test sets it, else its
  measured run time. The 429 answer carries ``time.operating_reset_at``.
* Portal rename: ``rename_portal("localhost")`` makes requests whose ``Host`` is a former
  name (``127.0.0.1`` at first) get ``302`` with ``Location`` on the new name, same port,
  path and query, for ``/rest/`` and ``/oauth/authorize/``. Both names must resolve to
  loopback, so use ``127.0.0.1`` and ``localhost``. ``oauth_token_url`` and
  ``olchat_base_url`` are other services and keep the loopback IP.
* Disk (``disk_state``, ``methods_disk``): file downloads are ``GET /disk/downloadFile/
  {id}/?token=…`` (and ``/disk/downloadVersion/{id}/``); the token in ``DOWNLOAD_URL``
  is the only credential, as ``disk_state`` explains. ``restart()`` stops and starts the
  HTTP server on the same port with the data kept and download tokens invalidated.
* ``faults`` (:class:`~olchat_desktop.sandbox.faults.FaultPlan`) drops connections on
  demand, before or after the request is applied.
* ``request_log`` holds ``(http method, path)`` with webhook secrets, OLChat tokens and
  ``auth``/``code``/``refresh_token``/``client_secret`` parameters replaced by ``***``.
  Bodies are never logged. The HTTP access log is off.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
import threading
from collections.abc import Iterable
from types import TracebackType
from typing import Any

from olchat_desktop.sandbox.auth import ALL_SCOPES, MANAGER_SCOPES, AuthRegistry
from olchat_desktop.sandbox.clock import SandboxClock
from olchat_desktop.sandbox.dispatch import Dispatcher, load_method_modules
from olchat_desktop.sandbox.faults import FaultPlan
from olchat_desktop.sandbox.http_handler import SandboxHTTPServer
from olchat_desktop.sandbox.limits import LeakyBucket, OperatingTime

log = logging.getLogger(__name__)

LOOPBACK = "127.0.0.1"
ADMIN_USER_ID = 1
MANAGER_USER_ID = 2


def _default_portal(clock: SandboxClock) -> Any:
    try:
        from olchat_desktop.sandbox.portal_state import PortalState
    except ImportError:
        log.warning("portal_state is not available; the sandbox runs without seeded data")
        return None
    return PortalState(clock)


def _default_olchat(clock: SandboxClock) -> Any:
    try:
        from olchat_desktop.sandbox.olchat_emulator import OlchatEmulator
    except ImportError:
        log.warning("olchat_emulator is not available; /olchat answers 404")
        return None
    return OlchatEmulator(clock.now)


class Sandbox:
    """One emulated portal and OLChat account behind one loopback HTTP server."""

    def __init__(
        self,
        port: int = 0,
        *,
        rate_profile: str = "standard",
        clock: SandboxClock | None = None,
        portal: Any = None,
        olchat: Any = None,
    ) -> None:
        self.clock = clock or SandboxClock()
        self.auth = AuthRegistry(self.clock.now, admin_user_ids=[ADMIN_USER_ID])
        self.bucket = LeakyBucket(self.clock.now, rate_profile)
        self.operating = OperatingTime(self.clock.now)
        self.method_costs: dict[str, float] = {}
        self.request_log: list[tuple[str, str]] = []
        self.faults = FaultPlan()
        self.member_id = secrets.token_hex(16)
        self.oauth_user_id = ADMIN_USER_ID
        self.oauth_redirect_uri: str | None = None
        self.portal = portal if portal is not None else _default_portal(self.clock)
        self.olchat = olchat if olchat is not None else _default_olchat(self.clock)
        self.dispatcher = Dispatcher(
            self.auth,
            self.bucket,
            self.operating,
            self.method_costs,
            lambda: self.portal,
            self.clock.now,
        )
        self.former_hosts: set[str] = set()
        self._portal_host = LOOPBACK
        self._requested_port = port
        self._server: SandboxHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._webhooks = {
            "admin": self.auth.add_webhook(ADMIN_USER_ID, ALL_SCOPES),
            "manager": self.auth.add_webhook(MANAGER_USER_ID, MANAGER_SCOPES),
        }

    # --- lifecycle ------------------------------------------------------------------------
    def start(self) -> Sandbox:
        if self._server is not None:
            return self
        load_method_modules()
        self._server = SandboxHTTPServer((LOOPBACK, self._requested_port), self)
        # A short poll keeps stop() quick: tests start and stop a sandbox per test.
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="olchat-sandbox",
            daemon=True,
        )
        self._thread.start()
        self._requested_port = self.port  # a restart comes back on the same port
        self._update_disk_url()
        return self

    def restart(self) -> None:
        """Stop and start again on the same port: data kept, download URLs invalidated."""
        server, thread = self._server, self._thread
        self._server = self._thread = None
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        disk = getattr(self.portal, "disk", None)
        if disk is not None:
            disk.rotate_download_key()
        self.start()

    def _update_disk_url(self) -> None:
        disk = getattr(self.portal, "disk", None)
        if disk is not None and self._server is not None:
            disk.base_url = self.base_url

    def stop(self) -> None:
        server, thread = self._server, self._thread
        self._server = self._thread = None
        # Interrupt a delayed OLChat send first, or shutdown waits for it to finish.
        shutdown_olchat = getattr(self.olchat, "shutdown", None)
        if callable(shutdown_olchat):
            with contextlib.suppress(Exception):
                shutdown_olchat()
        if server is not None:
            server.shutdown()
            server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        stop_portal = getattr(self.portal, "stop", None)
        if callable(stop_portal):
            with contextlib.suppress(Exception):
                stop_portal()

    def __enter__(self) -> Sandbox:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # --- addresses ------------------------------------------------------------------------
    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("the sandbox is not running; call start() first")
        return int(self._server.server_address[1])

    @property
    def portal_domain(self) -> str:
        return f"{self._portal_host}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"http://{self.portal_domain}"

    @property
    def oauth_server_domain(self) -> str:
        return f"{LOOPBACK}:{self.port}"

    @property
    def oauth_server_url(self) -> str:
        return f"http://{self.oauth_server_domain}"

    @property
    def oauth_authorize_url(self) -> str:
        return f"{self.base_url}/oauth/authorize/"

    @property
    def oauth_token_url(self) -> str:
        return f"{self.oauth_server_url}/oauth/token/"

    @property
    def olchat_base_url(self) -> str:
        return f"{self.oauth_server_url}/olchat/rest/webhook/wa"

    # --- credentials ----------------------------------------------------------------------
    def webhook_url(self, who: str = "admin") -> str:
        hook = self._webhooks[who]
        return f"{self.base_url}/rest/{hook.user_id}/{hook.secret}/"

    def add_webhook(
        self, user_id: int, scopes: Iterable[str], expires_at: float | None = None
    ) -> str:
        hook = self.auth.add_webhook(user_id, scopes, expires_at)
        return f"{self.base_url}/rest/{hook.user_id}/{hook.secret}/"

    @property
    def oauth_client_id(self) -> str:
        return self.auth.client_id

    @property
    def oauth_client_secret(self) -> str:
        return self.auth.client_secret

    def issue_oauth_code(self, user_id: int = ADMIN_USER_ID) -> str:
        """A fresh authorization code, as if ``user_id`` approved the app in the browser."""
        return self.auth.issue_code(user_id)

    # --- behaviour switches ---------------------------------------------------------------
    @property
    def rate_profile(self) -> str:
        return self.bucket.profile

    @rate_profile.setter
    def rate_profile(self, value: str) -> None:
        self.bucket.profile = value

    @property
    def lock(self) -> threading.RLock:
        """Held while a method body runs; hold it to change portal data mid-test."""
        return self.dispatcher.lock

    def rename_portal(self, new_host: str) -> None:
        new_host = new_host.strip().lower()
        if new_host == self._portal_host:
            return
        self.former_hosts.add(self._portal_host)
        self.former_hosts.discard(new_host)
        self._portal_host = new_host
        self._update_disk_url()
