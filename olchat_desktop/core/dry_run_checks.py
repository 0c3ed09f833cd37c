"""The dry run's per-item rules and its offender log, split from :mod:`core.dry_run`.

:class:`DryRun` evaluates a chunk column by column; only items that break a rule come
here one by one: an empty expression, duplicate buttons after substitution, no phone or
several phones. Each offence is counted, and the worst few are kept as :class:`Offender`
rows for the report.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from olchat_desktop.core.dry_run_stats import Offender, OffenderList, preview
from olchat_desktop.core.dry_run_template import PhoneSource, Slot, item_phones, one_number


class ItemChecks:
    """Offender bookkeeping and the rules that look at one item at a time."""

    offenders: dict[str, OffenderList]
    phone_source: PhoneSource
    several_phones_severity: str
    no_phone: int
    several_phones: int
    _empties: OffenderList
    _bad: set[int]  # indexes within the current chunk of the items that break the message
    _index: int  # the current item's index within the chunk
    _worst_n: int
    _fixed_button_keys: set[str] | None
    _varying_buttons: list[int]
    _phone_slots: list[Slot]

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
            self._bad.add(self._index)  # the chunk's items that break the message
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

    def _empty_expressions(
        self, slot: Slot, column: list[str], items: list[Mapping[str, Any]]
    ) -> None:
        empties = self._empties
        source = slot.expression.source
        for index, text in enumerate(column):
            if not text:
                slot.empty += 1
                if empties.wants(0):
                    self._offend(
                        "empty_expression", "warning", "", items[index], "", 0, None, source
                    )
                else:
                    empties.count += 1  # kept list full: only counted

    def _check_chunk_buttons(
        self, items: list[Mapping[str, Any]], buttons: list[list[str]]
    ) -> None:
        fixed = self._fixed_button_keys
        if fixed is None:
            suspects: Iterable[int] = range(len(items))
        elif not self._varying_buttons:
            return
        else:
            # Buttons without expressions are the same for every item: only an item whose
            # varying buttons meet a fixed one or each other needs the full check.
            keys = [[t.strip().casefold() for t in buttons[i]] for i in self._varying_buttons]
            suspects = [
                index
                for index, found in enumerate(zip(*keys, strict=True))
                if any(key and key in fixed for key in found)
                or len({key for key in found if key}) < sum(1 for key in found if key)
            ]
        for index in suspects:
            self._index = index
            self._check_buttons(items[index], [column[index] for column in buttons])

    def _check_buttons(self, item: Mapping[str, Any], buttons: list[str]) -> None:
        seen: set[str] = set()
        for index, text in enumerate(buttons):
            key = text.strip().casefold()
            if key and key in seen:
                self._offend("duplicate_button", "error", f"buttons[{index}]", item, text)
            seen.add(key)

    def _check_phone(self, item: Mapping[str, Any], values: list[str]) -> None:
        if self.phone_source == "fixed":
            return
        if self.phone_source != "field" and one_number(item):
            return
        printed = "".join(values[slot.index] for slot in self._phone_slots)
        phones = item_phones(item, self.phone_source, printed)
        if not phones:
            self.no_phone += 1
            self._offend("no_phone", "error", "phone", item, "")
        elif len(phones) > 1:
            self.several_phones += 1
            severity = self.several_phones_severity
            self._offend("several_phones", severity, "phone", item, ", ".join(phones))
