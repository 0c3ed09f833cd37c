"""A portal's CRM field catalogue as plain data: what ``crm.<entity>.fields`` describes.

Reference ``bitrix24.md`` §7: each ``crm.deal.fields`` (contact, lead, company) entry has
``type``, ``isRequired``, ``isReadOnly``, ``isMultiple``, ``title``; user fields
(``UF_CRM_…``) also carry ``formLabel``/``listLabel``/``filterLabel`` (the labels people
see; their ``title`` is the code) and, for ``enumeration``, ``items: [{ID, VALUE}]``. The
label shown is ``formLabel`` → ``listLabel`` → ``title``. ``crm_status`` fields take
their texts from ``crm.status.list`` (``statusType`` names the ``ENTITY_ID``).

The core stays Qt-free and network-free: the bitrix layer fetches the raw answers and
calls :func:`parse_entity_fields`; validation, the picker and the dry run read the
result. Parsing is tolerant: a malformed entry is skipped and reported in
``FieldCatalogue.skipped``, never raised, so one odd field does not hide the others.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, Literal, NamedTuple

CrmEntity = Literal["deal", "contact", "lead", "company"]
ENTITIES: tuple[CrmEntity, ...] = ("deal", "contact", "lead", "company")

# Types whose raw value is an id or a code; the robot prints text only with "> printable".
PRINTABLE_TYPES = frozenset(
    {"enumeration", "employee", "user", "money", "crm_status", "boolean", "crm_currency"}
)
MAX_LABEL_LENGTH = 255


class FieldChoice(NamedTuple):
    """One item of an enumeration field (``items: [{ID, VALUE}]``)."""

    id: str
    value: str


class CatalogueField(NamedTuple):
    """One field of one entity, as the portal describes it."""

    entity: CrmEntity
    code: str  # "TITLE", "UF_CRM_1476661442"
    label: str  # formLabel -> listLabel -> title, cleaned of control characters
    type: str  # "string", "enumeration", "money", "crm_status", ...
    multiple: bool = False
    required: bool = False
    read_only: bool = False
    items: tuple[FieldChoice, ...] = ()
    status_type: str = ""  # ENTITY_ID in crm.status.list for crm_status fields

    @property
    def custom(self) -> bool:
        return self.code.startswith("UF_")

    @property
    def needs_printable(self) -> bool:
        return self.type in PRINTABLE_TYPES

    def display_form(self) -> str:
        suffix = " > printable" if self.needs_printable else ""
        return "{{" + self.label + suffix + "}}"

    def code_form(self) -> str:
        suffix = " > printable" if self.needs_printable else ""
        return "{=Document:" + self.code + suffix + "}"


class FieldCatalogue(NamedTuple):
    """All fields of the entities read from one portal, plus status texts."""

    fields: tuple[CatalogueField, ...]
    # crm.status.list: ENTITY_ID ("DEAL_STAGE", "SOURCE") -> STATUS_ID -> NAME
    statuses: Mapping[str, Mapping[str, str]] = {}
    fetched_at: float = 0.0  # seconds since the epoch; 0 for the built-in list
    source: Literal["portal", "builtin"] = "portal"
    skipped: tuple[str, ...] = ()  # "deal.UF_X: no type" for entries that were unusable

    def of_entity(self, entity: CrmEntity) -> tuple[CatalogueField, ...]:
        return tuple(f for f in self.fields if f.entity == entity)

    def by_code(self, entity: CrmEntity, code: str) -> CatalogueField | None:
        for field in self.fields:
            if field.entity == entity and field.code == code:
                return field
        return None

    def by_label(self, entity: CrmEntity, label: str) -> CatalogueField | None:
        """The field whose label is exactly ``label`` (after stripping outer spaces)."""
        wanted = label.strip()
        for field in self.fields:
            if field.entity == entity and field.label == wanted:
                return field
        return None

    def status_text(self, status_type: str, status_id: str) -> str | None:
        return self.statuses.get(status_type, {}).get(status_id)


def clean_label(text: str) -> str:
    """A label without control characters (portals have them from copy-paste), capped."""
    kept = "".join(" " if unicodedata.category(c) == "Cc" else c for c in text)
    return " ".join(kept.split())[:MAX_LABEL_LENGTH]


def _flag(value: Any) -> bool:
    return value is True or value == "Y" or value == 1


def _items(raw: Any) -> tuple[FieldChoice, ...]:
    if not isinstance(raw, list):
        return ()
    choices = []
    for item in raw:
        if isinstance(item, Mapping) and "ID" in item and isinstance(item.get("VALUE"), str):
            choices.append(FieldChoice(str(item["ID"]), clean_label(item["VALUE"])))
    return tuple(choices)


def parse_entity_fields(
    entity: CrmEntity, raw: Any
) -> tuple[tuple[CatalogueField, ...], tuple[str, ...]]:
    """Parse one ``crm.<entity>.fields`` result into fields and the reasons for skips."""
    if not isinstance(raw, Mapping):
        return (), (f"{entity}: the field list is not an object",)
    fields: list[CatalogueField] = []
    skipped: list[str] = []
    for code, entry in raw.items():
        if not isinstance(code, str) or not code or not isinstance(entry, Mapping):
            skipped.append(f"{entity}.{code}: not a field description")
            continue
        field_type = entry.get("type")
        if not isinstance(field_type, str) or not field_type:
            skipped.append(f"{entity}.{code}: no type")
            continue
        label = ""
        for key in ("formLabel", "listLabel", "title"):
            value = entry.get(key)
            if isinstance(value, str) and value.strip():
                label = clean_label(value)
                break
        fields.append(
            CatalogueField(
                entity=entity,
                code=code,
                label=label or code,
                type=field_type,
                multiple=_flag(entry.get("isMultiple")),
                required=_flag(entry.get("isRequired")),
                read_only=_flag(entry.get("isReadOnly")),
                items=_items(entry.get("items")),
                status_type=str(entry.get("statusType") or ""),
            )
        )
    return tuple(fields), tuple(skipped)


def parse_statuses(raw: Any) -> dict[str, dict[str, str]]:
    """``crm.status.list`` rows (``ENTITY_ID``, ``STATUS_ID``, ``NAME``) grouped by entity."""
    statuses: dict[str, dict[str, str]] = {}
    if not isinstance(raw, list):
        return statuses
    for row in raw:
        if not isinstance(row, Mapping):
            continue
        entity_id, status_id, name = row.get("ENTITY_ID"), row.get("STATUS_ID"), row.get("NAME")
        if isinstance(entity_id, str) and isinstance(status_id, str) and isinstance(name, str):
            statuses.setdefault(entity_id, {})[status_id] = clean_label(name)
    return statuses


def build_catalogue(
    raw_fields: Mapping[CrmEntity, Any],
    raw_statuses: Any = None,
    *,
    fetched_at: float = 0.0,
) -> FieldCatalogue:
    """A catalogue from the raw ``crm.*.fields`` answers (and ``crm.status.list``)."""
    fields: list[CatalogueField] = []
    skipped: list[str] = []
    for entity in ENTITIES:
        if entity in raw_fields:
            parsed, reasons = parse_entity_fields(entity, raw_fields[entity])
            fields.extend(parsed)
            skipped.extend(reasons)
    return FieldCatalogue(
        fields=tuple(fields),
        statuses=parse_statuses(raw_statuses),
        fetched_at=fetched_at,
        skipped=tuple(skipped),
    )


def merge_fields(*groups: Iterable[CatalogueField]) -> tuple[CatalogueField, ...]:
    """Fields of several groups, the first occurrence of each (entity, code) kept."""
    seen: set[tuple[str, str]] = set()
    merged: list[CatalogueField] = []
    for group in groups:
        for field in group:
            key = (field.entity, field.code)
            if key not in seen:
                seen.add(key)
                merged.append(field)
    return tuple(merged)
