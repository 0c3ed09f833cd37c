"""The sandbox's method registry: the contract between the HTTP layer and the method bodies.

The server (``server.py``) authenticates a call, applies limits and scopes, then looks the
method up here and calls it with a :class:`CallContext`. Method modules (``methods_*.py``)
register their functions with :func:`method`; the server imports them all at start-up.
A method returns the ``result`` value of the envelope, or a :class:`ListPage` for list
methods (the server adds ``total`` and ``next``), or raises :class:`ApiError`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

AuthKind = Literal["webhook", "oauth"]


class ApiError(Exception):
    """A Bitrix24 error envelope: ``{"error": code, "error_description": description}``."""

    def __init__(self, code: str, description: str = "", status: int = 400) -> None:
        super().__init__(code)
        self.code = code
        self.description = description
        self.status = status


@dataclass(frozen=True)
class ListPage:
    """One page of a list method; the server turns it into ``result``/``total``/``next``."""

    items: Any  # a list, or a dict such as crm.item.list's {"items": [...]}
    total: int | None  # None for start=-1 scans, which report no total
    next: int | None


@dataclass
class CallContext:
    """Who is calling and how: what a method body may need to decide its answer."""

    method: str
    params: dict[str, Any]
    user_id: int
    is_admin: bool
    auth_kind: AuthKind
    application_id: str | None  # the OAuth app's client id; None for webhooks
    scopes: frozenset[str]
    portal: Any  # the PortalState instance (see portal_state.py)
    now: float  # sandbox clock, seconds since the epoch


MethodBody = Callable[[CallContext], Any]


@dataclass(frozen=True)
class MethodSpec:
    name: str
    scope: str | None  # None: available to every auth (profile, scope, server.time...)
    body: MethodBody
    app_context_only: bool = False  # bizproc.robot.*: webhooks get ACCESS_DENIED
    admin_only: bool = False
    write: bool = False


@dataclass
class MethodRegistry:
    specs: dict[str, MethodSpec] = field(default_factory=dict)

    def add(self, spec: MethodSpec) -> None:
        if spec.name in self.specs:
            raise ValueError(f"method registered twice: {spec.name}")
        self.specs[spec.name] = spec

    def get(self, name: str) -> MethodSpec | None:
        return self.specs.get(name.lower())


REGISTRY = MethodRegistry()


def method(
    name: str,
    *,
    scope: str | None,
    app_context_only: bool = False,
    admin_only: bool = False,
    write: bool = False,
) -> Callable[[MethodBody], MethodBody]:
    """Register a sandbox method body under its lower-case REST name."""

    def decorate(body: MethodBody) -> MethodBody:
        REGISTRY.add(MethodSpec(name.lower(), scope, body, app_context_only, admin_only, write))
        return body

    return decorate
