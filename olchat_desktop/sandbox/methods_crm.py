"""CRM methods: crm.duplicate.findbycomm, crm.contact.list, crm.item.list, crm.deal.update.

Shapes follow ``bitrix24.md`` §4.4 and §3 (pagination). Choices where it is silent:

* ``crm.duplicate.findbycomm`` normalises both sides to digits (``8…`` -> ``7…``, extension
  dropped) for ``PHONE``, compares lower-cased for ``EMAIL``. Types are searched in the
  order LEAD, CONTACT, COMPANY; once one reaches 20 matches the rest are left out. Ids are
  integers. No match gives ``[]`` (PHP's empty array). More than 20 values, or a ``type``
  other than PHONE/EMAIL, gives ``400 ERROR_CORE`` (Bitrix24's generic RestException code).
* ``crm.contact.list`` legacy shape: string ids, upper-case keys, ``PHONE``/``EMAIL`` only
  when selected. Default ``order`` is ``{"ID": "ASC"}``.
* ``crm.item.list`` (``entityTypeId`` 2 deals, 3 contacts) answers ``{"items": [...]}`` with
  camelCase keys and integer ids; multi-fields are not part of items. Another entity type:
  ``400 NOT_FOUND``. A deal's ``ufCrmOlchatReply`` holds the last button a customer tapped
  in a workflow started from the test templates.
* ``crm.deal.update`` (``id``, ``fields``) changes ``STAGE_ID`` and ``TITLE``; other fields
  are ignored. A stage change ends stage-bound waiting workflows (see ``customer.py``).
"""

from __future__ import annotations

from typing import Any

from olchat_desktop.sandbox.methods_listing import (
    filter_rows,
    list_table,
    mapping_param,
    order_rows,
    page_of,
    param,
    select_fields,
    start_param,
)
from olchat_desktop.sandbox.registry import ApiError, CallContext, ListPage, method
from olchat_desktop.sandbox.seed_crm import phone_digits

MAX_COMM_VALUES = 20
_CONTACT_SCALARS = (
    "ID", "NAME", "LAST_NAME", "SECOND_NAME", "TYPE_ID", "SOURCE_ID", "ASSIGNED_BY_ID",
    "COMPANY_ID", "OPENED", "HAS_PHONE", "HAS_EMAIL", "DATE_CREATE", "DATE_MODIFY",
)  # fmt: skip
_DEAL_ITEM_KEYS = {
    "ID": "id", "TITLE": "title", "STAGE_ID": "stageId", "CATEGORY_ID": "categoryId",
    "CONTACT_ID": "contactId", "COMPANY_ID": "companyId", "ASSIGNED_BY_ID": "assignedById",
    "OPPORTUNITY": "opportunity", "CURRENCY_ID": "currencyId", "DATE_CREATE": "createdTime",
    "DATE_MODIFY": "updatedTime", "UF_CRM_OLCHAT_REPLY": "ufCrmOlchatReply",
}  # fmt: skip
_CONTACT_ITEM_KEYS = {
    "ID": "id", "NAME": "name", "LAST_NAME": "lastName", "SECOND_NAME": "secondName",
    "TYPE_ID": "typeId", "SOURCE_ID": "sourceId", "ASSIGNED_BY_ID": "assignedById",
    "COMPANY_ID": "companyId", "DATE_CREATE": "createdTime", "DATE_MODIFY": "updatedTime",
}  # fmt: skip
_INT_ITEM_KEYS = frozenset({"id", "categoryId", "contactId", "companyId", "assignedById"})


def _comm_key(kind: str, value: str) -> str:
    return phone_digits(value) if kind == "PHONE" else value.strip().lower()


@method("crm.duplicate.findbycomm", scope="crm")
def find_by_comm(ctx: CallContext) -> Any:
    kind = str(param(ctx.params, "type", "")).upper()
    if kind not in ("PHONE", "EMAIL"):
        raise ApiError("ERROR_CORE", f"Communication type '{kind}' is not supported", 400)
    values = param(ctx.params, "values", [])
    values = [values] if isinstance(values, str) else list(values or [])
    if len(values) > MAX_COMM_VALUES:
        raise ApiError("ERROR_CORE", f"Too many values: at most {MAX_COMM_VALUES}", 400)
    wanted = {_comm_key(kind, str(value)) for value in values} - {""}
    entity_type = str(param(ctx.params, "entity_type", "") or "").upper()
    portal = ctx.portal
    tables = {"LEAD": portal.leads, "CONTACT": portal.contacts, "COMPANY": portal.companies}
    found: dict[str, list[int]] = {}
    with portal.lock:
        for entity, table in tables.items():
            if entity_type and entity != entity_type:
                continue
            ids = [
                entity_id
                for entity_id, record in table.items()
                if any(_comm_key(kind, c["VALUE"]) in wanted for c in record.get(kind, []))
            ]
            if ids:
                found[entity] = ids
            if len(ids) >= MAX_COMM_VALUES:
                found = {entity: ids}  # one type hit the cap: the others are left out
                break
    return found or []


@method("crm.contact.list", scope="crm")
def contact_list(ctx: CallContext) -> ListPage:
    filters = mapping_param(ctx.params, "filter")
    order = mapping_param(ctx.params, "order") or {"ID": "ASC"}
    select = param(ctx.params, "select") or None
    with ctx.portal.lock:
        page = list_table(ctx.portal.contacts, filters, order, start_param(ctx.params))
        items = [select_fields(row, select, _CONTACT_SCALARS) for row in page.items]
    return ListPage(items=items, total=page.total, next=page.next)


def _as_item(record: dict[str, Any], keys: dict[str, str]) -> dict[str, Any]:
    item: dict[str, Any] = {}
    for legacy, camel in keys.items():
        value = record.get(legacy)
        if camel in _INT_ITEM_KEYS and value is not None:
            value = int(value)
        elif camel == "opportunity":
            value = float(value or 0)
        item[camel] = value
    return item


@method("crm.item.list", scope="crm")
def item_list(ctx: CallContext) -> ListPage:
    try:
        entity_type_id = int(param(ctx.params, "entityTypeId", 0))
    except (TypeError, ValueError):
        entity_type_id = 0
    if entity_type_id not in (2, 3):
        raise ApiError("NOT_FOUND", "Смарт-процесс не найден / Entity type not found", 400)
    filters = mapping_param(ctx.params, "filter")
    order = mapping_param(ctx.params, "order") or {"id": "ASC"}
    select = param(ctx.params, "select") or None
    with ctx.portal.lock:
        if entity_type_id == 2:
            records = [_as_item(deal, _DEAL_ITEM_KEYS) for deal in ctx.portal.deals.values()]
            keys = list(_DEAL_ITEM_KEYS.values())
        else:
            records = [_as_item(c, _CONTACT_ITEM_KEYS) for c in ctx.portal.contacts.values()]
            keys = list(_CONTACT_ITEM_KEYS.values())
    rows = order_rows(filter_rows(records, filters), order)
    page = page_of(rows, start_param(ctx.params))
    items = [select_fields(row, select, keys) for row in page.items]
    # crm.item.list wraps its rows: {"result": {"items": [...]}, "total": …, "next": …}.
    return ListPage(items={"items": items}, total=page.total, next=page.next)


@method("crm.deal.update", scope="crm", write=True)
def deal_update(ctx: CallContext) -> bool:
    try:
        deal_id = int(param(ctx.params, "id", 0))
    except (TypeError, ValueError):
        deal_id = 0
    fields = mapping_param(ctx.params, "fields")
    if not fields:
        raise ApiError("ERROR_CORE", "No fields to update", 400)
    with ctx.portal.lock:
        deal = ctx.portal.deals.get(deal_id)
        if deal is None:
            raise ApiError("NOT_FOUND", "Not found", 400)
        if "TITLE" in fields:
            deal["TITLE"] = str(fields["TITLE"])
        if "STAGE_ID" in fields:
            ctx.portal.change_deal_stage(deal_id, str(fields["STAGE_ID"]))
    return True
