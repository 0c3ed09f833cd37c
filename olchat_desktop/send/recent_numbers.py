"""Recent test numbers, so the recipient field offers what the tester used before.

These are the tester's own test phones, typed into the send dialog; they live in a small
JSON file under the data home (the history itself keeps only masked numbers).
"""

from __future__ import annotations

import json
from pathlib import Path

from olchat_desktop import paths
from olchat_desktop.core.phone import normalize_phone
from olchat_desktop.storage.atomic import write_json_atomic

MAX_RECENT = 10


def recent_numbers_path() -> Path:
    return paths.data_home() / "recent_numbers.json"


def load_recent(path: Path | None = None) -> list[str]:
    """Most recent first; a missing or unreadable file is an empty list."""
    try:
        data = json.loads((path or recent_numbers_path()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    numbers = data.get("numbers", []) if isinstance(data, dict) else []
    return [str(n) for n in numbers if isinstance(n, str) and n.isdigit()][:MAX_RECENT]


def remember_number(phone: str, path: Path | None = None) -> list[str]:
    """Put the number (normalised) first; returns the new list."""
    digits = normalize_phone(phone)
    if not digits:
        return load_recent(path)
    numbers = [digits] + [n for n in load_recent(path) if n != digits]
    numbers = numbers[:MAX_RECENT]
    write_json_atomic(path or recent_numbers_path(), {"version": 1, "numbers": numbers})
    return numbers
