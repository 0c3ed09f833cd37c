"""The dry run against a portal: read items with :mod:`crm_scan`, evaluate them in the core.

:func:`check_items` is what the CLI (``check-data``) and the window call, in a worker
thread. It never raises for the portal's sake: a failure mid-run (an HTML page instead of
JSON, a burst of 503 the client's backoff could not ride out, an expired token, an
unreachable portal) or a cancel ends the scan and returns the report of the items read
so far, with ``complete=False`` and a specific message. It is read-only: the scanner
calls ``*.list`` and ``user.get`` only.

:func:`build_filter` turns the optional filter choices (category, stage, created after a
date, or a Bitrix24 filter as JSON) into the ``filter`` of ``crm.<entity>.list``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.crm_scan import CrmScanner, ScanProgress, ScanRequest
from olchat_desktop.bitrix.errors import BitrixError
from olchat_desktop.cancel import CancelToken, TaskCancelled
from olchat_desktop.core.dry_run import DryRun
from olchat_desktop.core.dry_run_report import DryRunReport
from olchat_desktop.core.dry_run_stats import DEFAULT_WORST_N
from olchat_desktop.core.field_catalogue import CrmEntity, FieldCatalogue
from olchat_desktop.core.i18n import Lang, LazyText, TranslatableError
from olchat_desktop.core.template_draft import TemplateContent

ProgressCallback = Callable[[ScanProgress, DryRunReport], None]
_CURSOR_KEYS = {">ID", ">=ID"}


class FilterError(TranslatableError, ValueError):
    """A filter the user typed that cannot be sent; ``message(lang)`` says why."""

    problem: LazyText  # always a LazyText for this error


def build_filter(
    *,
    category: str | None = None,
    stage: str | None = None,
    created_after: str | None = None,
    raw_json: str | None = None,
) -> dict[str, Any]:
    """The list filter; raises :class:`FilterError` for malformed input."""
    flt: dict[str, Any] = {}
    if raw_json and raw_json.strip():
        try:
            parsed = json.loads(raw_json)
        except json.JSONDecodeError as err:
            raise FilterError(
                LazyText(
                    "The filter is not JSON: {msg} (line {lineno}, column {colno}).",
                    msg=err.msg,
                    lineno=err.lineno,
                    colno=err.colno,
                )
            ) from None
        if not isinstance(parsed, dict):
            raise FilterError(
                LazyText('The filter must be a JSON object, for example {"STAGE_ID": "NEW"}.')
            )
        flt.update(parsed)
    if category not in (None, ""):
        flt["CATEGORY_ID"] = str(category)
    if stage not in (None, ""):
        flt["STAGE_ID"] = str(stage)
    if created_after not in (None, ""):
        try:
            day = date.fromisoformat(str(created_after).strip())
        except ValueError:
            raise FilterError(
                LazyText(
                    "The date “{created_after}” is not in the YYYY-MM-DD form.",
                    created_after=created_after,
                )
            ) from None
        flt[">=DATE_CREATE"] = day.isoformat()
    for key in set(flt) & _CURSOR_KEYS:
        try:
            int(flt[key])
        except (TypeError, ValueError):
            raise FilterError(LazyText("{key} in the filter must be a number.", key=key)) from None
    if ">=ID" in flt:  # the scan continues with ">ID"; ">=N" is ">N-1"
        flt[">ID"] = int(flt.pop(">=ID")) - 1
    return flt


def _scan_request(
    run: DryRun, entity: CrmEntity, flt: Mapping[str, Any], limit: int | None
) -> ScanRequest:
    codes = [slot.code for slot in run.slots]
    user_fields = [
        slot.code
        for slot in run.slots
        if slot.printable and slot.field.type in ("employee", "user")
    ]
    source = run.phone_source
    phones = source if source in ("self", "contact", "company") else ""
    return ScanRequest(entity, codes, dict(flt), limit, phones, user_fields)


def check_items(
    client: BitrixClient,
    template: TemplateContent,
    catalogue: FieldCatalogue,
    entity: CrmEntity,
    *,
    flt: Mapping[str, Any] | None = None,
    limit: int | None = None,
    token: CancelToken | None = None,
    on_progress: ProgressCallback | None = None,
    worst_n: int = DEFAULT_WORST_N,
    lang: Lang = "ru",
    extra_requests: int = 0,
) -> DryRunReport:
    """Evaluate ``template`` over the portal's items; partial reports on failure/cancel."""
    users: dict[str, str] = {}
    run = DryRun(template, catalogue, entity, users=users, worst_n=worst_n)
    if run.nothing_to_check:
        return run.report(requests=extra_requests)
    scanner = CrmScanner(client, _scan_request(run, entity, flt or {}, limit), token=token)
    scanner.users = users  # the scanner learns names; the evaluator reads them

    def context(**more: Any) -> dict[str, Any]:
        progress = scanner.progress
        return {
            "requests": progress.requests + extra_requests,
            "items_estimated": progress.estimated,
            "elapsed_seconds": progress.elapsed,
            **more,
        }

    try:
        for page in scanner.pages():
            run.add_many(page)
            if on_progress is not None:
                on_progress(scanner.progress, run.report(**context(complete=False)))
    except TaskCancelled:
        return run.report(**context(complete=False, stopped="cancelled"))
    except BitrixError as error:
        return run.report(
            **context(complete=False, stopped="error", error=error.user_message(lang))
        )
    return run.report(**context())
