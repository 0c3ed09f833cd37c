"""Dry run: a template evaluated against real CRM items, streamed, with bounded memory.

:class:`DryRun` takes the template, the portal's field catalogue and the entity once,
then :meth:`DryRun.add` one item at a time (a plain dict as ``crm.<entity>.list``
returns it, plus ``PHONE`` filled in by the fetcher). Each robot field is rendered the
way the robot will: every expression becomes the printable text of the item's value
(``core.field_resolution`` finds the field, ``core.field_values`` formats it) and the
length is counted in code points, as the editor's counters (``core.counting``) and the
robot's PHP ``mb_strlen`` count, against the limits of ``core.limits``.

Per item it finds (codes; severity; see :mod:`olchat_desktop.core.dry_run_report`):

* ``too_long`` (error): header > 60, body > 1024, footer > 60, a button > 20;
* ``empty_required`` (error): the body renders empty; ``empty_button`` (error): a button
  renders empty; ``duplicate_button`` (error): two buttons equal after substitution
  (trimmed, case-folded, as ``core.validation`` compares them);
* ``no_phone`` (error): the phone renders to no number; ``several_phones``: the item has
  several numbers — an error when the field is a multi-value phone field and "wait for
  reply" is on (the robot then fails outright, ``core.phone``), a warning otherwise
  (OLChat picks the first with WhatsApp);
* ``empty_expression`` (warning): an expression printed nothing for this item;
* ``unexpected_value`` (warning): a list for a single-value field, a map, or another
  shape a REST answer should not have — printed as the robot would, and reported.

Expressions that name no field of the catalogue are not evaluated; the report lists them
(``unknown_expressions``). Phones: a phone field naming the phone multi-field
(``{{Телефон}}``, ``{{Контакт: Телефон}}``, ``{=Document:PHONE}``, also inside
``firstvalue``) reads ``item["PHONE"]`` — a deal's contact's numbers (the company's for
``Компания``/``COMPANY``), which :func:`phone_source` tells the fetcher to read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from olchat_desktop.core import limits
from olchat_desktop.core.dry_run_checks import ItemChecks
from olchat_desktop.core.dry_run_report import DryRunReport, Rendered, build_report
from olchat_desktop.core.dry_run_stats import (
    DEFAULT_WORST_N,
    HISTOGRAM_CAP,
    VALUE_PREVIEW,
    LengthStats,
    OffenderList,
)
from olchat_desktop.core.dry_run_template import (
    Slot,
    phone_source,
    robot_fields,
)
from olchat_desktop.core.expressions import (
    Expression,
    LiteralText,
    find_expressions,
    split_expressions,
)
from olchat_desktop.core.field_catalogue import CrmEntity, FieldCatalogue
from olchat_desktop.core.field_resolution import resolve
from olchat_desktop.core.field_values import clean_text, printable_value
from olchat_desktop.core.i18n import Lang
from olchat_desktop.core.phone import multi_value_phone_expressions
from olchat_desktop.core.template_draft import TemplateContent

CHUNK = 1000  # items evaluated together, column by column
_CACHE_LIMIT = 4096  # distinct raw values remembered per expression
_NO_KEY = object()  # a raw value that cannot be a cache key (a map, a list of maps)


class DryRun(ItemChecks):
    """Feed items with :meth:`add`; :meth:`report` gives the aggregate at any moment."""

    def __init__(
        self,
        template: TemplateContent,
        catalogue: FieldCatalogue,
        entity: CrmEntity,
        *,
        users: Mapping[str, str] | None = None,
        worst_n: int = DEFAULT_WORST_N,
        portal_lang: Lang = "ru",
    ) -> None:
        self.template = template
        self.catalogue = catalogue
        self.entity = entity
        self.users: Mapping[str, str] = users if users is not None else {}
        self.portal_lang = portal_lang
        self.slots: list[Slot] = []
        self.unknown: list[str] = []
        self._by_source: dict[str, Slot] = {}
        # Each robot field as a str.format template over the item's expression values:
        # literal braces doubled, an unknown expression prints nothing.
        self.fields: list[tuple[str, str, LengthStats]] = []
        for name, text, limit in robot_fields(template):
            parts: list[str] = []
            for segment in split_expressions(text):
                if isinstance(segment, LiteralText):
                    parts.append(segment.text.replace("{", "{{").replace("}", "}}"))
                else:
                    slot = self._slot(segment)
                    parts.append(f"{{{slot.index}}}" if slot is not None else "")
            self.fields.append((name, "".join(parts), LengthStats(limit)))
        self._templates = [template for _, template, _ in self.fields]
        buttons = template.buttons[: limits.MAX_BUTTONS]
        self._varying_buttons = [i for i, text in enumerate(buttons) if find_expressions(text)]
        fixed_keys = [t.strip().casefold() for t in buttons if not find_expressions(t)]
        fixed_keys = [key for key in fixed_keys if key]
        # None when the fixed buttons already repeat: then every item takes the full check.
        self._fixed_button_keys: set[str] | None = (
            set(fixed_keys) if len(set(fixed_keys)) == len(fixed_keys) else None
        )
        self.phone_source = phone_source(template, entity)
        # Only a phone printed from another field is resolved; the phone multi-field comes
        # from item["PHONE"], which the fetcher fills (a deal has no PHONE of its own).
        self._phone_slots = [
            slot
            for segment in split_expressions(template.phone)
            if self.phone_source == "field"
            and isinstance(segment, Expression)
            and (slot := self._slot(segment)) is not None
        ]
        multi = bool(multi_value_phone_expressions(template.phone))
        self.several_phones_severity = "error" if multi and template.wait_for_reply else "warning"
        self.nothing_to_check = not self.slots and self.phone_source == "fixed"
        self.items_checked = 0
        self.items_with_errors = 0
        self.no_phone = 0
        self.several_phones = 0
        self.offenders: dict[str, OffenderList] = {}
        self.worst: Rendered | None = None
        self._worst_score = 0.0
        self._worst_n = worst_n
        self._empties = self.offenders["empty_expression"] = OffenderList(worst_n)
        self._bad: set[int] = set()
        self._index = 0

    def _slot(self, expression: Expression) -> Slot | None:
        known = self._by_source.get(expression.source)
        if known is not None:
            return known
        found = resolve(expression, self.catalogue, self.entity)
        if found is None:
            if expression.source not in self.unknown:
                self.unknown.append(expression.source)
            return None
        slot = Slot(expression, found.field, found.modifier.casefold() == "printable")
        slot.index = len(self.slots)
        self.slots.append(slot)
        self._by_source[expression.source] = slot
        return slot

    # -- one item ------------------------------------------------------------------------

    def _value(self, slot: Slot, raw: object, item: Mapping[str, Any]) -> str:
        key: Any = raw
        if isinstance(raw, list):
            key = tuple(raw) if all(isinstance(v, str | int | None) for v in raw) else _NO_KEY
        elif not isinstance(raw, str | int | float | None):
            key = _NO_KEY
        if key is not _NO_KEY:
            cached = slot.cache.get(key)
            if cached is not None:
                return cached
        shape_ok = (
            raw is None
            or isinstance(raw, str | int | float)
            or (
                isinstance(raw, list)
                and (slot.field.multiple or slot.field.type == "crm_multifield")
            )
        )
        if not shape_ok:
            shown = repr(raw)[:VALUE_PREVIEW]
            source = slot.expression.source
            self._offend("unexpected_value", "warning", "", item, shown, expression=source)
        text = printable_value(
            slot.field,
            raw,
            catalogue=self.catalogue,
            users=self.users,
            printable=slot.printable,
            portal_lang=self.portal_lang,
        )
        if key is not _NO_KEY and shape_ok:
            if len(slot.cache) >= _CACHE_LIMIT:
                slot.cache.clear()
            slot.cache[key] = text
        return text

    def add(self, item: Mapping[str, Any]) -> None:
        """Evaluate one item and fold it into the aggregate."""
        self._add_chunk([item])

    def add_many(self, items: Iterable[Mapping[str, Any]]) -> None:
        """Evaluate items in chunks of :data:`CHUNK` (memory stays bounded by a chunk)."""
        chunk: list[Mapping[str, Any]] = []
        for item in items:
            chunk.append(item)
            if len(chunk) == CHUNK:
                self._add_chunk(chunk)
                chunk = []
        if chunk:
            self._add_chunk(chunk)

    def _column(self, slot: Slot, items: list[Mapping[str, Any]]) -> list[str]:
        """One expression's printable text for every item of a chunk (the hot loop)."""
        code, cache, plain, listed = slot.code, slot.cache, slot.plain, slot.listed
        column: list[str] = []
        append = column.append
        for item in items:
            raw: Any = item.get(code)
            kind = raw.__class__
            text: str | None
            if kind is str and plain:
                # A single-value string field prints its text as field_values.clean_text
                # leaves it (a printable text is returned as is); unique values (titles)
                # would only churn the cache.
                text = raw if raw.isprintable() else clean_text(raw)
            elif kind is str or raw is None:
                text = cache.get(raw)
            elif kind is list and listed:
                try:
                    text = cache.get(tuple(raw))
                except TypeError:  # a map inside: not a key, _value reports it
                    text = None
            else:
                text = None
            append(text if text is not None else self._value(slot, raw, item))
        return column

    def _add_chunk(self, items: list[Mapping[str, Any]]) -> None:
        """Evaluate a chunk column by column: each expression over all items, then each
        field with one ``str.format`` per item, lengths counted with ``Counter``; only
        the items that break a rule are looked at one by one. This is what keeps the
        evaluator near the 50,000-items/s budget in pure Python."""
        count = len(items)
        self.items_checked += count
        self._bad = set()
        columns = [self._column(slot, items) for slot in self.slots]
        for slot, column in zip(self.slots, columns, strict=True):
            if "" in column:
                self._empty_expressions(slot, column, items)
        rows: list[tuple[str, ...]] = list(zip(*columns, strict=True)) if columns else []
        all_texts: list[list[str]] = []
        worst_ratio, worst_index = self._worst_score, -1
        for name, template, stats in self.fields:
            texts = [template.format(*row) for row in rows] if rows else [template.format()] * count
            all_texts.append(texts)
            lengths = list(map(len, texts))
            for length, number in Counter(lengths).items():
                if length < HISTOGRAM_CAP:
                    stats.counts[length] += number
                else:
                    for _ in range(number):
                        stats.add(length)
            limit, top = stats.limit, max(lengths)
            if top > limit:
                for index, length in enumerate(lengths):
                    if length > limit:
                        self._index = index
                        text = texts[index]
                        self._offend("too_long", "error", name, items[index], text, length, limit)
            if (name == "message" or name[0] == "b") and min(lengths) == 0:
                problem = "empty_required" if name == "message" else "empty_button"
                for index, length in enumerate(lengths):
                    if not length:
                        self._index = index
                        self._offend(problem, "error", name, items[index], "", 0, limit)
            if top / limit > worst_ratio:
                worst_ratio, worst_index = top / limit, lengths.index(top)
        if len(all_texts) > 4:
            self._check_chunk_buttons(items, all_texts[3:])
        if self.phone_source != "fixed":
            for index, item in enumerate(items):
                self._index = index
                self._check_phone(item, list(rows[index]) if rows else [])
        self.items_with_errors += len(self._bad)
        if worst_index >= 0:
            self._worst_score = worst_ratio
            texts = [column[worst_index] for column in all_texts]
            item_id = str(items[worst_index].get("ID", ""))
            self.worst = Rendered(item_id, texts[0], texts[1], texts[2], texts[3:])

    def report(self, **context: Any) -> DryRunReport:
        """A snapshot of the aggregate (``context``: requests, complete, stopped, ...)."""
        return build_report(self, **context)
