"""The persistent send history: one SQLite file under the data home (issue 6, point 5).

Each row is one send: when, which path and connection, the recipient (partly masked: the
history is a log people share, the full number is not needed to tell sends apart), the
template's id, name and version, and a JSON snapshot of the template exactly as sent, so
"open the template as sent" works even after the template changed or was deleted.
A send is recorded when it starts (result ``sent`` or what is known) and updated when it
ends, so a crash mid-send still leaves a trace.
"""

from __future__ import annotations

import csv
import re
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from olchat_desktop import paths
from olchat_desktop.core.template import Template
from olchat_desktop.send.outcome import SendOutcome, SendPath

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS sends (
    send_id TEXT PRIMARY KEY,
    sent_at TEXT NOT NULL,
    path TEXT NOT NULL,
    connection TEXT NOT NULL,
    recipient TEXT NOT NULL,
    template_id TEXT NOT NULL,
    template_name TEXT NOT NULL,
    template_version TEXT NOT NULL,
    result TEXT NOT NULL,
    detail TEXT NOT NULL,
    message_id TEXT NOT NULL,
    workflow_id TEXT NOT NULL,
    reply TEXT NOT NULL,
    template_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sends_by_time ON sends (sent_at);
"""


def mask_phone(raw: str) -> str:
    """``79991234567`` → ``+7 999 ***-**-67``; other lengths keep the first 4 and last 2
    digits. Expressions and text without digits are kept as they are."""
    digits = re.sub(r"\D", "", raw)
    if len(digits) < 6:
        return raw.strip()
    if len(digits) == 11 and digits[0] in "78":
        return f"+7 {digits[1:4]} ***-**-{digits[-2:]}"
    return f"+{digits[:4]}{'*' * (len(digits) - 6)}{digits[-2:]}"


@dataclass(frozen=True)
class HistoryEntry:
    send_id: str
    sent_at: str  # ISO 8601, UTC
    path: SendPath
    connection: str  # the profile (portal or line) name, never a secret
    recipient: str  # masked
    template_id: str
    template_name: str
    template_version: str  # the template's updated_at when it was sent
    result: str
    detail: str
    message_id: str
    workflow_id: str
    reply: str
    template_json: str

    @classmethod
    def start(
        cls, send_id: str, path: SendPath, connection: str, phone: str, template: Template
    ) -> HistoryEntry:
        return cls(
            send_id=send_id,
            sent_at=datetime.now(UTC).isoformat(timespec="seconds"),
            path=path,
            connection=connection,
            recipient=mask_phone(phone),
            template_id=template.id,
            template_name=template.name,
            template_version=template.updated_at.isoformat(timespec="seconds"),
            result="sent",
            detail="",
            message_id="",
            workflow_id="",
            reply="",
            template_json=template.model_dump_json(),
        )

    def finished(self, outcome: SendOutcome) -> HistoryEntry:
        return HistoryEntry(
            **{
                **{f.name: getattr(self, f.name) for f in fields(self)},
                "result": outcome.result,
                "detail": outcome.detail,
                "message_id": outcome.message_id,
                "workflow_id": outcome.workflow_id,
                "reply": outcome.reply,
            }
        )


CSV_COLUMNS = tuple(f.name for f in fields(HistoryEntry) if f.name != "template_json")


class SendHistory:
    """Thread-safe access to the history file (workers record, the GUI reads)."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else paths.history_path()
        self._lock = threading.Lock()
        with self._connect() as conn:
            conn.executescript(_SCHEMA)
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = sqlite3.connect(self.path, timeout=10)
            try:
                with conn:
                    yield conn
            finally:
                conn.close()

    def record(self, entry: HistoryEntry) -> None:
        """Insert the entry, or replace the one with the same send id."""
        names = [f.name for f in fields(entry)]
        values = [getattr(entry, name) for name in names]
        marks = ", ".join("?" for _ in names)
        with self._connect() as conn:
            conn.execute(
                f"INSERT OR REPLACE INTO sends ({', '.join(names)}) VALUES ({marks})", values
            )

    def entries(
        self,
        *,
        path: str | None = None,
        result: str | None = None,
        text: str = "",
        limit: int = 1000,
    ) -> list[HistoryEntry]:
        """Newest first; ``text`` matches template name, recipient, ids and reply."""
        where, params = ["1 = 1"], []
        if path:
            where.append("path = ?")
            params.append(path)
        if result:
            where.append("result = ?")
            params.append(result)
        if text.strip():
            needle = f"%{text.strip().casefold()}%"
            searched = (
                "template_name",
                "recipient",
                "send_id",
                "message_id",
                "workflow_id",
                "reply",
            )
            where.append("(" + " OR ".join(f"fold({c}) LIKE ?" for c in searched) + ")")
            params.extend([needle] * len(searched))
        return self._select(where, params, limit)

    def _select(self, where: list[str], params: list[str], limit: int) -> list[HistoryEntry]:
        sql = (
            f"SELECT * FROM sends WHERE {' AND '.join(where)}"
            " ORDER BY sent_at DESC, rowid DESC LIMIT ?"
        )
        with self._connect() as conn:
            # SQLite's lower() folds ASCII only: Cyrillic template names need casefold().
            conn.create_function("fold", 1, _fold, deterministic=True)
            conn.row_factory = sqlite3.Row
            rows = conn.execute(sql, [*params, limit]).fetchall()
        return [HistoryEntry(**dict(row)) for row in rows]

    def get(self, send_id: str) -> HistoryEntry | None:
        with self._connect() as conn:
            conn.row_factory = sqlite3.Row
            row = conn.execute("SELECT * FROM sends WHERE send_id = ?", (send_id,)).fetchone()
        return None if row is None else HistoryEntry(**dict(row))

    def template_as_sent(self, send_id: str) -> Template | None:
        entry = self.get(send_id)
        return None if entry is None else Template.model_validate_json(entry.template_json)

    def export_csv(self, stream: IO[str], entries: list[HistoryEntry]) -> int:
        """Write the entries (without the JSON snapshot) as CSV; returns the row count."""
        writer = csv.writer(stream)
        writer.writerow(CSV_COLUMNS)
        for entry in entries:
            writer.writerow([getattr(entry, name) for name in CSV_COLUMNS])
        return len(entries)


def _fold(value: object) -> str:
    return str(value or "").casefold()
