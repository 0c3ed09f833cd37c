"""What a dry run compiles from a template once: expression slots, robot fields, phones.

Split from :mod:`olchat_desktop.core.dry_run` (the evaluator): a :class:`Slot` is one
expression resolved to a catalogue field with its per-run cache of printable texts;
:func:`robot_fields` lists the robot's limited fields; :func:`phone_source` says where
the robot's phone comes from (``fixed`` number, the deal's ``contact`` or ``company``,
the item itself — ``self`` — or another ``field``), and :func:`item_phones` reads an
item's numbers accordingly.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any, Literal

from olchat_desktop.core import limits
from olchat_desktop.core.expressions import Expression, find_expressions
from olchat_desktop.core.field_catalogue import CatalogueField, CrmEntity
from olchat_desktop.core.phone import normalize_phone
from olchat_desktop.core.template_draft import TemplateContent

PhoneSource = Literal["fixed", "contact", "company", "self", "field"]
_PHONE_NAME = re.compile(r"телефон|phone", re.IGNORECASE)
_COMPANY_NAME = re.compile(r"компани|company", re.IGNORECASE)
_CONTACT_NAME = re.compile(r"контакт|contact", re.IGNORECASE)
_PHONE_SPLIT = re.compile(r"[,;]")
DIGIT = re.compile(r"\d").search


class Slot:
    """One resolved expression: its field, form and a per-run cache of printable texts."""

    __slots__ = (
        "expression", "field", "code", "printable", "plain", "listed", "cache", "empty", "index",
    )  # fmt: skip

    def __init__(self, expression: Expression, field: CatalogueField, printable: bool) -> None:
        self.expression = expression
        self.field = field
        self.code = field.code
        self.plain = field.type in ("string", "url") and not field.multiple
        self.listed = field.multiple or field.type == "crm_multifield"  # a list is expected
        self.printable = printable
        self.cache: dict[Any, str] = {}
        self.empty = 0
        self.index = 0


def robot_fields(template: TemplateContent) -> list[tuple[str, str, int]]:
    fields: list[tuple[str, str, int]] = [
        ("header", template.header, limits.HEADER),
        ("message", template.message, limits.MESSAGE),
        ("footer", template.footer, limits.FOOTER),
    ]
    buttons = [b for b in template.buttons[: limits.MAX_BUTTONS]]
    fields += [(f"buttons[{i}]", text, limits.BUTTON) for i, text in enumerate(buttons)]
    return fields


def phone_source(template: TemplateContent, entity: CrmEntity) -> PhoneSource:
    """Where the robot's phone comes from, so the fetcher knows what to read."""
    text = template.phone
    if not find_expressions(text):
        return "fixed"
    if not _PHONE_NAME.search(text):
        return "field"
    if entity != "deal":
        return "self"
    if _COMPANY_NAME.search(text) and not _CONTACT_NAME.search(text):
        return "company"
    return "contact"


def item_phones(item: Mapping[str, Any], source: PhoneSource, printed: str) -> list[str]:
    """The item's numbers: from ``PHONE`` (the fetcher fills a deal's from its contact or
    company), or split out of ``printed``, the phone field's text when it prints another
    field. Entries without a digit are no number."""
    if source == "field":
        return [p for p in _PHONE_SPLIT.split(printed) if normalize_phone(p)]
    raw = item.get("PHONE")
    entries = raw if isinstance(raw, list) else [raw] if raw else []
    numbers = [e.get("VALUE") if isinstance(e, Mapping) else e for e in entries]
    return [str(n) for n in numbers if n and DIGIT(str(n))]


def one_number(item: Mapping[str, Any]) -> bool:
    """The common case, decided without building a list: exactly one number in PHONE."""
    raw = item.get("PHONE")
    if raw.__class__ is not list or len(raw) != 1:
        return False
    entry = raw[0]
    value = entry.get("VALUE") if entry.__class__ is dict else entry
    return bool(value and DIGIT(str(value)))
