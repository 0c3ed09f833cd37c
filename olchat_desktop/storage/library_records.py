"""Plain records the template library returns, besides templates themselves."""

# No "from __future__ import annotations": typing.NamedTuple compiles every string
# annotation into a ForwardRef, 30 µs a field on the start-up path (issue 5).
from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from olchat_desktop.core.frozen_record import FrozenRecord, set_field
from olchat_desktop.core.i18n import N_, Lang, text

if TYPE_CHECKING:
    from olchat_desktop.core.template import Template

# Fields that are bookkeeping, not content: changing only these is not a new version.
_BOOKKEEPING = frozenset({"id", "created_at", "updated_at"})

_SUMMARY_TEXTS: dict[str, str] = {
    "created": N_("created"),
    "imported": N_("imported"),
    "duplicated": N_("duplicated"),
    "migrated": N_("migrated from an older library"),
    "restored": N_("an earlier version restored"),
}


# Characters of the message a summary keeps as its hint (the sidebar's tooltip).
HINT_LENGTH = 80


class TemplateSummary(NamedTuple):
    """One sidebar row: the id, the name and a hint (the header, else the message start).
    A NamedTuple, not a dataclass: it is built on every start-up, where a dataclass
    costs ten times as much to define."""

    id: str
    name: str
    hint: str


class TemplateVersion(NamedTuple):
    """One stored version: when it was saved and what changed (``summary`` is a key)."""

    id: int
    template_id: str
    saved_at: datetime
    summary: str

    def describe(self, lang: Lang = "ru") -> str:
        """The summary for people, e.g. "changed: message, buttons"."""
        if self.summary.startswith("changed:"):
            fields = self.summary.removeprefix("changed:").replace(",", ", ")
            return text(lang, "changed: {fields}").format(fields=fields)
        msgid = _SUMMARY_TEXTS.get(self.summary)
        return text(lang, msgid) if msgid else self.summary


class TrashEntry(NamedTuple):
    template: "Template"
    deleted_at: datetime


class TagCount(FrozenRecord):
    __slots__ = ("tag", "count")
    tag: str
    count: int

    def __init__(self, tag: str, count: int) -> None:
        set_field(self, "tag", tag)
        set_field(self, "count", count)


class LibraryStats(NamedTuple):
    """``library stats``: templates outside the trash, by stored status (``ok``,
    ``warnings``, ``errors``, ``unknown``), the trash, versions, the file's bytes."""

    templates: int
    by_status: dict[str, int]
    trash: int
    versions: int
    size_bytes: int


def content_of(data: Mapping[str, Any]) -> dict[str, Any]:
    """A stored template's JSON object without its bookkeeping fields."""
    return {key: value for key, value in data.items() if key not in _BOOKKEEPING}


def changed_fields(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    before, after = content_of(old), content_of(new)
    return [key for key in after if before.get(key) != after[key]]
