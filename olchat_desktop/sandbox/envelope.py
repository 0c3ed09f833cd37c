"""Request parameters in and response envelopes out, the way Bitrix24 (PHP) does them.

Reference: ``shared/reference/bitrix24.md`` §2 (envelopes) and §6 (encoding).

* Parameters come from the query string and the body; the body wins on a clash. A body is
  JSON (``application/json``) or form-encoded with PHP-style nesting: ``FILTER[PHONE]=…``,
  ``select[]=ID``, ``a[b][0]=x``. As PHP does not tell lists from maps, a map whose keys are
  exactly ``0..n-1`` is handed to method bodies as a list (what ``json_encode`` would do).
* The success envelope is ``{"result", "total"?, "next"?, "time"}``; errors are
  ``{"error", "error_description"}`` with no ``time``, except ``OPERATION_TIME_LIMIT``,
  which carries ``time.operating_reset_at`` so a client knows when to come back.
* ``time.operating`` is the run time this call added to its method's window (clients sum
  it, as fast_bitrix24 and b24pysdk do).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl

_KEY_PART = re.compile(r"\[([^\]]*)\]")


def php_array(value: Any) -> Any:
    """PHP's view of a map: empty -> ``[]``, keys ``"0".."n-1"`` -> list, else dict."""
    if isinstance(value, dict):
        if not value:
            return []
        if list(value) == [str(i) for i in range(len(value))]:
            return list(value.values())
    return value


def _listify(value: Any) -> Any:
    if isinstance(value, dict):
        converted = {key: _listify(item) for key, item in value.items()}
        return php_array(converted) if converted else converted
    return value


def parse_php_query(query: str) -> dict[str, Any]:
    """Decode ``a[b][]=1&c=2`` into nested dicts and lists, as PHP's ``parse_str`` does."""
    root: dict[str, Any] = {}
    for raw_key, value in parse_qsl(query, keep_blank_values=True):
        bracket = raw_key.find("[")
        if bracket <= 0:
            root[raw_key] = value
            continue
        path = [raw_key[:bracket], *_KEY_PART.findall(raw_key[bracket:])]
        node = root
        for index, part in enumerate(path):
            last = index == len(path) - 1
            if part == "":
                part = str(sum(1 for key in node if key.isdigit()))  # "[]" appends
            if last:
                node[part] = value
            else:
                child = node.get(part)
                if not isinstance(child, dict):
                    child = node[part] = {}
                node = child
    return {key: _listify(item) for key, item in root.items()}


def parse_body(body: bytes, content_type: str) -> dict[str, Any]:
    """Parameters from a request body; raises ValueError on a body that is not a map."""
    if not body.strip():
        return {}
    if "json" in content_type.lower() or body.lstrip()[:1] in (b"{", b"["):
        decoded = json.loads(body.decode("utf-8"))
        if not isinstance(decoded, dict):
            raise ValueError("the JSON body must be an object")
        return decoded
    return parse_php_query(body.decode("utf-8"))


def _iso(moment: float) -> str:
    return datetime.fromtimestamp(moment, UTC).isoformat(timespec="seconds")


def time_block(
    start: float, finish: float, processing: float, operating: float, reset_at: float
) -> dict[str, Any]:
    return {
        "start": start,
        "finish": finish,
        "duration": finish - start,
        "processing": processing,
        "date_start": _iso(start),
        "date_finish": _iso(finish),
        "operating_reset_at": int(reset_at),
        "operating": operating,
    }


def success(
    result: Any, time: dict[str, Any], total: int | None = None, nxt: int | None = None
) -> dict[str, Any]:
    envelope: dict[str, Any] = {"result": result}
    if total is not None:
        envelope["total"] = total
    if nxt is not None:
        envelope["next"] = nxt
    envelope["time"] = time
    return envelope


def error(code: str, description: str) -> dict[str, Any]:
    return {"error": code, "error_description": description}


def encode(payload: Any) -> bytes:
    # Bitrix24 answers UTF-8 JSON; keep Cyrillic readable rather than \u-escaped.
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
