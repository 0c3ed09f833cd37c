"""The outcome of one sync: what moved, what conflicts remain, what went wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from olchat_desktop.core.i18n import N_, Lang, text

# (key, Russian label, English label): the order the CLI prints them in.
MOVES: tuple[tuple[str, str], ...] = (
    ("pulled", N_("pulled from the portal")),
    ("added_local", N_("new from the portal")),
    ("pushed", N_("pushed to the portal")),
    ("uploaded", N_("shared to the portal")),
    ("trashed_local", N_("deleted on the portal → trash")),
    ("deleted_remote", N_("deleted on the portal")),
    ("restored", N_("restored (changed on the portal)")),
    ("local_copies", N_("local copies (read-only)")),
)


@dataclass
class Item:
    template_id: str
    name: str
    detail: str = ""


@dataclass
class SyncReport:
    moved: dict[str, list[Item]] = field(default_factory=lambda: {k: [] for k, _ in MOVES})
    conflicts: list[Item] = field(default_factory=list)  # every conflict still open
    new_conflicts: int = 0
    ignored: list[Item] = field(default_factory=list)  # non-template files, listed once
    broken: list[Item] = field(default_factory=list)  # damaged template files, listed once
    errors: list[str] = field(default_factory=list)  # already translated
    notes: list[str] = field(default_factory=list)  # messages that are not failures
    requests: int = 0  # REST requests (a batch counts once)
    downloads: int = 0  # GETs of download URLs
    read_only: bool = False
    offline: bool = False  # the portal could not be reached (the sidebar says "offline")

    def add(self, kind: str, template_id: str, name: str, detail: str = "") -> None:
        self.moved[kind].append(Item(template_id, name, detail))

    @property
    def moved_count(self) -> int:
        return sum(len(items) for items in self.moved.values())

    @property
    def exit_code(self) -> int:
        """0 synced, 1 conflicts remain, 2 errors (errors win)."""
        if self.errors:
            return 2
        return 1 if self.conflicts else 0

    def as_json(self) -> dict[str, Any]:
        def items(values: list[Item]) -> list[dict[str, str]]:
            return [{"id": i.template_id, "name": i.name, "detail": i.detail} for i in values]

        return {
            "moved": {key: items(values) for key, values in self.moved.items()},
            "conflicts": items(self.conflicts),
            "ignored": items(self.ignored),
            "broken": items(self.broken),
            "errors": list(self.errors),
            "notes": list(self.notes),
            "read_only": self.read_only,
            "requests": self.requests,
            "downloads": self.downloads,
            "exit_code": self.exit_code,
        }

    def lines(self, lang: Lang) -> list[str]:
        out: list[str] = []
        for key, msgid in MOVES:
            for item in self.moved[key]:
                out.append(f"{text(lang, msgid)}: {item.name}")
        for item in self.ignored:
            label = text(lang, "ignored (not a template)")
            out.append(f"{label}: {item.name}")
        for item in self.broken:
            label = text(lang, "broken, not imported")
            out.append(f"{label}: {item.name} — {item.detail}")
        for item in self.conflicts:
            label = text(lang, "conflict")
            out.append(f"{label}: {item.name} — {item.detail}")
        out.extend(self.notes)
        out.extend(text(lang, "error: ") + error for error in self.errors)
        if not out:
            out.append(text(lang, "In sync; nothing moved."))
        summary = text(
            lang,
            "Moved: {moved_count}; conflicts: {count}; REST requests: {requests}, "
            "downloads: {downloads}.",
        ).format(
            moved_count=self.moved_count,
            count=len(self.conflicts),
            requests=self.requests,
            downloads=self.downloads,
        )
        return [*out, summary]
