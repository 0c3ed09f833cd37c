"""Application robots: bizproc.robot.add, update, list, delete (``bitrix24.md`` §4.1).

The server enforces what the registration says: scope ``bizproc``, an admin user, and
application (OAuth) context; webhooks get ``ACCESS_DENIED`` "Application context required".
Each application id has its own registry; ``list`` returns only that app's CODEs.

Validation, all ``400 ERROR_ACTIVITY_VALIDATION_FAILURE`` with the documented texts unless
noted: empty data; empty or wrong ``CODE`` (allowed ``[a-zA-Z0-9._-]``); empty ``NAME``;
``PROPERTIES``/``RETURN_PROPERTIES`` not a map ("Wrong properties array"); a property key
not matching ``[A-Za-z][A-Za-z0-9_]*`` ("Wrong property key X"); a property without ``Name``
("Empty property NAME X"); a malformed ``FILTER`` or ``DOCUMENT_TYPE``. ``HANDLER``:
missing or not an absolute URL -> ``ERROR_WRONG_HANDLER_URL``; a scheme other than https ->
``ERROR_UNSUPPORTED_PROTOCOL`` (the sandbox's choice: Bitrix24's queue servers post to
public HTTPS handlers); a host other than the application's domain (see
``PortalState.app_handler_host``) -> ``ERROR_WRONG_HANDLER_URL``. ``USE_PLACEMENT = Y``
without ``PLACEMENT_HANDLER`` -> ``ERROR_WRONG_HANDLER_URL``. A CODE the app already has ->
``ERROR_ACTIVITY_ALREADY_INSTALLED``; update/delete of an unknown CODE ->
``ERROR_ACTIVITY_NOT_FOUND``; update without ``FIELDS`` -> "No fields to update".
"""

from __future__ import annotations

import copy
import re
from typing import Any
from urllib.parse import urlsplit

from olchat_desktop.sandbox.methods_listing import param
from olchat_desktop.sandbox.registry import ApiError, CallContext, method

_CODE = re.compile(r"^[a-zA-Z0-9._-]+$")
_PROPERTY_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_FIELDS = (
    "HANDLER", "AUTH_USER_ID", "USE_SUBSCRIPTION", "NAME", "DESCRIPTION", "PROPERTIES",
    "RETURN_PROPERTIES", "DOCUMENT_TYPE", "FILTER", "USE_PLACEMENT", "PLACEMENT_HANDLER",
)  # fmt: skip


def _invalid(text: str) -> ApiError:
    return ApiError("ERROR_ACTIVITY_VALIDATION_FAILURE", text, 400)


def _app(ctx: CallContext) -> str:
    if ctx.application_id is None:  # the server should have refused already
        raise ApiError("ACCESS_DENIED", "Application context required", 400)
    return ctx.application_id


def _check_handler(url: Any, host: str) -> None:
    parts = urlsplit(str(url or ""))
    if not parts.scheme or not parts.hostname:
        raise ApiError("ERROR_WRONG_HANDLER_URL", "Wrong handler URL", 400)
    if parts.scheme.lower() != "https":
        raise ApiError("ERROR_UNSUPPORTED_PROTOCOL", "Unsupported protocol", 400)
    if parts.hostname.lower() != host:
        raise ApiError(
            "ERROR_WRONG_HANDLER_URL",
            f"Handler must be on the application domain ({host})",
            400,
        )


def _check_properties(value: Any) -> None:
    if value in (None, "", []):
        return
    if not isinstance(value, dict):
        raise _invalid("Wrong properties array")
    for key, spec in value.items():
        if not _PROPERTY_KEY.match(str(key)):
            raise _invalid(f"Wrong property key {key}")
        if not isinstance(spec, dict) or not spec.get("Name"):
            raise _invalid(f"Empty property NAME {key}")


def _check_fields(fields: dict[str, Any], host: str, complete: bool) -> None:
    """Validate a definition; ``complete`` for add (required fields must be present)."""
    if complete or "NAME" in fields:
        name = fields.get("NAME")
        if not name or (isinstance(name, dict) and not any(name.values())):
            raise _invalid("Empty activity NAME")
    if complete or "HANDLER" in fields:
        _check_handler(fields.get("HANDLER"), host)
    _check_properties(fields.get("PROPERTIES"))
    _check_properties(fields.get("RETURN_PROPERTIES"))
    filter_rule = fields.get("FILTER")
    if filter_rule not in (None, "", []) and (
        not isinstance(filter_rule, dict) or set(filter_rule) - {"INCLUDE", "EXCLUDE"}
    ):
        raise _invalid("Wrong activity FILTER")
    document_type = fields.get("DOCUMENT_TYPE")
    if document_type not in (None, "", []) and (
        not isinstance(document_type, list) or len(document_type) != 3
    ):
        raise _invalid("Wrong activity DOCUMENT_TYPE")
    if str(fields.get("USE_PLACEMENT", "N")).upper() == "Y":
        _check_handler(fields.get("PLACEMENT_HANDLER"), host)


def _code(ctx: CallContext) -> str:
    code = str(param(ctx.params, "CODE", "") or "")
    if not code:
        raise _invalid("Empty activity code")
    if not _CODE.match(code):
        raise _invalid("Wrong activity code")
    return code


@method("bizproc.robot.add", scope="bizproc", app_context_only=True, admin_only=True, write=True)
def robot_add(ctx: CallContext) -> bool:
    app = _app(ctx)
    if not ctx.params:
        raise _invalid("Empty data")
    code = _code(ctx)
    fields = {key: param(ctx.params, key) for key in _FIELDS if param(ctx.params, key) is not None}
    _check_fields(fields, ctx.portal.app_handler_host(app), complete=True)
    with ctx.portal.lock:
        robots = ctx.portal.robots_of(app)
        if code in robots:
            raise ApiError("ERROR_ACTIVITY_ALREADY_INSTALLED", "Activity already installed", 400)
        robots[code] = {"CODE": code, **copy.deepcopy(fields)}
    return True


@method("bizproc.robot.update", scope="bizproc", app_context_only=True, admin_only=True, write=True)
def robot_update(ctx: CallContext) -> bool:
    app = _app(ctx)
    code = _code(ctx)
    raw = param(ctx.params, "FIELDS")
    fields = {k: v for k, v in raw.items() if k in _FIELDS} if isinstance(raw, dict) else {}
    with ctx.portal.lock:
        robots = ctx.portal.robots_of(app)
        if code not in robots:
            raise ApiError("ERROR_ACTIVITY_NOT_FOUND", "Activity not found", 400)
        if not fields:
            raise _invalid("No fields to update")
        _check_fields(fields, ctx.portal.app_handler_host(app), complete=False)
        robots[code].update(copy.deepcopy(fields))
    return True


@method("bizproc.robot.list", scope="bizproc", app_context_only=True, admin_only=True)
def robot_list(ctx: CallContext) -> list[str]:
    with ctx.portal.lock:
        return list(ctx.portal.robots_of(_app(ctx)))


@method("bizproc.robot.delete", scope="bizproc", app_context_only=True, admin_only=True, write=True)
def robot_delete(ctx: CallContext) -> bool:
    app = _app(ctx)
    code = _code(ctx)
    with ctx.portal.lock:
        robots = ctx.portal.robots_of(app)
        if code not in robots:
            raise ApiError("ERROR_ACTIVITY_NOT_FOUND", "Activity not found", 400)
        del robots[code]
    return True
