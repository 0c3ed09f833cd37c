"""Find a CRM item and read it with only the fields a template prints (issue 14 point 4).

* :func:`search_items` — by ID (digits only, up to 9), by phone (10+ digits: the
  normalising ``crm.duplicate.findbycomm``, reference ``bitrix24.md`` §4.4; deals are the
  found contacts' and companies' deals, a second request), or by title
  (``%TITLE`` substring filter; contacts by ``%NAME`` and ``%LAST_NAME`` in one
  ``batch``). Server-side filters only, ``start=-1`` (no COUNT, §7), newest first.
* :func:`read_item` — one ``crm.<entity>.list`` with ``filter[ID]`` and ``select`` of the
  template's codes plus ``ID`` and the title fields (§7: "select only the fields the
  template uses"); None when the item vanished.
* :func:`samples_from_item` — the read, one ``user.get`` for the employees the template
  prints (skipped when there are none), and ``core.item_samples``: at most 2 requests.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, ClassVar, NamedTuple

from olchat_desktop.bitrix.batch import call_batch
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.errors import BitrixError
from olchat_desktop.core.field_catalogue import CrmEntity, FieldCatalogue
from olchat_desktop.core.i18n import N_, Lang
from olchat_desktop.core.item_samples import (
    item_samples,
    referenced_user_ids,
    template_field_codes,
)
from olchat_desktop.core.phone import normalize_phone
from olchat_desktop.core.template_draft import TemplateContent

_TITLE_CODES: dict[str, tuple[str, ...]] = {
    "deal": ("TITLE",),
    "lead": ("TITLE",),
    "company": ("TITLE",),
    "contact": ("NAME", "LAST_NAME"),
}
_COMM_TYPES = {"contact": "CONTACT", "lead": "LEAD", "company": "COMPANY"}
_PHONE_CHARS = re.compile(r"^[\d\s+()\-.]+$")
MAX_ID_DIGITS = 9


class ItemVanishedError(BitrixError):
    """The item was found a moment ago but is gone now (deleted, merged, access revoked)."""

    code: ClassVar[str] = "ITEM_NOT_FOUND"
    summary: ClassVar[str] = N_("The CRM item is gone: it was deleted or merged into another.")
    advice: ClassVar[str] = N_("Search for the item again.")


class ItemSummary(NamedTuple):
    entity: CrmEntity
    id: str
    title: str

    @property
    def ref(self) -> str:
        return f"{self.entity}:{self.id}"


class ItemFill(NamedTuple):
    """Samples filled from one item, and what it cost."""

    item: ItemSummary
    samples: dict[str, str]
    requests: int


def item_title(entity: str, row: Mapping[str, Any]) -> str:
    parts = [str(row.get(code) or "").strip() for code in _TITLE_CODES[entity]]
    return " ".join(part for part in parts if part) or f"#{row.get('ID', '')}"


def _summaries(entity: CrmEntity, rows: Iterable[Any], limit: int) -> list[ItemSummary]:
    found: dict[str, ItemSummary] = {}
    for row in rows:
        if isinstance(row, Mapping) and row.get("ID") not in (None, ""):
            item_id = str(row["ID"])
            found.setdefault(item_id, ItemSummary(entity, item_id, item_title(entity, row)))
    ordered = sorted(found.values(), key=lambda s: int(s.id) if s.id.isdigit() else 0)
    return list(reversed(ordered))[:limit]


def _list(client: BitrixClient, entity: str, filters: Mapping[str, Any]) -> list[Any]:
    params = {
        "filter": dict(filters),
        "select": ["ID", *_TITLE_CODES[entity]],
        "order": {"ID": "DESC"},
        "start": -1,
    }
    rows = client.result(f"crm.{entity}.list", params)
    return rows if isinstance(rows, list) else []


def is_phone_query(query: str) -> bool:
    return bool(_PHONE_CHARS.match(query)) and len(normalize_phone(query)) >= 10


def search_items(
    client: BitrixClient, entity: CrmEntity, query: str, limit: int = 20
) -> list[ItemSummary]:
    """Items of ``entity`` matching ``query`` by ID, phone or title, newest first."""
    text = query.strip().lstrip("#")
    if text.isdigit() and len(text) <= MAX_ID_DIGITS:
        return _summaries(entity, _list(client, entity, {"ID": text}), limit)
    if is_phone_query(text):
        return _summaries(entity, _by_phone(client, entity, normalize_phone(text)), limit)
    if entity != "contact":
        return _summaries(entity, _list(client, entity, {"%TITLE": text} if text else {}), limit)
    if not text:
        return _summaries(entity, _list(client, entity, {}), limit)
    select = ["ID", *_TITLE_CODES[entity]]
    commands = {
        key: ("crm.contact.list", {"filter": {f"%{key}": text}, "select": select, "start": -1})
        for key in ("NAME", "LAST_NAME")
    }
    batch = call_batch(client, commands)
    rows = [row for key in commands for row in (batch.get(key) or [])]
    return _summaries(entity, rows, limit)


def _by_phone(client: BitrixClient, entity: CrmEntity, digits: str) -> list[Any]:
    params: dict[str, Any] = {"type": "PHONE", "values": [digits]}
    if entity in _COMM_TYPES:
        params["entity_type"] = _COMM_TYPES[entity]
    found = client.result("crm.duplicate.findbycomm", params)
    found = found if isinstance(found, Mapping) else {}
    if entity != "deal":
        ids = [str(i) for i in found.get(_COMM_TYPES[entity], [])]
        return _list(client, entity, {"ID": ids}) if ids else []
    contacts = [str(i) for i in found.get("CONTACT", [])]
    companies = [str(i) for i in found.get("COMPANY", [])]
    rows: list[Any] = []
    if contacts:
        rows += _list(client, "deal", {"CONTACT_ID": contacts})
    if companies:
        rows += _list(client, "deal", {"COMPANY_ID": companies})
    return rows


def read_item(
    client: BitrixClient, entity: CrmEntity, item_id: str | int, codes: Iterable[str]
) -> dict[str, Any] | None:
    """The item with only ``codes`` (plus ID and title fields), or None when it vanished."""
    select = list(dict.fromkeys(["ID", *_TITLE_CODES[entity], *codes]))
    params = {"filter": {"ID": str(item_id)}, "select": select, "start": -1}
    rows = client.result(f"crm.{entity}.list", params)
    if not isinstance(rows, list):
        return None
    for row in rows:
        if isinstance(row, dict) and str(row.get("ID")) == str(item_id):
            return row
    return None


def read_user_names(client: BitrixClient, ids: Iterable[str]) -> dict[str, str]:
    """User ID → "Имя Фамилия" (bizproc's default Russian name format) via ``user.get``."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return {}
    rows = client.result("user.get", {"FILTER": {"ID": wanted}})
    names: dict[str, str] = {}
    for row in rows if isinstance(rows, list) else []:
        if isinstance(row, Mapping) and row.get("ID") is not None:
            parts = [str(row.get(k) or "").strip() for k in ("NAME", "LAST_NAME")]
            names[str(row["ID"])] = " ".join(p for p in parts if p)
    return names


def samples_from_item(
    client: BitrixClient,
    template: TemplateContent,
    catalogue: FieldCatalogue,
    entity: CrmEntity,
    item_id: str | int,
    *,
    portal_lang: Lang = "ru",
) -> ItemFill:
    """Every resolvable expression's value on this item; raises ItemVanishedError."""
    before = client.requests_sent
    codes = template_field_codes(template, catalogue, entity)
    row = read_item(client, entity, item_id, codes)
    if row is None:
        raise ItemVanishedError(f"{entity}:{item_id}", method=f"crm.{entity}.list")
    users = read_user_names(client, referenced_user_ids(template, catalogue, entity, row))
    samples = item_samples(template, catalogue, entity, row, users, portal_lang=portal_lang)
    summary = ItemSummary(entity, str(row["ID"]), item_title(entity, row))
    return ItemFill(summary, samples, client.requests_sent - before)
