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

import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal

from olchat_desktop.core import limits
from olchat_desktop.core.dry_run_report import DryRunReport, Rendered, problem_rank
from olchat_desktop.core.dry_run_stats import (
    DEFAULT_WORST_N,
    HISTOGRAM_CAP,
    VALUE_PREVIEW,
    LengthStats,
    Offender,
    OffenderList,
    preview,
)
from olchat_desktop.core.expressions import (
    Expression,
    LiteralText,
    find_expressions,
    split_expressions,
)
from olchat_desktop.core.field_catalogue import CatalogueField, CrmEntity, FieldCatalogue
from olchat_desktop.core.field_resolution import resolve
from olchat_desktop.core.field_values import clean_text, printable_value
from olchat_desktop.core.i18n import Lang
from olchat_desktop.core.phone import multi_value_phone_expressions, normalize_phone
from olchat_desktop.core.template_draft import TemplateContent

PhoneSource = Literal["fixed", "contact", "company", "self", "field"]
_PHONE_NAME = re.compile(r"телефон|phone", re.IGNORECASE)
_COMPANY_NAME = re.compile(r"компани|company", re.IGNORECASE)
_CONTACT_NAME = re.compile(r"контакт|contact", re.IGNORECASE)
_PHONE_SPLIT = re.compile(r"[,;]")
_DIGIT = re.compile(r"\d").search
_CACHE_LIMIT = 4096  # distinct raw values remembered per expression
_NO_KEY = object()  # a raw value that cannot be a cache key (a map, a list of maps)


class _Slot:
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


def _robot_fields(template: TemplateContent) -> list[tuple[str, str, int]]:
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


class DryRun:
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
        self.slots: list[_Slot] = []
        self.unknown: list[str] = []
        self._by_source: dict[str, _Slot] = {}
        # Each robot field as a str.format template over the item's expression values:
        # literal braces doubled, an unknown expression prints nothing.
        self.fields: list[tuple[str, str, LengthStats]] = []
        for name, text, limit in _robot_fields(template):
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
        self._item_has_error = False

    def _slot(self, expression: Expression) -> _Slot | None:
        known = self._by_source.get(expression.source)
        if known is not None:
            return known
        found = resolve(expression, self.catalogue, self.entity)
        if found is None:
            if expression.source not in self.unknown:
                self.unknown.append(expression.source)
            return None
        slot = _Slot(expression, found.field, found.modifier.casefold() == "printable")
        slot.index = len(self.slots)
        self.slots.append(slot)
        self._by_source[expression.source] = slot
        return slot

    # -- one item ------------------------------------------------------------------------

    def _value(self, slot: _Slot, raw: object, item: Mapping[str, Any]) -> str:
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

    def _offend(
        self,
        problem: str,
        severity: str,
        field: str,
        item: Mapping[str, Any],
        value: str,
        length: int | None = None,
        limit: int | None = None,
        expression: str = "",
    ) -> None:
        if severity == "error":
            self._item_has_error = True
        offenders = self.offenders.get(problem)
        if offenders is None:
            offenders = self.offenders[problem] = OffenderList(
                self._worst_n, by_length=problem == "too_long"
            )
        if not offenders.wants(length or 0):
            offenders.count += 1  # counted; not worse than the ones kept (no object built)
            return
        offenders.add(
            Offender(
                problem,
                severity,
                field,
                str(item.get("ID", "")),
                preview(str(item.get("TITLE") or ""), 120),
                preview(value),
                length,
                limit,
                expression,
            )
        )

    def add(self, item: Mapping[str, Any]) -> None:
        """Evaluate one item and fold it into the aggregate.

        The hot path of a 50,000-items/s budget: printable texts come from a per-run
        cache keyed by the raw value, each field is one ``str.format`` call, and a
        length only bumps its histogram counter (``LengthStats.add``).
        """
        self.items_checked += 1
        self._item_has_error = False
        get = item.get
        empties = self._empties
        values: list[str] = []
        for slot in self.slots:
            raw: Any = get(slot.code)
            kind = raw.__class__
            text: str | None
            if kind is str and slot.plain:
                # A single-value string field prints its text as field_values.clean_text
                # leaves it (a printable text is returned as is); unique values (titles)
                # would only churn the cache.
                text = raw if raw.isprintable() else clean_text(raw)
            elif kind is str or raw is None:
                text = slot.cache.get(raw)
            elif kind is list and slot.listed:
                try:
                    text = slot.cache.get(tuple(raw))
                except TypeError:  # a map inside: not a key, _value reports it
                    text = None
            else:
                text = None
            if text is None:
                text = self._value(slot, raw, item)
            if not text:
                slot.empty += 1
                if empties.wants(0):
                    source = slot.expression.source
                    self._offend("empty_expression", "warning", "", item, "", 0, None, source)
                else:
                    empties.count += 1  # kept list full: only counted
            values.append(text)
        texts = [template.format(*values) for template in self._templates]
        worst = 0.0
        for (name, _, stats), text in zip(self.fields, texts, strict=True):
            length = len(text)
            if length < HISTOGRAM_CAP:
                stats.counts[length] += 1  # LengthStats.add, inlined for the hot path
            else:
                stats.add(length)
            limit = stats.limit
            if length > limit * worst:
                worst = length / limit
            if length > limit:
                self._offend("too_long", "error", name, item, text, length, limit)
            elif not length and (name == "message" or name[0] == "b"):
                problem = "empty_required" if name == "message" else "empty_button"
                self._offend(problem, "error", name, item, "", 0, limit)
        if len(texts) > 4:
            self._check_buttons(item, texts[3:])
        if self.phone_source != "fixed":
            self._check_phone(item, values)
        if self._item_has_error:
            self.items_with_errors += 1
        if worst > self._worst_score:
            self._worst_score = worst
            self.worst = Rendered(str(item.get("ID", "")), texts[0], texts[1], texts[2], texts[3:])

    def add_many(self, items: Iterable[Mapping[str, Any]]) -> None:
        for item in items:
            self.add(item)

    def _check_buttons(self, item: Mapping[str, Any], buttons: list[str]) -> None:
        fixed = self._fixed_button_keys
        if fixed is not None:
            # Fast path: buttons without expressions are the same for every item, so
            # only the others can collide (with a fixed one or with each other).
            seen = set()
            for index in self._varying_buttons:
                key = buttons[index].strip().casefold()
                if key and (key in fixed or key in seen):
                    break
                seen.add(key)
            else:
                return
        seen = set()
        for index, text in enumerate(buttons):
            key = text.strip().casefold()
            if key and key in seen:
                self._offend("duplicate_button", "error", f"buttons[{index}]", item, text)
            seen.add(key)

    def _phones(self, item: Mapping[str, Any], values: list[str]) -> list[str]:
        if self.phone_source == "field":
            text = "".join(values[slot.index] for slot in self._phone_slots)
            return [p for p in _PHONE_SPLIT.split(text) if normalize_phone(p)]
        raw = item.get("PHONE")
        entries = raw if isinstance(raw, list) else [raw] if raw else []
        numbers = [e.get("VALUE") if isinstance(e, Mapping) else e for e in entries]
        return [str(n) for n in numbers if n and _DIGIT(str(n))]  # a number has digits

    def _check_phone(self, item: Mapping[str, Any], values: list[str]) -> None:
        if self.phone_source == "fixed":
            return
        raw = item.get("PHONE")
        if self.phone_source != "field" and raw.__class__ is list and len(raw) == 1:
            # The common case, one number: nothing to report when it has digits.
            entry = raw[0]
            value = entry.get("VALUE") if entry.__class__ is dict else entry
            if value and _DIGIT(str(value)):
                return
        phones = self._phones(item, values)
        if not phones:
            self.no_phone += 1
            self._offend("no_phone", "error", "phone", item, "")
        elif len(phones) > 1:
            self.several_phones += 1
            severity = self.several_phones_severity
            self._offend("several_phones", severity, "phone", item, ", ".join(phones))

    def report(self, **context: Any) -> DryRunReport:
        """A snapshot of the aggregate (``context``: requests, complete, stopped, ...)."""
        return _build_report(self, **context)


def _build_report(run: DryRun, **context: Any) -> DryRunReport:
    problems: dict[str, dict[str, Any]] = {}
    offenders: list[dict[str, Any]] = []
    for code in sorted(run.offenders, key=problem_rank):
        found = run.offenders[code]
        if not found.count:
            continue
        listed = found.items()
        severity = listed[0].severity if listed else "warning"
        problems[code] = {"severity": severity, "count": found.count}
        offenders.extend(offender.to_dict() for offender in listed)
    return DryRunReport(
        entity=run.entity,
        template=run.template.name,
        items_checked=run.items_checked,
        items_with_errors=run.items_with_errors,
        nothing_to_check=run.nothing_to_check,
        fields={name: stats.to_dict() for name, _, stats in run.fields},
        problems=problems,
        expressions={
            slot.expression.source: {"code": slot.field.code, "empty": slot.empty}
            for slot in run.slots
        },
        unknown_expressions=list(run.unknown),
        phone={
            "source": run.phone_source,
            "none": run.no_phone,
            "several": run.several_phones,
        },
        offenders=offenders,
        worst=run.worst,
        **context,
    )
