"""The dry run's report: plain data, JSON (schema in README), CSV, and texts for people.

:meth:`DryRunReport.to_dict` is the ``check-data --json`` answer and the JSON export:

``{"format": "olchat-dry-run-report", "version": 1, "entity", "template",
"items_checked", "items_estimated", "requests", "elapsed_seconds", "complete",
"stopped" (null | "cancelled" | "error"), "error" (text or null), "nothing_to_check",
"items_with_errors", "fields": {name: {limit, items, max, p95, mean, over_limit, empty,
histogram: [[from, to, items], …]}}, "problems": {code: {severity, count}},
"expressions": {source: {code, empty}}, "unknown_expressions": [source, …],
"phone": {source, none, several}, "offenders": [{problem, severity, field, item_id,
title, value, length, limit, expression}, …], "worst": {item_id, header, message,
footer, buttons} | null}``.

The CSV export holds the offenders, one per row, with the same keys as columns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from olchat_desktop.core.dry_run_stats import LengthStats, OffenderList
from olchat_desktop.core.dry_run_template import Slot
from olchat_desktop.core.i18n import N_, Lang, ptext, text
from olchat_desktop.core.template_draft import TemplateContent

REPORT_FORMAT = "olchat-dry-run-report"
CSV_COLUMNS = (
    "problem", "severity", "field", "item_id", "title", "value", "length", "limit", "expression",
)  # fmt: skip
PROBLEM_ORDER = (
    "too_long", "empty_required", "empty_button", "duplicate_button", "no_phone",
    "several_phones", "empty_expression", "unexpected_value",
)  # fmt: skip
_TITLES: dict[str, str] = {
    "too_long": N_("Longer than the limit"),
    "empty_required": N_("Empty message body"),
    "empty_button": N_("Empty button"),
    "duplicate_button": N_("Duplicate buttons"),
    "no_phone": N_("No phone"),
    "several_phones": N_("Several phones"),
    "empty_expression": N_("Empty expression"),
    "unexpected_value": N_("Value of an unexpected type"),
}


SEVERITY = {
    "too_long": "error",
    "empty_required": "error",
    "empty_button": "error",
    "duplicate_button": "error",
    "no_phone": "error",
    "empty_expression": "warning",
    "unexpected_value": "warning",
}  # fmt: skip  (several_phones depends on the template: DryRun.several_phones_severity)


def problem_title(code: str, lang: Lang) -> str:
    title = _TITLES.get(code)
    return text(lang, title) if title else code


def field_title(name: str, lang: Lang) -> str:
    if name.startswith("buttons["):
        number = int(name[8:-1]) + 1
        return text(lang, "Button {number}").format(number=number)
    if name == "header":
        return ptext(lang, "dry run field", "Header")
    if name == "message":
        return ptext(lang, "dry run field", "Body")
    if name == "footer":
        return ptext(lang, "dry run field", "Footer")
    if name == "phone":
        return ptext(lang, "dry run field", "Phone")
    return name or "—"


class Rendered(NamedTuple):
    """One item's message as the robot would send it (the worst case, for the preview)."""

    item_id: str
    header: str
    message: str
    footer: str
    buttons: list[str]


@dataclass
class DryRunReport:
    entity: str
    template: str
    items_checked: int
    items_with_errors: int
    nothing_to_check: bool
    fields: dict[str, dict[str, Any]]
    problems: dict[str, dict[str, Any]]
    expressions: dict[str, dict[str, Any]]
    unknown_expressions: list[str]
    phone: dict[str, Any]
    offenders: list[dict[str, Any]]
    worst: Rendered | None
    requests: int = 0
    items_estimated: int | None = None
    elapsed_seconds: float = 0.0
    complete: bool = True
    stopped: str | None = None
    error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def breaks(self) -> bool:
        """Some item would get a broken message (an error-severity problem)."""
        return self.items_with_errors > 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": REPORT_FORMAT,
            "version": 1,
            "entity": self.entity,
            "template": self.template,
            "items_checked": self.items_checked,
            "items_estimated": self.items_estimated,
            "requests": self.requests,
            "elapsed_seconds": round(self.elapsed_seconds, 3),
            "complete": self.complete,
            "stopped": self.stopped,
            "error": self.error,
            "nothing_to_check": self.nothing_to_check,
            "items_with_errors": self.items_with_errors,
            "fields": self.fields,
            "problems": self.problems,
            "expressions": self.expressions,
            "unknown_expressions": self.unknown_expressions,
            "phone": self.phone,
            "offenders": self.offenders,
            "worst": self.worst._asdict() if self.worst else None,
            **self.extra,
        }

    def to_csv(self) -> str:
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
        writer.writeheader()
        for offender in self.offenders:
            writer.writerow({k: "" if v is None else v for k, v in offender.items()})
        return out.getvalue()

    def summary_lines(self, lang: Lang) -> list[str]:
        """What ``check-data`` prints without ``--json``."""
        if self.nothing_to_check:
            return [nothing_to_check_text(lang)]
        lines = [
            text(lang, "Items checked: {items}, HTTP requests: {requests}").format(
                items=self.items_checked, requests=self.requests
            ),
        ]
        if not self.complete:
            lines.append(partial_text(self, lang))
        for name, stats in self.fields.items():
            lines.append(
                text(lang, "{field}: max {max}, p95 {p95}, mean {mean}").format(
                    field=field_title(name, lang),
                    max=stats["max"],
                    p95=stats["p95"],
                    mean=stats["mean"],
                )
                + (f" / {stats['limit']}" if stats["limit"] else "")
                + (
                    text(lang, ", over the limit: {count}").format(count=stats["over_limit"])
                    if stats["over_limit"]
                    else ""
                )
            )
        for code, problem in self.problems.items():
            lines.append(f"{problem_title(code, lang)} ({problem['severity']}): {problem['count']}")
        if self.unknown_expressions:
            lines.append(
                text(lang, "Not on the portal: {expressions}").format(
                    expressions=", ".join(self.unknown_expressions)
                )
            )
        lines.append(
            text(lang, "Would break the message: {count} items").format(
                count=self.items_with_errors
            )
            if self.breaks
            else text(lang, "No item breaks the message.")
        )
        return lines


def nothing_to_check_text(lang: Lang) -> str:
    return text(
        lang,
        "The template has no expressions: it is the same for every item, nothing to check.",
    )


def partial_text(report: DryRunReport, lang: Lang) -> str:
    if report.stopped == "cancelled":
        line = text(lang, "Check cancelled: report on the first {count} items")
    else:
        line = text(lang, "Check interrupted: report on the first {count} items")
    line = line.format(count=report.items_checked)
    return line + (f" — {report.error}" if report.error else "")


def problem_rank(code: str) -> int:
    return PROBLEM_ORDER.index(code) if code in PROBLEM_ORDER else len(PROBLEM_ORDER)


class ReportSource(Protocol):
    """What :func:`build_report` reads from the evaluator (``core.dry_run.DryRun``)."""

    @property
    def entity(self) -> str: ...
    @property
    def template(self) -> TemplateContent: ...
    @property
    def items_checked(self) -> int: ...
    @property
    def items_with_errors(self) -> int: ...
    @property
    def nothing_to_check(self) -> bool: ...
    @property
    def fields(self) -> Sequence[tuple[str, str, LengthStats]]: ...
    @property
    def offenders(self) -> dict[str, OffenderList]: ...
    @property
    def slots(self) -> Sequence[Slot]: ...
    @property
    def unknown(self) -> Sequence[str]: ...
    @property
    def phone_source(self) -> str: ...
    @property
    def no_phone(self) -> int: ...
    @property
    def several_phones(self) -> int: ...
    @property
    def several_phones_severity(self) -> str: ...
    @property
    def worst(self) -> Rendered | None: ...


def build_report(run: ReportSource, **context: Any) -> DryRunReport:
    """A snapshot of the evaluator's aggregate (``context``: requests, complete, ...)."""
    problems: dict[str, dict[str, Any]] = {}
    offenders: list[dict[str, Any]] = []
    for code in sorted(run.offenders, key=problem_rank):
        found = run.offenders[code]
        if not found.count:
            continue
        severity = SEVERITY.get(code, run.several_phones_severity)
        problems[code] = {"severity": severity, "count": found.count}
        offenders.extend(offender.to_dict() for offender in found.items())
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
