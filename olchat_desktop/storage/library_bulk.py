"""Many new templates in one transaction (import, demo seeding), at the speed of SQLite's
``executemany`` rather than one ``_store`` round trip each (issue 15: 20,000 templates
in about a second). Every row is new: an id already taken gets a fresh one, so an import
never overwrites anything; each row gets its first version and its stored status.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any

from olchat_desktop.core.template_draft import new_template_id, utc_now
from olchat_desktop.storage.library_records import content_of
from olchat_desktop.storage.library_schema import fold, search_text
from olchat_desktop.storage.library_status import status_of


def insert_new(
    conn: sqlite3.Connection, rows: Iterable[dict[str, Any]], summary: str
) -> list[dict[str, Any]]:
    """Insert ``rows`` (template JSON objects; timestamps in them are ignored) inside the
    caller's write transaction; returns what was stored, ids possibly renewed."""
    rows = list(rows)
    ids = [str(data.get("id") or "") for data in rows]
    taken = _taken(conn, ids)
    now = utc_now().isoformat()
    stored_rows: list[dict[str, Any]] = []
    templates: list[tuple[object, ...]] = []
    tags: list[tuple[str, str, str]] = []
    versions: list[tuple[str, str, str, str]] = []
    for data in rows:
        template_id = str(data.get("id") or "")
        if not template_id or template_id in taken:
            template_id = new_template_id()
        taken.add(template_id)
        content = content_of(data)
        stored = {"id": template_id, **content, "created_at": now, "updated_at": now}
        body_json = json.dumps(stored, ensure_ascii=False)
        name = str(stored.get("name", ""))
        templates.append(
            (
                template_id,
                name,
                body_json,
                now,
                now,
                fold(name),
                search_text(name, content),
                status_of(stored),
            )
        )
        seen: set[str] = set()
        for tag in stored.get("tags") or []:
            label = str(tag).strip()
            key = fold(label)
            if label and key not in seen:
                seen.add(key)
                tags.append((template_id, label, key))
        versions.append((template_id, now, summary, body_json))
        stored_rows.append(stored)
    conn.executemany(
        "INSERT INTO templates (id, name, body, created_at, updated_at, name_key, search_text,"
        " status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        templates,
    )
    conn.executemany("INSERT INTO template_tags (template_id, tag, tag_key) VALUES (?, ?, ?)", tags)
    conn.executemany(
        "INSERT INTO template_versions (template_id, saved_at, summary, body) VALUES (?, ?, ?, ?)",
        versions,
    )
    return stored_rows


def _taken(conn: sqlite3.Connection, ids: list[str]) -> set[str]:
    """Which of ``ids`` the library already holds (trash included), 500 per query."""
    found: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ",".join("?" * len(chunk))
        rows = conn.execute(f"SELECT id FROM templates WHERE id IN ({marks})", chunk)
        found.update(str(template_id) for (template_id,) in rows)
    return found
