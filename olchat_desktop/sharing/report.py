"""The outcome of one sync: what moved, what conflicts remain, what went wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from olchat_desktop.core.i18n import Lang, pick

# (key, Russian label, English label): the order the CLI prints them in.
MOVES: tuple[tuple[str, str, str], ...] = (
    ("pulled", "получено с портала", "pulled from the portal"),
    ("added_local", "новых с портала", "new from the portal"),
    ("pushed", "отправлено на портал", "pushed to the portal"),
    ("uploaded", "опубликовано на портале", "shared to the portal"),
    ("trashed_local", "удалено на портале → в корзину", "deleted on the portal → trash"),
    ("deleted_remote", "удалено на портале", "deleted on the portal"),
    ("restored", "восстановлено (изменено на портале)", "restored (changed on the portal)"),
    ("local_copies", "локальные копии (папка только для чтения)", "local copies (read-only)"),
)


@dataclass
class Item:
    template_id: str
    name: str
    detail: str = ""


@dataclass
class SyncReport:
    moved: dict[str, list[Item]] = field(default_factory=lambda: {k: [] for k, _, _ in MOVES})
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
        for key, ru, en in MOVES:
            for item in self.moved[key]:
                out.append(f"{pick(lang, ru, en)}: {item.name}")
        for item in self.ignored:
            label = pick(lang, "пропущен (не шаблон)", "ignored (not a template)")
            out.append(f"{label}: {item.name}")
        for item in self.broken:
            label = pick(lang, "повреждён, не загружен", "broken, not imported")
            out.append(f"{label}: {item.name} — {item.detail}")
        for item in self.conflicts:
            label = pick(lang, "конфликт", "conflict")
            out.append(f"{label}: {item.name} — {item.detail}")
        out.extend(self.notes)
        out.extend(pick(lang, "ошибка: ", "error: ") + text for text in self.errors)
        if not out:
            out.append(
                pick(lang, "Всё синхронизировано, изменений нет.", "In sync; nothing moved.")
            )
        summary = pick(
            lang,
            f"Перемещено: {self.moved_count}; конфликтов: {len(self.conflicts)}; "
            f"запросов к REST: {self.requests}, скачиваний: {self.downloads}.",
            f"Moved: {self.moved_count}; conflicts: {len(self.conflicts)}; "
            f"REST requests: {self.requests}, downloads: {self.downloads}.",
        )
        return [*out, summary]
