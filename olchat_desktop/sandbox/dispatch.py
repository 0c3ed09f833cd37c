"""REST dispatch: authenticate, limit, check scope and context, run the method body.

The order of checks is the order a real portal answers in: authentication (401), the
portal's leaky bucket (503), unknown method (404), scope (403 ``insufficient_scope``),
application context and admin rights (403 ``ACCESS_DENIED``), the method's operating time
(429), then the body. ``batch`` passes the bucket once and sends each command through
:meth:`Dispatcher.call`, so commands get exactly the same checks.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from olchat_desktop.sandbox import envelope
from olchat_desktop.sandbox.auth import AuthRegistry, Identity
from olchat_desktop.sandbox.batch import CallOutcome, run_batch
from olchat_desktop.sandbox.limits import LeakyBucket, OperatingTime
from olchat_desktop.sandbox.registry import REGISTRY, ApiError, CallContext, ListPage

log = logging.getLogger(__name__)

Reply = tuple[int, dict[str, str], bytes]
JSON_HEADERS = {"Content-Type": "application/json; charset=utf-8"}

_methods_loaded = False
_methods_lock = threading.Lock()


def load_method_modules() -> None:
    """Import every ``olchat_desktop.sandbox.methods_*`` module so its bodies register."""
    global _methods_loaded
    with _methods_lock:
        if _methods_loaded:
            return
        # The package is loaded before any of its modules; looking it up instead of
        # importing it keeps the package -> server -> dispatch chain free of a cycle.
        package = sys.modules[__package__ or "olchat_desktop.sandbox"]
        for info in pkgutil.iter_modules(package.__path__):
            if info.name.startswith("methods_"):
                try:
                    importlib.import_module(f"{package.__name__}.{info.name}")
                except Exception:
                    # One broken method module must not take the whole portal down; its
                    # methods then answer ERROR_METHOD_NOT_FOUND and the log says why.
                    log.exception("sandbox method module %s failed to import", info.name)
        _methods_loaded = True


def json_reply(status: int, payload: Any) -> Reply:
    return status, dict(JSON_HEADERS), envelope.encode(payload)


def error_reply(err: ApiError, time_block: dict[str, Any] | None = None) -> Reply:
    payload = envelope.error(err.code, err.description)
    if time_block is not None:
        payload["time"] = time_block
    return json_reply(err.status, payload)


class Dispatcher:
    """Runs REST calls for one sandbox portal."""

    def __init__(
        self,
        auth: AuthRegistry,
        bucket: LeakyBucket,
        operating: OperatingTime,
        method_costs: dict[str, float],
        portal: Callable[[], Any],
        now: Callable[[], float],
    ) -> None:
        self.auth = auth
        self.bucket = bucket
        self.operating = operating
        self.method_costs = method_costs
        self._portal = portal
        self._now = now
        # Method bodies mutate one shared PortalState; like a single PHP worker per portal,
        # they run one at a time. Tests and the simulated customer may hold it too.
        self.lock = threading.RLock()

    # --- one REST request -----------------------------------------------------------------
    def handle(self, segments: list[str], params: dict[str, Any]) -> Reply:
        """``segments``: the path after ``/rest/``, e.g. ``["1", "secret", "profile.json"]``."""
        try:
            identity, method = self._authenticate(segments, params)
        except ApiError as err:
            return error_reply(err)
        if not self.bucket.try_acquire():
            return error_reply(ApiError("QUERY_LIMIT_EXCEEDED", "Too many requests", 503))
        if method == "batch":
            start = self._now()
            try:
                result = run_batch(params, lambda name, sub: self.call(identity, name, sub))
            except ApiError as err:
                return error_reply(err)
            finish = self._now()
            reset_at = self.operating.status(identity.credential, method).reset_at
            block = envelope.time_block(start, finish, finish - start, 0.0, reset_at)
            return json_reply(200, envelope.success(result, block))
        outcome = self.call(identity, method, params)
        if outcome.error is not None:
            return error_reply(outcome.error, outcome.time)
        assert outcome.time is not None
        return json_reply(
            200, envelope.success(outcome.result, outcome.time, outcome.total, outcome.next)
        )

    def _authenticate(self, segments: list[str], params: dict[str, Any]) -> tuple[Identity, str]:
        if len(segments) == 3 and segments[0].isdigit():
            user_id, secret, raw_method = segments
            identity = self.auth.check_webhook(int(user_id), secret)
        elif len(segments) == 1:
            raw_method = segments[0]
            token = params.get("auth")
            identity = self.auth.check_access_token(token if isinstance(token, str) else None)
        else:
            # A webhook secret without its user id lands here too, as on a real portal.
            raise ApiError("ERROR_METHOD_NOT_FOUND", "Method not found!", 404)
        return identity, raw_method.lower().removesuffix(".json")

    # --- one method call (a request or a batch command) -----------------------------------
    def call(self, identity: Identity, method: str, params: dict[str, Any]) -> CallOutcome:
        params = {key: value for key, value in params.items() if key != "auth"}
        spec = REGISTRY.get(method)
        if spec is None:
            return CallOutcome(error=ApiError("ERROR_METHOD_NOT_FOUND", "Method not found!", 404))
        if spec.scope is not None and spec.scope not in identity.scopes:
            return CallOutcome(
                error=ApiError(
                    "insufficient_scope",
                    "The request requires higher privileges than provided by the access token",
                    403,
                )
            )
        if spec.app_context_only and identity.auth_kind == "webhook":
            return CallOutcome(error=ApiError("ACCESS_DENIED", "Application context required", 403))
        if spec.admin_only and not identity.is_admin:
            return CallOutcome(error=ApiError("ACCESS_DENIED", "Access denied!", 403))
        status = self.operating.status(identity.credential, spec.name)
        if status.blocked:
            now = self._now()
            block = envelope.time_block(now, now, 0.0, 0.0, status.reset_at)
            err = ApiError(
                "OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.", 429
            )
            return CallOutcome(error=err, time=block)
        return self._run(identity, spec.name, spec.body, params)

    def _run(
        self,
        identity: Identity,
        name: str,
        body: Callable[[CallContext], Any],
        params: dict[str, Any],
    ) -> CallOutcome:
        start = self._now()
        started = time.perf_counter()
        error: ApiError | None = None
        value: Any = None
        with self.lock:
            context = CallContext(
                method=name,
                params=params,
                user_id=identity.user_id,
                is_admin=identity.is_admin,
                auth_kind=identity.auth_kind,
                application_id=identity.application_id,
                scopes=identity.scopes,
                portal=self._portal(),
                now=start,
            )
            try:
                value = body(context)
            except ApiError as err:
                error = err
            except Exception:
                log.exception("sandbox method %s failed", name)
                error = ApiError("INTERNAL_SERVER_ERROR", "Internal server error", 500)
        processing = time.perf_counter() - started
        cost = self.method_costs.get(name, processing)
        self.operating.record(identity.credential, name, cost)
        if error is not None:
            return CallOutcome(error=error)
        finish = self._now()
        reset_at = self.operating.status(identity.credential, name).reset_at
        block = envelope.time_block(start, finish, processing, cost, reset_at)
        if isinstance(value, ListPage):
            return CallOutcome(value.items, value.total, value.next, block)
        return CallOutcome(result=value, time=block)
