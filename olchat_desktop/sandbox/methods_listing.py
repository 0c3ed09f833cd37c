"""Shared list-method mechanics: filter, order, select and 50-row pages (registers nothing).

Semantics (reference ``bitrix24.md`` §3 "Pagination", §4.2, §4.4):

* ``filter`` keys may carry an operator prefix: ``=`` (or none), ``!``/``!=``, ``<``,
  ``<=``, ``>``, ``>=``, ``%`` (substring) and ``@`` (in list). A list value means "any of".
  Strings compare case-insensitively (MySQL collation); numbers compare as numbers.
  Multi-fields (``PHONE``, ``EMAIL``: lists of ``{"VALUE": …}``) match **exactly** on a
  stored value, as the reference warns; a lookup by another spelling finds nothing.
* ``order`` is ``{field: "ASC"|"DESC"}``, applied as a stable multi-key sort.
* Pages hold 50 rows; ``start`` is the offset; ``next`` is given only when rows remain.
  ``start = -1`` skips counting: the first 50 rows, no ``total``, no ``next``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Mapping
from typing import Any

from olchat_desktop.sandbox.registry import ApiError, ListPage

PAGE_SIZE = 50
NO_COUNT = -1
_OPERATORS = ("!=", "<=", ">=", "=", "!", "<", ">", "%", "@")


def param(params: Mapping[str, Any], name: str, default: Any = None) -> Any:
    """A parameter by name in any letter case (clients send ``filter`` or ``FILTER``)."""
    if name in params:
        return params[name]
    lowered = name.lower()
    for key, value in params.items():
        if key.lower() == lowered:
            return value
    return default


def mapping_param(params: Mapping[str, Any], name: str) -> dict[str, Any]:
    """A map parameter; PHP sends an empty map as ``[]``, so an empty list is an empty map."""
    value = param(params, name)
    if value in (None, "", []):
        return {}
    if not isinstance(value, dict):
        raise ApiError("INVALID_ARG_VALUE", f"{name} must be an object", 400)
    return value


def start_param(params: Mapping[str, Any]) -> int:
    try:
        start = int(param(params, "start", 0) or 0)
    except (TypeError, ValueError):
        return 0
    return NO_COUNT if start < 0 else start


def _split_key(key: str) -> tuple[str, str]:
    for operator in _OPERATORS:
        if key.startswith(operator):
            return operator, key[len(operator) :]
    return "=", key


def _field(row: Mapping[str, Any], name: str) -> Any:
    if name in row:
        return row[name]
    lowered = name.lower()
    return next((value for key, value in row.items() if key.lower() == lowered), None)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _equal(actual: Any, expected: Any) -> bool:
    if isinstance(actual, list):  # multi-field or list field: any element matches exactly
        values = [item.get("VALUE") if isinstance(item, dict) else item for item in actual]
        return any(_equal(value, expected) for value in values)
    if actual in (None, "") or expected in (None, ""):
        return actual in (None, "") and expected in (None, "")
    left, right = _number(actual), _number(expected)
    if left is not None and right is not None:
        return left == right
    return str(actual).casefold() == str(expected).casefold()


def _compare(actual: Any, expected: Any) -> int | None:
    if actual in (None, ""):
        return None
    left, right = _number(actual), _number(expected)
    if left is not None and right is not None:
        return (left > right) - (left < right)
    a, b = str(actual).casefold(), str(expected).casefold()
    return (a > b) - (a < b)


def _matches_one(row: Mapping[str, Any], key: str, expected: Any) -> bool:
    operator, name = _split_key(key)
    actual = _field(row, name)
    options = expected if isinstance(expected, list) else [expected]
    if operator in ("=", "@"):
        return any(_equal(actual, option) for option in options)
    if operator in ("!", "!="):
        return not any(_equal(actual, option) for option in options)
    if operator == "%":
        return any(str(option).casefold() in str(actual or "").casefold() for option in options)
    result = _compare(actual, expected)
    if result is None:
        return False
    return {"<": result < 0, "<=": result <= 0, ">": result > 0, ">=": result >= 0}[operator]


def filter_rows(rows: Iterable[Mapping[str, Any]], filters: Mapping[str, Any]) -> list[Any]:
    return [row for row in rows if all(_matches_one(row, k, v) for k, v in filters.items())]


def _sort_key(value: Any) -> tuple[int, float, str]:
    number = _number(value)
    if value in (None, ""):
        return (0, 0.0, "")
    if number is not None:
        return (1, number, "")
    return (2, 0.0, str(value).casefold())


def order_rows(rows: list[Any], order: Mapping[str, Any]) -> list[Any]:
    ordered = list(rows)
    for name, direction in reversed(list(order.items())):
        descending = str(direction).upper() == "DESC"
        ordered.sort(key=lambda row: _sort_key(_field(row, name)), reverse=descending)
    return ordered


def select_fields(
    row: Mapping[str, Any], select: list[str] | None, default: Iterable[str]
) -> dict[str, Any]:
    """Project a row; ``*`` (or nothing) means ``default``; ``ID`` always comes back."""
    wanted: list[str] = []
    for name in select or ["*"]:
        wanted.extend(default if name == "*" else [name])
    id_key = "ID" if "ID" in row else "id"
    names = [id_key, *[name for name in wanted if name != id_key]]
    return {name: row[name] for name in names if name in row}


def page_of(rows: list[Any], start: int) -> ListPage:
    """One page; for ``start=-1`` ``total`` is None, which the server leaves out of the JSON."""
    if start == NO_COUNT:
        # ListPage.total is typed int, but the dispatcher omits a None total, which is
        # exactly Bitrix24's start=-1 answer.
        return ListPage(items=rows[:PAGE_SIZE], total=None, next=None)
    items = rows[start : start + PAGE_SIZE]
    remaining = start + PAGE_SIZE < len(rows)
    return ListPage(items=items, total=len(rows), next=start + PAGE_SIZE if remaining else None)


def _id_bound(value: Any) -> int | None:
    number = _number(value)
    return int(number) if number is not None and number == int(number) else None


def indexed_page(
    table: Mapping[int, Mapping[str, Any]], filters: Mapping[str, Any], order: Mapping[str, Any]
) -> list[Any] | None:
    """The first ``start=-1`` page of ``table`` (rows keyed by their integer ``ID``) without
    scanning it, or None when the fast path does not apply.

    A real portal answers the ``>ID`` cursor and ``@ID`` lookups from the primary key
    (reference ``bitrix24.md`` §7, "Reading many items fast"); filtering every row per page
    would make a 20,000-item sandbox scan quadratic. Applies to ``order`` ``{ID: ASC}`` (or
    none) with a numeric ``>ID``/``>=ID`` bound and/or an ``@ID``/``ID`` list; every other
    filter key is checked row by row exactly as :func:`filter_rows` does, so the answer is
    the same as the generic path's.
    """
    if order and [(str(k).upper(), str(v).upper()) for k, v in order.items()] != [("ID", "ASC")]:
        return None
    lower: int | None = None
    wanted: set[int] | None = None
    rest: dict[str, Any] = {}
    for key, value in filters.items():
        operator, name = _split_key(key)
        bound = _id_bound(value) if not isinstance(value, list) else None
        if name.upper() != "ID":
            rest[key] = value
        elif operator in (">", ">=") and bound is not None and lower is None:
            lower = bound + 1 if operator == ">" else bound
        elif operator in ("@", "=") and isinstance(value, list | str | int):
            options = value if isinstance(value, list) else [value]
            ids = {_id_bound(option) for option in options}
            if None in ids:
                return None  # a non-numeric option: leave it to the generic comparison
            found = {i for i in ids if i is not None}
            wanted = found if wanted is None else wanted & found
        else:
            rest[key] = value
    if lower is None and wanted is None:
        return None
    keys = sorted(wanted & table.keys()) if wanted is not None else sorted(table)
    if lower is not None:
        keys = keys[bisect_left(keys, lower) :]
    page: list[Any] = []
    for row_id in keys:
        row = table[row_id]
        if all(_matches_one(row, k, v) for k, v in rest.items()):
            page.append(row)
            if len(page) == PAGE_SIZE:
                break
    return page


def list_table(
    table: Mapping[int, Mapping[str, Any]],
    filters: Mapping[str, Any],
    order: Mapping[str, Any],
    start: int,
) -> ListPage:
    """Filter, order and page a table keyed by integer ID (fast for ID-cursor scans)."""
    if start == NO_COUNT:
        fast = indexed_page(table, filters, order)
        if fast is not None:
            return ListPage(items=fast, total=None, next=None)
    return page_of(order_rows(filter_rows(table.values(), filters), order), start)
