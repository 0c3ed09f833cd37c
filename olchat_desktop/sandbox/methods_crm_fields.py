"""Field catalogue methods: crm.{deal,contact,lead,company}.fields, crm.status.list, user.get.

Shapes copy the real portal (reference ``bitrix24.md`` §7; apidocs ``crm-deal-fields``,
``crm-status-list``, ``user-get``):

* ``crm.<entity>.fields`` → an object keyed by field code. Standard fields carry only
  ``title`` (``core.field_builtin.STANDARD_ROWS``, the same codes and titles every
  portal has); user fields (``sandbox/user_fields.py``) also carry
  ``formLabel``/``listLabel``/``filterLabel``, ``items`` for lists and ``statusType``.
* ``crm.status.list`` → rows ``{ID, ENTITY_ID, STATUS_ID, NAME, SORT, SYSTEM}``, filtered
  by ``filter[ENTITY_ID]`` (any list-method filter works), ordered by ``SORT``; 50 a page.
* ``user.get`` → users ``{ID, ACTIVE, NAME, LAST_NAME, …}``; ``ID`` may be given as a top
  parameter or in ``FILTER``/``filter`` (one id or a list); 50 a page.

Sandbox-only hooks on the portal (tests of bad input; no real method does this):
``portal.denied_methods`` (a set of method names answering ``403 ACCESS_DENIED``, to
deny one entity) and ``portal.field_overrides`` (entity → any JSON value returned by
that entity's ``.fields`` as is: missing keys, wrong types, 5,000 fields…).
"""

from __future__ import annotations

from typing import Any

from olchat_desktop.core.field_builtin import STANDARD_ROWS, describe_standard
from olchat_desktop.sandbox.methods_listing import (
    filter_rows,
    mapping_param,
    order_rows,
    page_of,
    param,
    start_param,
)
from olchat_desktop.sandbox.registry import ApiError, CallContext, ListPage, method
from olchat_desktop.sandbox.user_fields import USER_FIELDS

# ENTITY_ID -> ((STATUS_ID, NAME), ...) in SORT order, as a Russian portal ships them.
STATUSES: dict[str, tuple[tuple[str, str], ...]] = {
    "DEAL_STAGE": (
        ("NEW", "Новая"),
        ("PREPARATION", "Подготовка документов"),
        ("PREPAYMENT_INVOICE", "Счёт на предоплату"),
        ("EXECUTING", "В работе"),
        ("FINAL_INVOICE", "Финальный счёт"),
        ("WON", "Сделка успешна"),
        ("LOSE", "Сделка провалена"),
    ),
    "DEAL_TYPE": (("SALE", "Продажа"), ("COMPLEX", "Комплексная продажа"), ("SERVICE", "Сервис")),
    "SOURCE": (
        ("CALL", "Звонок"),
        ("EMAIL", "Электронная почта"),
        ("WEB", "Веб-сайт"),
        ("ADVERTISING", "Реклама"),
        ("PARTNER", "Существующий клиент"),
        ("RECOMMENDATION", "По рекомендации"),
        ("OTHER", "Другое"),
    ),
    "STATUS": (
        ("NEW", "Не обработан"),
        ("IN_PROCESS", "В работе"),
        ("PROCESSED", "Обработан"),
        ("CONVERTED", "Качественный лид"),
        ("JUNK", "Некачественный лид"),
    ),
    "CONTACT_TYPE": (("CLIENT", "Клиенты"), ("SUPPLIER", "Поставщики"), ("OTHER", "Другое")),
    "COMPANY_TYPE": (("CUSTOMER", "Клиент"), ("SUPPLIER", "Поставщик"), ("OTHER", "Другое")),
    "INDUSTRY": (("IT", "Информационные технологии"), ("MANUFACTURING", "Производство")),
    "HONORIFIC": (("HNR_RU_1", "г-н"), ("HNR_RU_2", "г-жа")),
}
# The field a deal's workflow writes the tapped button to (see methods_crm.py).
_DEAL_EXTRA = {
    "UF_CRM_OLCHAT_REPLY": {
        "type": "string",
        "isRequired": False,
        "isReadOnly": False,
        "isImmutable": False,
        "isMultiple": False,
        "isDynamic": True,
        "title": "UF_CRM_OLCHAT_REPLY",
        "listLabel": "Ответ клиента OLChat",
        "formLabel": "Ответ клиента OLChat",
        "filterLabel": "Ответ клиента OLChat",
    }
}


def check_denied(ctx: CallContext) -> None:
    if ctx.method in getattr(ctx.portal, "denied_methods", ()):
        raise ApiError("ACCESS_DENIED", "Access denied!", 403)


def entity_fields(entity: str) -> dict[str, Any]:
    """``crm.<entity>.fields`` of the sandbox portal: standard fields, then user fields."""
    fields: dict[str, Any] = {row[0]: describe_standard(row) for row in STANDARD_ROWS[entity]}  # type: ignore[index]
    if entity == "deal":
        fields.update(_DEAL_EXTRA)
    for spec in USER_FIELDS.get(entity, ()):
        fields[spec.code] = spec.describe()
    return fields


def _fields_method(entity: str) -> None:
    def body(ctx: CallContext) -> Any:
        check_denied(ctx)
        overrides = getattr(ctx.portal, "field_overrides", {})
        if entity in overrides:
            return overrides[entity]
        return entity_fields(entity)

    body.__name__ = f"{entity}_fields"
    method(f"crm.{entity}.fields", scope="crm")(body)


for _entity in ("deal", "contact", "lead", "company"):
    _fields_method(_entity)


def status_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for entity_id, statuses in STATUSES.items():
        for position, (status_id, name) in enumerate(statuses, start=1):
            rows.append(
                {
                    "ID": str(len(rows) + 1),
                    "ENTITY_ID": entity_id,
                    "STATUS_ID": status_id,
                    "NAME": name,
                    "NAME_INIT": name,
                    "SORT": str(position * 10),
                    "SYSTEM": "Y" if position == 1 else "N",
                }
            )
    return rows


@method("crm.status.list", scope="crm")
def status_list(ctx: CallContext) -> ListPage:
    check_denied(ctx)
    filters = mapping_param(ctx.params, "filter")
    order = mapping_param(ctx.params, "order") or {"SORT": "ASC"}
    rows = order_rows(filter_rows(status_rows(), filters), order)
    return page_of(rows, start_param(ctx.params))


_USER_KEYS = ("ID", "ACTIVE", "NAME", "LAST_NAME", "SECOND_NAME", "EMAIL", "WORK_POSITION")


@method("user.get", scope="user")
def user_get(ctx: CallContext) -> ListPage:
    check_denied(ctx)
    filters = dict(mapping_param(ctx.params, "filter"))
    top_id = param(ctx.params, "ID")
    if top_id not in (None, ""):
        filters["ID"] = top_id
    with ctx.portal.lock:
        users = [
            {key: user.get(key, "") for key in _USER_KEYS} for user in ctx.portal.users.values()
        ]
    rows = order_rows(filter_rows(users, filters), {"ID": "ASC"})
    return page_of(rows, start_param(ctx.params))
