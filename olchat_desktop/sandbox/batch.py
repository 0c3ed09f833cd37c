"""The ``batch`` method: up to 50 commands in one request, each run through the dispatcher.

Reference: ``shared/reference/bitrix24.md`` §2-§3 (apidocs.bitrix24.ru/settings/
how-to-call-rest-api/batch.html).

* ``cmd`` maps a name to ``"method?urlencoded-params"`` (a list gives names ``0..n-1``);
  ``halt=1`` stops at the first failing command. More than 50 commands is
  ``400 ERROR_BATCH_LENGTH_EXCEEDED``; a nested ``batch`` fails that one command with
  ``ERROR_BATCH_METHOD_NOT_ALLOWED``.
* A parameter may reference an earlier command: ``$result[name][FIELD][0]``, and likewise
  ``$result_total``, ``$result_next``, ``$result_error``, ``$result_time``. A value that is
  exactly one reference takes the referenced value as is (lists and maps included);
  references inside longer text are replaced by their text. Chosen where the docs are
  silent: a reference that cannot be resolved becomes an empty string.
* The answer is HTTP 200 with ``result_error`` etc.; empty maps come back as ``[]``
  (PHP's empty-array quirk). The whole batch counts once toward the leaky bucket; each
  command counts toward its own method's operating time.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from olchat_desktop.sandbox.envelope import parse_php_query, php_array
from olchat_desktop.sandbox.registry import ApiError

MAX_COMMANDS = 50

_REFERENCE = re.compile(
    r"\$(result|result_total|result_next|result_error|result_time)\[([^\]]+)\]((?:\[[^\]]*\])*)"
)
_PATH_PART = re.compile(r"\[([^\]]*)\]")


@dataclass
class CallOutcome:
    """One method call's outcome, shared by plain requests and batch commands."""

    result: Any = None
    total: int | None = None
    next: int | None = None
    time: dict[str, Any] | None = None
    error: ApiError | None = None


Dispatch = Callable[[str, dict[str, Any]], CallOutcome]


def _flag(value: Any) -> bool:
    return str(value).strip().lower() in {"1", "true", "y", "yes"}


def _walk(value: Any, path: list[str]) -> Any:
    for part in path:
        if isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        elif isinstance(value, dict) and part in value:
            value = value[part]
        else:
            return None
    return value


def _substitute(value: Any, sections: dict[str, dict[str, Any]]) -> Any:
    if isinstance(value, dict):
        return {key: _substitute(item, sections) for key, item in value.items()}
    if isinstance(value, list):
        return [_substitute(item, sections) for item in value]
    if not isinstance(value, str) or "$result" not in value:
        return value

    def resolve(match: re.Match[str]) -> Any:
        section, name, rest = match.groups()
        return _walk(sections[section].get(name), _PATH_PART.findall(rest))

    whole = _REFERENCE.fullmatch(value)
    if whole:
        resolved = resolve(whole)
        return "" if resolved is None else resolved

    def as_text(match: re.Match[str]) -> str:
        resolved = resolve(match)
        return "" if resolved is None else str(resolved)

    return _REFERENCE.sub(as_text, value)


def _commands(raw: Any) -> dict[str, str]:
    if isinstance(raw, list):
        return {str(index): str(item) for index, item in enumerate(raw)}
    if isinstance(raw, dict):
        return {str(key): str(item) for key, item in raw.items()}
    return {}


def run_batch(params: dict[str, Any], dispatch: Dispatch) -> dict[str, Any]:
    """Run the commands in order; returns the batch's ``result`` value."""
    commands = _commands(params.get("cmd"))
    if len(commands) > MAX_COMMANDS:
        raise ApiError("ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded", 400)
    halt = _flag(params.get("halt", 0))
    sections: dict[str, dict[str, Any]] = {
        "result": {},
        "result_error": {},
        "result_total": {},
        "result_next": {},
        "result_time": {},
    }
    for name, command in commands.items():
        method, _, query = command.partition("?")
        method = method.strip().strip("/").lower().removesuffix(".json")
        if method == "batch":
            outcome = CallOutcome(
                error=ApiError(
                    "ERROR_BATCH_METHOD_NOT_ALLOWED", "Method is not allowed for batch usage", 405
                )
            )
        else:
            sub_params = _substitute(parse_php_query(query), sections)
            outcome = dispatch(method, sub_params)
        if outcome.error is not None:
            sections["result_error"][name] = {
                "error": outcome.error.code,
                "error_description": outcome.error.description,
            }
            if halt:
                break
            continue
        sections["result"][name] = outcome.result
        if outcome.total is not None:
            sections["result_total"][name] = outcome.total
        if outcome.next is not None:
            sections["result_next"][name] = outcome.next
        if outcome.time is not None:
            sections["result_time"][name] = outcome.time
    return {section: php_array(values) for section, values in sections.items()}
