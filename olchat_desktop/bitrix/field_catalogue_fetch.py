"""Read a portal's field catalogue in one ``batch``: four ``crm.*.fields`` and the status texts.

One request carries ``crm.{deal,contact,lead,company}.fields`` and the first
:data:`STATUS_PAGES` pages of ``crm.status.list`` (50 rows a page, reference
``bitrix24.md`` §3); only a portal with more than 250 statuses needs a second request
for the rest, so a catalogue costs at most 2 HTTP requests (``client.requests_sent``).

Bad answers never lose what is already known (issue 14, "Bad input"): each entity is
judged on its own, and an entity that failed (access denied, malformed answer) keeps the
fields of the ``cached`` catalogue; a rate limit or an outage on the whole request gives
back the cached catalogue as it was (or the built-in list when there is none). Every
such event is a :class:`CatalogueProblem` with a Russian and English message.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable, Mapping
from typing import Any, Literal, NamedTuple

from olchat_desktop.bitrix.batch import Command, call_batch
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.errors import AccessError, BitrixError, LimitError
from olchat_desktop.core.field_catalogue import (
    ENTITIES,
    CatalogueField,
    CrmEntity,
    FieldCatalogue,
    parse_entity_fields,
    parse_statuses,
)
from olchat_desktop.core.field_resolution import builtin_catalogue
from olchat_desktop.core.i18n import N_, Lang, ptext, text

STATUS_PAGES = 5
MAX_STATUS_PAGES = 40  # 2,000 statuses: far beyond any real portal
MAX_FIELDS_PER_ENTITY = 3000
ProblemKind = Literal[
    "access_denied", "rate_limited", "malformed", "skipped_fields", "too_many_fields",
    "control_chars", "failed",
]  # fmt: skip


def _entity_fields_of(entity: str, lang: Lang) -> str:
    """Whose fields, as the messages below say it (Russian genitive plural: «поля сделок»)."""
    names = {
        "deal": ptext(lang, "fields of", "deals"),
        "contact": ptext(lang, "fields of", "contacts"),
        "lead": ptext(lang, "fields of", "leads"),
        "company": ptext(lang, "fields of", "companies"),
        "statuses": ptext(lang, "fields of", "stages and lists"),
        "": ptext(lang, "fields of", "the portal"),  # the whole catalogue: «поля портала»
    }
    return names.get(entity, entity)


class CatalogueProblem(NamedTuple):
    """Something that went wrong while reading one entity (or the whole catalogue: "")."""

    entity: str
    kind: ProblemKind
    number: int = 0
    detail: str = ""  # a BitrixError's user message for "failed"

    def message(self, lang: Lang = "ru", *, cached: bool = False) -> str:
        what = _entity_fields_of(self.entity, lang)
        if cached:
            kept = " " + text(lang, "The saved list is used.")
        else:
            kept = " " + text(lang, "The built-in list is used.")
        n = self.number
        if self.kind == "access_denied":
            message = text(
                lang,
                "No access to the fields of {what}: the webhook or user has no rights to "
                "that part of the CRM.",
            )
        elif self.kind == "rate_limited":
            message = text(
                lang,
                "The portal limited the request rate; the field list ({what}) was not "
                "refreshed. Try again in a minute.",
            )
        elif self.kind == "malformed":
            message = text(
                lang,
                "The portal returned the field list of {what} in a form the app does not "
                "understand.",
            )
        elif self.kind == "skipped_fields":
            message, kept = text(lang, "Skipped {n} field(s) of {what} with no type or name."), ""
        elif self.kind == "too_many_fields":
            message = text(
                lang, "The portal returned {n} fields of {what}; the first {limit} are shown."
            )
            kept = ""
        elif self.kind == "control_chars":
            message = text(
                lang, "{n} field name(s) of {what} held control characters; they were removed."
            )
            kept = ""
        else:  # "failed"
            message = text(lang, "Could not read the fields of {what}: {detail}")
        return (
            message.format(what=what, n=n, limit=MAX_FIELDS_PER_ENTITY, detail=self.detail) + kept
        )


class CatalogueLoad(NamedTuple):
    catalogue: FieldCatalogue
    requests: int
    problems: tuple[CatalogueProblem, ...]
    fresh: bool  # False: nothing new was read, the catalogue is the cached (or built-in) one


def _problem_for(entity: str, error: BitrixError, lang: Lang = "en") -> CatalogueProblem:
    if isinstance(error, LimitError):
        return CatalogueProblem(entity, "rate_limited")
    if isinstance(error, AccessError):
        return CatalogueProblem(entity, "access_denied")
    return CatalogueProblem(entity, "failed", detail=error.user_message(lang))


def _has_control(entry: Mapping[str, Any]) -> bool:
    return any(
        isinstance(entry.get(key), str) and any(unicodedata.category(c) == "Cc" for c in entry[key])
        for key in ("formLabel", "listLabel", "title")
    )


def _parse_entity(
    entity: CrmEntity, raw: Any
) -> tuple[tuple[CatalogueField, ...] | None, list[CatalogueProblem]]:
    """Fields of one entity (None when unusable) and what was odd about them."""
    if not isinstance(raw, Mapping) or not raw:
        return None, [CatalogueProblem(entity, "malformed")]
    problems: list[CatalogueProblem] = []
    if len(raw) > MAX_FIELDS_PER_ENTITY:
        problems.append(CatalogueProblem(entity, "too_many_fields", len(raw)))
        raw = dict(list(raw.items())[:MAX_FIELDS_PER_ENTITY])
    noisy = sum(1 for entry in raw.values() if isinstance(entry, Mapping) and _has_control(entry))
    if noisy:
        problems.append(CatalogueProblem(entity, "control_chars", noisy))
    fields, skipped = parse_entity_fields(entity, raw)
    if skipped:
        problems.append(CatalogueProblem(entity, "skipped_fields", len(skipped)))
    if not fields:
        return None, [*problems, CatalogueProblem(entity, "malformed")]
    return fields, problems


def _status_commands(first: int, last: int) -> dict[str, Command]:
    return {
        f"status{page}": ("crm.status.list", {"start": page * 50}) for page in range(first, last)
    }


def load_catalogue(
    client: BitrixClient,
    cached: FieldCatalogue | None = None,
    *,
    clock: Callable[[], float] = time.time,
    lang: Lang = "ru",
) -> CatalogueLoad:
    """The portal's catalogue, falling back entity by entity to ``cached``; never raises."""
    before = client.requests_sent
    fallback = cached if cached is not None else builtin_catalogue()
    commands: dict[str, Command] = {entity: (f"crm.{entity}.fields", {}) for entity in ENTITIES}
    commands.update(_status_commands(0, STATUS_PAGES))
    try:
        batch = call_batch(client, commands)
    except BitrixError as error:
        problem = _problem_for("", error, lang)
        return CatalogueLoad(fallback, client.requests_sent - before, (problem,), False)
    problems: list[CatalogueProblem] = []
    fields: list[CatalogueField] = []
    for entity in ENTITIES:
        if entity in batch.errors:
            parsed, found = None, [_problem_for(entity, batch.errors[entity], lang)]
        else:
            parsed, found = _parse_entity(entity, batch.results.get(entity))
        problems.extend(found)
        fields.extend(parsed if parsed is not None else fallback.of_entity(entity))
    rows, status_problem = _status_rows(client, batch, lang)
    statuses: Mapping[str, Mapping[str, str]] = parse_statuses(rows)
    if status_problem is not None:
        problems.append(status_problem)
        statuses = {**fallback.statuses, **statuses}
    catalogue = FieldCatalogue(
        fields=tuple(fields),
        statuses=statuses,
        fetched_at=clock(),
        source="portal",
        skipped=tuple(f"{p.entity}: {p.kind}" for p in problems),
    )
    return CatalogueLoad(catalogue, client.requests_sent - before, tuple(problems), True)


def _status_rows(
    client: BitrixClient, batch: Any, lang: Lang
) -> tuple[list[Any], CatalogueProblem | None]:
    rows: list[Any] = []
    for page in range(STATUS_PAGES):
        key = f"status{page}"
        if key in batch.errors:
            return rows, _problem_for("statuses", batch.errors[key], lang)
        value = batch.results.get(key)
        rows.extend(value if isinstance(value, list) else [])
    total = batch.totals.get("status0", len(rows))
    pages = min(-(-total // 50), MAX_STATUS_PAGES)
    if pages <= STATUS_PAGES:
        return rows, None
    try:
        more = call_batch(client, _status_commands(STATUS_PAGES, pages))
    except BitrixError as error:  # a rate limit mid-way: the first pages are kept
        return rows, _problem_for("statuses", error, lang)
    for page in range(STATUS_PAGES, pages):
        value = more.results.get(f"status{page}")
        rows.extend(value if isinstance(value, list) else [])
    return rows, None


def fetch_catalogue(client: BitrixClient) -> tuple[FieldCatalogue, int]:
    """The catalogue and the HTTP requests it took (≤ 2); raises when nothing could be read."""
    before = client.requests_sent
    load = load_catalogue(client)
    if not load.fresh:
        # Re-raise as the typed error the caller expects; the problem says which.
        raise CatalogueUnavailableError(load.problems[0])
    return load.catalogue, client.requests_sent - before


class CatalogueUnavailableError(BitrixError):
    code = "CATALOGUE_UNAVAILABLE"
    summary = N_("The portal's field list is unavailable.")

    def __init__(self, problem: CatalogueProblem) -> None:
        super().__init__(problem.message("en"))
        self.problem = problem
