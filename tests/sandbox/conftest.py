"""Sandbox test support. ``probes``: methods registered once under ``sandboxtest.*``.

They let the HTTP-layer tests exercise authentication, scopes, contexts, limits and
envelopes without depending on the real method bodies (another module's job).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from olchat_desktop.sandbox.registry import REGISTRY, ApiError, CallContext, ListPage, method

ECHO = "sandboxtest.echo"
CRM = "sandboxtest.crm"
ROBOT = "sandboxtest.robot"
ADMIN = "sandboxtest.admin"
LIST = "sandboxtest.list"
FAIL = "sandboxtest.fail"
LIST_SIZE = 120


def _who(ctx: CallContext) -> dict[str, Any]:
    return {
        "params": ctx.params,
        "user_id": ctx.user_id,
        "is_admin": ctx.is_admin,
        "auth_kind": ctx.auth_kind,
        "application_id": ctx.application_id,
        "scopes": sorted(ctx.scopes),
    }


def _list(ctx: CallContext) -> ListPage:
    start = int(ctx.params.get("start", 0))
    items = [{"ID": str(i + 1)} for i in range(start, min(start + 50, LIST_SIZE))]
    nxt = start + 50 if start + 50 < LIST_SIZE else None
    return ListPage(items, LIST_SIZE, nxt)


def _fail(ctx: CallContext) -> Any:
    raise ApiError("ERROR_PROBE", "Probe failure", 400)


if REGISTRY.get(ECHO) is None:
    method(ECHO, scope=None)(_who)
    method(CRM, scope="crm")(_who)
    method(ROBOT, scope="bizproc", app_context_only=True)(_who)
    method(ADMIN, scope=None, admin_only=True)(_who)
    method(LIST, scope=None)(_list)
    method(FAIL, scope=None)(_fail)


class Probes:
    ECHO = ECHO
    CRM = CRM
    ROBOT = ROBOT
    ADMIN = ADMIN
    LIST = LIST
    FAIL = FAIL

    @staticmethod
    def call(client: httpx.Client, webhook: str, name: str, **params: Any) -> httpx.Response:
        """POST a JSON call to a webhook URL ending in '/'."""
        return client.post(webhook + name, json=params)


@pytest.fixture
def probes() -> type[Probes]:
    return Probes


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    """A plain httpx client that never follows redirects (a 302 must be seen)."""
    with httpx.Client(timeout=5, follow_redirects=False) as http:
        yield http
