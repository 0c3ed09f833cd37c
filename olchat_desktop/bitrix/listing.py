"""List methods: iteration by ``next``, and the fast ``start=-1`` ID-cursor scan.

List methods return at most 50 rows; passing ``start = next`` gets the following page
(apidocs ``list-methods-pecularities``). For a full scan, ``start=-1`` skips counting
``total`` (49.9 s -> 0.097 s on 2.39 M rows) and an ``ID ASC`` order with a ``>ID`` filter
walks the table until a short page comes back (apidocs ``settings/performance/huge-data``;
b24pysdk ``call_list_fast.py``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.errors import ProtocolError

PAGE_SIZE = 50


def _rows(result: Any, items_key: str | None, method: str) -> list[Any]:
    if items_key is not None and isinstance(result, dict):
        result = result.get(items_key, [])
    if isinstance(result, dict):  # some methods return a map keyed by id
        result = list(result.values())
    if not isinstance(result, list):
        raise ProtocolError("a list method returned something other than a list", method=method)
    return result


def iter_list(
    client: BitrixClient,
    method: str,
    params: Mapping[str, Any] | None = None,
    *,
    items_key: str | None = None,
) -> Iterator[Any]:
    """Every row of a list method, following ``next`` page by page."""
    query = dict(params or {})
    while True:
        envelope = client.call(method, query)
        yield from _rows(envelope.result, items_key, method)
        if envelope.next is None:
            return
        query["start"] = envelope.next


def iter_by_id(
    client: BitrixClient,
    method: str,
    params: Mapping[str, Any] | None = None,
    *,
    id_field: str = "ID",
    items_key: str | None = None,
) -> Iterator[Any]:
    """Every row, fast: ``start=-1``, ordered by id, filtered past the last id seen."""
    base = dict(params or {})
    last_id: int | None = None
    while True:
        query = dict(base)
        query["order"] = {id_field: "ASC"}
        query["start"] = -1
        flt = dict(base.get("filter") or {})
        if last_id is not None:
            flt[f">{id_field}"] = last_id
        query["filter"] = flt
        rows = _rows(client.call(method, query).result, items_key, method)
        yield from rows
        if len(rows) < PAGE_SIZE:
            return
        last = rows[-1]
        if not isinstance(last, dict) or id_field not in last:
            raise ProtocolError(f"rows have no {id_field} to continue from", method=method)
        last_id = int(last[id_field])
