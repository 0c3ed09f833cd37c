"""The field catalogue of each portal, cached on disk with its time stamp (issue 14 point 1).

``<data home>/field_catalogues/<key>.json``, one file per portal, written atomically
(``storage.atomic``). The key is :func:`portal_key` — a hash of the portal's host, never
the webhook URL — and the file holds only what ``crm.*.fields`` and ``crm.status.list``
describe (codes, labels, types, list items, status names) plus ``fetched_at``: no
secrets. Loading never raises: a missing, unreadable, foreign or damaged file is simply
no cache (the caller then reads the portal or uses the built-in list); entries that do
not fit the model are dropped one by one.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from olchat_desktop.core.field_catalogue import (
    ENTITIES,
    CatalogueField,
    FieldCatalogue,
    FieldChoice,
)
from olchat_desktop.storage.atomic import write_json_atomic

FORMAT = "olchat-field-catalogue"
VERSION = 1


def portal_key(domain: str) -> str:
    """A file-name key for a portal: a hash of its host (and port), case-insensitive."""
    host = domain.strip().lower().rstrip("/")
    return hashlib.sha256(host.encode("utf-8")).hexdigest()[:24]


def _field_to_json(field: CatalogueField) -> dict[str, Any]:
    record = field._asdict()
    record["items"] = [[item.id, item.value] for item in field.items]
    return record


def _field_from_json(record: Any) -> CatalogueField | None:
    if not isinstance(record, dict):
        return None
    try:
        entity, code, label, kind = (record[k] for k in ("entity", "code", "label", "type"))
        items = tuple(FieldChoice(str(i), str(v)) for i, v in record.get("items") or [])
    except (KeyError, TypeError, ValueError):
        return None
    texts = (code, label, kind, record.get("status_type", ""))
    if entity not in ENTITIES or not all(isinstance(t, str) for t in texts) or not code:
        return None
    return CatalogueField(
        entity=entity,
        code=code,
        label=label,
        type=kind,
        multiple=record.get("multiple") is True,
        required=record.get("required") is True,
        read_only=record.get("read_only") is True,
        items=items,
        status_type=record.get("status_type", ""),
    )


def _statuses_from_json(raw: Any) -> dict[str, dict[str, str]]:
    statuses: dict[str, dict[str, str]] = {}
    if not isinstance(raw, dict):
        return statuses
    for entity_id, names in raw.items():
        if isinstance(names, dict):
            statuses[str(entity_id)] = {str(k): v for k, v in names.items() if isinstance(v, str)}
    return statuses


class FieldCatalogueCache:
    """Per-portal catalogue files under ``data_home``."""

    def __init__(self, data_home: Path) -> None:
        self.directory = Path(data_home) / "field_catalogues"

    def path(self, key: str) -> Path:
        safe = "".join(c for c in key if c.isalnum() or c in "-_") or "portal"
        return self.directory / f"{safe}.json"

    def load(self, key: str) -> FieldCatalogue | None:
        try:
            payload = json.loads(self.path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            return None
        if payload.get("version") != VERSION:
            return None
        fetched_at = payload.get("fetched_at")
        raw_fields = payload.get("fields")
        if not isinstance(fetched_at, int | float) or not isinstance(raw_fields, list):
            return None
        fields = tuple(f for f in map(_field_from_json, raw_fields) if f is not None)
        return FieldCatalogue(
            fields=fields,
            statuses=_statuses_from_json(payload.get("statuses")),
            fetched_at=float(fetched_at),
            source="portal",
        )

    def save(self, key: str, catalogue: FieldCatalogue) -> None:
        payload = {
            "format": FORMAT,
            "version": VERSION,
            "fetched_at": catalogue.fetched_at,
            "fields": [_field_to_json(field) for field in catalogue.fields],
            "statuses": {k: dict(v) for k, v in catalogue.statuses.items()},
        }
        write_json_atomic(self.path(key), payload)
