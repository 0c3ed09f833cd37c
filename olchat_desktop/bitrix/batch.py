"""``batch``: up to 50 calls in one request, with chunking and per-command errors.

Reference ``bitrix24.md`` §3 and apidocs ``settings/how-to-call-rest-api/batch``: ``cmd``
maps an id to ``"method?urlencoded-params"`` (PHP-style nesting, ``filter[>ID]=5``), later
commands may use ``$result[id][FIELD]``, ``halt`` stops at the first failure, the request
is HTTP 200 even when commands fail, and empty sub-maps come back as ``[]`` (PHP's
empty-array quirk). The batch counts once toward the leaky bucket; each command's
``operating`` time counts toward its own method, as fast_bitrix24 records it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

from olchat_desktop.bitrix.client import BitrixClient, is_read_method
from olchat_desktop.bitrix.envelope import TimeInfo
from olchat_desktop.bitrix.error_catalog import error_for
from olchat_desktop.bitrix.errors import BitrixError, ProtocolError

MAX_BATCH = 50
_REFERENCE = re.compile(r"\$result(?:_total|_next|_error|_time)?\[([^\]]+)\]")

Command = tuple[str, Mapping[str, Any]]


def php_query(params: Mapping[str, Any], prefix: str = "") -> str:
    """Encode nested params the way PHP's ``http_build_query`` does."""
    pairs: list[str] = []
    for key, value in params.items():
        name = f"{prefix}[{key}]" if prefix else str(key)
        if isinstance(value, Mapping):
            pairs.append(php_query(value, name))
        elif isinstance(value, list | tuple):
            pairs.append(php_query({str(i): item for i, item in enumerate(value)}, name))
        else:
            if isinstance(value, bool):
                text = "Y" if value else "N"  # legacy fields take Y/N (reference §6)
            else:
                text = "" if value is None else str(value)
            # Brackets stay readable in keys and in $result[...] references.
            pairs.append(f"{quote(name, safe='[]')}={quote(text, safe='[]$')}")
    return "&".join(p for p in pairs if p)


def _as_map(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if isinstance(value, list):  # [] for an empty map, or a list for keys 0..n-1
        return {str(index): item for index, item in enumerate(value)}
    return {}


@dataclass
class BatchResult:
    results: dict[str, Any] = field(default_factory=dict)
    errors: dict[str, BitrixError] = field(default_factory=dict)
    totals: dict[str, int] = field(default_factory=dict)
    nexts: dict[str, int] = field(default_factory=dict)
    times: dict[str, TimeInfo] = field(default_factory=dict)

    def get(self, key: str) -> Any:
        """The result of one command, or raise its error."""
        if key in self.errors:
            raise self.errors[key]
        if key not in self.results:
            raise KeyError(key)
        return self.results[key]


def _chunks(commands: Mapping[str, Command]) -> Iterator[dict[str, Command]]:
    chunk: dict[str, Command] = {}
    for key, command in commands.items():
        if len(chunk) == MAX_BATCH:
            yield chunk
            chunk = {}
        chunk[key] = command
    if chunk:
        yield chunk


def _check_references(chunk: Mapping[str, Command], done: set[str]) -> None:
    for key, (_method, params) in chunk.items():
        for ref in _REFERENCE.findall(php_query(params)):
            if ref in done:
                raise ValueError(
                    f"command {key!r} references {ref!r} from an earlier batch of 50; "
                    "keep referencing commands within 50 of each other"
                )


def call_batch(
    client: BitrixClient, commands: Mapping[str, Command] | Sequence[Command], *, halt: bool = False
) -> BatchResult:
    """Run any number of commands, 50 per request, in order; merge their outcomes."""
    named: Mapping[str, Command] = (
        commands if isinstance(commands, Mapping) else {f"c{i}": c for i, c in enumerate(commands)}
    )
    merged = BatchResult()
    done: set[str] = set()
    for chunk in _chunks(named):
        _check_references(chunk, done)
        cmd = {key: f"{method}?{php_query(params)}" for key, (method, params) in chunk.items()}
        read = all(is_read_method(method) for method, _ in chunk.values())
        envelope = client.call("batch", {"halt": int(halt), "cmd": cmd}, idempotent=read)
        body = envelope.result
        if not isinstance(body, dict):
            raise ProtocolError("batch answer without result maps", method="batch")
        results = _as_map(body.get("result"))
        for key, value in results.items():
            merged.results[key] = value
        for key, raw in _as_map(body.get("result_error")).items():
            code = str(raw.get("error", "ERROR")) if isinstance(raw, dict) else "ERROR"
            text = str(raw.get("error_description", "")) if isinstance(raw, dict) else str(raw)
            method = chunk[key][0] if key in chunk else None
            merged.errors[key] = error_for(code, text, status=None, method=method)
        merged.totals.update({k: int(v) for k, v in _as_map(body.get("result_total")).items()})
        merged.nexts.update({k: int(v) for k, v in _as_map(body.get("result_next")).items()})
        for key, raw in _as_map(body.get("result_time")).items():
            info = TimeInfo.model_validate(raw)
            merged.times[key] = info
            if key in chunk:
                client.operating.record(chunk[key][0], info.operating)
        done.update(chunk)
        if halt and merged.errors:
            break
    return merged
