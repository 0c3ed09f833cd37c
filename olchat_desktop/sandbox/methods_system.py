"""Who-am-I and discovery methods: profile, scope, server.time, user.current, open lines.

Shapes follow ``bitrix24.md`` §4.3. Choices: the portal's time zone is Moscow (+03:00);
``user.current`` needs one of ``user``, ``user_brief``, ``user_basic`` and returns the same
record for all three; ``imopenlines.config.list.get`` pages by ``limit``/``offset`` (limit
default 50, at most 200) and returns a plain list, as the reference says.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from olchat_desktop.sandbox.methods_listing import (
    filter_rows,
    mapping_param,
    order_rows,
    param,
    select_fields,
)
from olchat_desktop.sandbox.registry import ApiError, CallContext, method
from olchat_desktop.sandbox.seed_crm import MOSCOW

# Every scope the sandbox knows: what ``scope`` with ``full=true`` lists.
ALL_SCOPES = (
    "bizproc",
    "crm",
    "disk",
    "imopenlines",
    "imconnector",
    "placement",
    "user",
    "user_brief",
)
_USER_SCOPES = frozenset({"user", "user_brief", "user_basic"})
_LINE_FIELDS = ("ID", "LINE_NAME", "ACTIVE")


def _user(ctx: CallContext) -> dict[str, Any]:
    user: dict[str, Any] | None = ctx.portal.users.get(ctx.user_id)
    if user is None:
        raise ApiError("NO_AUTH_FOUND", "Wrong authorization data", 401)
    return user


@method("profile", scope=None)
def profile(ctx: CallContext) -> dict[str, Any]:
    user = _user(ctx)
    if not user["ACTIVE"]:
        return {}
    return {
        "ID": user["ID"],
        "ADMIN": bool(user["ADMIN"]),
        "NAME": user["NAME"],
        "LAST_NAME": user["LAST_NAME"],
        "PERSONAL_GENDER": user["PERSONAL_GENDER"],
        "TIME_ZONE": user["TIME_ZONE"],
    }


@method("scope", scope=None)
def scope(ctx: CallContext) -> list[str]:
    full = str(param(ctx.params, "full", "")).lower() in ("true", "1", "y")
    return list(ALL_SCOPES) if full else sorted(ctx.scopes)


@method("server.time", scope=None)
def server_time(ctx: CallContext) -> str:
    return datetime.fromtimestamp(ctx.now, MOSCOW).isoformat(timespec="seconds")


@method("user.current", scope=None)
def user_current(ctx: CallContext) -> dict[str, Any]:
    # Three scopes grant it, so the server's single-scope check cannot be used here.
    if not ctx.scopes & _USER_SCOPES:
        raise ApiError("insufficient_scope", "The request requires higher privileges", 403)
    user = _user(ctx)
    record = {key: value for key, value in user.items() if key != "ADMIN"}
    record["IS_ONLINE"] = "Y"
    return record


def _limit(options: dict[str, Any], key: str, default: int, maximum: int) -> int:
    try:
        value = int(options.get(key, default))
    except (TypeError, ValueError):
        value = default
    return max(0, min(value, maximum))


@method("imopenlines.config.list.get", scope="imopenlines")
def open_lines(ctx: CallContext) -> list[dict[str, Any]]:
    query = mapping_param(ctx.params, "PARAMS")
    filters = query.get("filter") or {}
    order = query.get("order") or {"ID": "ASC"}
    with ctx.portal.lock:
        rows = [dict(line) for line in ctx.portal.open_lines]
    rows = order_rows(filter_rows(rows, filters), order)
    offset = _limit(query, "offset", 0, 10**9)
    rows = rows[offset : offset + _limit(query, "limit", 50, 200)]
    options = mapping_param(ctx.params, "OPTIONS")
    with_queue = str(options.get("QUEUE", "N")).upper() == "Y"
    default_fields = [*_LINE_FIELDS, "QUEUE"] if with_queue else list(_LINE_FIELDS)
    select = query.get("select") or None
    return [select_fields(row, select, default_fields) for row in rows]
