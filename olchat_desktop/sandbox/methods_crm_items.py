"""Reading CRM items with their user fields: crm.{deal,lead,company}.list, crm.{…}.get.

``crm.contact.list`` lives in ``methods_crm.py``; this module adds the other entities'
legacy list methods and the four ``.get`` methods, with the user-field semantics of a
real portal (apidocs ``crm-deal-list``, ``crm-deal-get``):

* ``select`` names fields; ``*`` (the default) means the standard fields, and user fields
  come back only when selected by code or with ``UF_*``. A selected user field that the
  item has no value for comes back as ``null`` (multiple: ``[]``), as on a portal.
* ``filter`` takes the operators of ``methods_listing`` (``%TITLE`` for a substring,
  ``PHONE`` exact on a multi-field, ``ID``, ``CONTACT_ID``…); ``start=-1`` skips the count.
* ``crm.<entity>.get`` (``id``) returns every field including user fields; a missing
  item gives ``400 NOT_FOUND`` "Not found" as the portal does.

``portal.denied_methods`` (see ``methods_crm_fields``) denies any of these too.
"""

from __future__ import annotations

from typing import Any

from olchat_desktop.core.field_builtin import STANDARD_ROWS
from olchat_desktop.sandbox.methods_crm_fields import check_denied
from olchat_desktop.sandbox.methods_listing import (
    list_table,
    mapping_param,
    param,
    start_param,
)
from olchat_desktop.sandbox.registry import ApiError, CallContext, ListPage, method
from olchat_desktop.sandbox.user_fields import USER_FIELDS

_TABLES = {"deal": "deals", "contact": "contacts", "lead": "leads", "company": "companies"}


def _user_codes(entity: str) -> dict[str, bool]:
    """User-field code -> multiple, for one entity."""
    codes = {spec.code: spec.multiple for spec in USER_FIELDS.get(entity, ())}
    if entity == "deal":
        codes["UF_CRM_OLCHAT_REPLY"] = False
    return codes


def _standard_codes(entity: str) -> list[str]:
    return [row[0] for row in STANDARD_ROWS[entity]]  # type: ignore[index]


def _project(record: dict[str, Any], entity: str, select: list[str] | None) -> dict[str, Any]:
    user_codes = _user_codes(entity)
    wanted: list[str] = []
    for name in select or ["*"]:
        if name == "*":
            wanted.extend(code for code in record if not code.startswith("UF_"))
        elif name == "UF_*":
            wanted.extend(user_codes)
        else:
            wanted.append(str(name))
    row: dict[str, Any] = {"ID": record["ID"]}
    for code in wanted:
        if code in record:
            row[code] = record[code]
        elif code in user_codes:
            row[code] = [] if user_codes[code] else None
        elif code in _standard_codes(entity):
            row[code] = None
    return row


def _list_method(entity: str) -> None:
    def body(ctx: CallContext) -> ListPage:
        check_denied(ctx)
        filters = mapping_param(ctx.params, "filter")
        order = mapping_param(ctx.params, "order") or {"ID": "ASC"}
        select = param(ctx.params, "select") or None
        if select is not None and not isinstance(select, list):
            raise ApiError("INVALID_ARG_VALUE", "select must be a list", 400)
        with ctx.portal.lock:
            table = getattr(ctx.portal, _TABLES[entity])
            # The >ID cursor and @ID lookups come from the key, not a scan (issue 16).
            page = list_table(table, filters, order, start_param(ctx.params))
            items = [_project(record, entity, select) for record in page.items]
        return ListPage(items=items, total=page.total, next=page.next)

    body.__name__ = f"{entity}_list"
    method(f"crm.{entity}.list", scope="crm")(body)


def _get_method(entity: str) -> None:
    def body(ctx: CallContext) -> dict[str, Any]:
        check_denied(ctx)
        try:
            item_id = int(param(ctx.params, "id", 0))
        except (TypeError, ValueError):
            item_id = 0
        if item_id <= 0:
            raise ApiError("ERROR_CORE", "ID is not defined or invalid.", 400)
        with ctx.portal.lock:
            record = getattr(ctx.portal, _TABLES[entity]).get(item_id)
            if record is None:
                raise ApiError("NOT_FOUND", "Not found", 400)
            return _project(record, entity, ["*", "UF_*"])

    body.__name__ = f"{entity}_get"
    method(f"crm.{entity}.get", scope="crm")(body)


for _entity in ("deal", "lead", "company"):
    _list_method(_entity)
for _entity in ("deal", "contact", "lead", "company"):
    _get_method(_entity)
