"""The sidebar's queries (issue 15): one page of rows at a time, filtered and ordered in
SQL, so the list costs the same at 20 and at 20,000 templates.

Pages are keyset pages ("the rows after this one in this order", LIMIT n): unlike OFFSET,
a page far down costs what the first one costs, and reads the order's index
(``library_schema`` creates one per order). Search keeps its meaning (every folded word
anywhere in the folded text, ``instr``); words of three characters or more first narrow
the rows through the FTS5 trigram index, when this SQLite has it.

Functions take a connection, so the GUI's library and the search worker's own reader
connection (``LibraryReader``) run the same SQL.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Literal, NamedTuple

from olchat_desktop.storage import library_team as team
from olchat_desktop.storage.library_records import HINT_LENGTH
from olchat_desktop.storage.library_schema import (
    BUSY_TIMEOUT_SECONDS,
    SEARCHED_TEXT,
    fold,
    register_functions,
)
from olchat_desktop.storage.library_team import SharingFilter, SyncInfo, TeamScope

Sort = Literal["name", "updated", "status"]
SORTS: tuple[Sort, ...] = ("name", "updated", "status")
PAGE_SIZE = 200
FTS_MIN_WORD = 3  # the trigram index cannot match shorter words
SCAN_WINDOW = 4000  # rows a search tests in order before it asks the FTS5 index

# (SQL expression, descending) per order; the id always last, so the order is total.
_ORDER: dict[str, tuple[tuple[str, bool], ...]] = {
    "name": (("name_key", False), ("id", False)),
    "updated": (("updated_at", True), ("id", False)),
    "status": (("coalesce(status, -1)", True), ("name_key", False), ("id", False)),
}
# SQLite's "->" (3.38+) gives a field as JSON text and keeps a NUL character, where
# json_extract() would cut the text there; older SQLite hands over the whole body.
_JSON_ARROW = sqlite3.sqlite_version_info >= (3, 38, 0)
_HINT_SQL = "body -> '$.header', body -> '$.message'" if _JSON_ARROW else "body, NULL"
_COLUMNS = (
    "id, name, name_key, updated_at, status,"
    " (SELECT group_concat(tag, ', ') FROM template_tags WHERE template_id = templates.id),"
    f" {_HINT_SQL}"
)


class ListQuery(NamedTuple):
    """What the sidebar shows: a search text, a tag (None: all) and an order; the team
    library's filter and the sync state to join (``library_team``, issue 19)."""

    text: str = ""
    tag: str | None = None
    sort: Sort = "name"
    sharing: SharingFilter = "all"
    team: TeamScope | None = None


class ListRow(NamedTuple):
    """One sidebar row. ``status``: ``library_status`` value, None when unknown."""

    id: str
    name: str
    name_key: str
    updated_at: str
    status: int | None
    tags: str
    hint: str
    sync: SyncInfo | None = None  # shared templates only (issue 19)

    def sort_key(self, sort: Sort) -> tuple[object, ...]:
        """This row's values of the order's columns, in ``_ORDER``'s order."""
        if sort == "updated":
            return (self.updated_at, self.id)
        if sort == "status":
            return (-1 if self.status is None else self.status, self.name_key, self.id)
        return (self.name_key, self.id)


def has_search_index(conn: sqlite3.Connection) -> bool:
    found = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'template_search'"
    ).fetchone()
    return found is not None


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def filter_sql(query: ListQuery, fts: bool) -> tuple[str, list[object]]:
    """The WHERE clause (templates outside the trash matching the text and tag)."""
    where = ["deleted_at IS NULL"]
    params: list[object] = []
    words = fold(query.text).split()
    indexed = [word for word in words if len(word) >= FTS_MIN_WORD]
    if fts and indexed:
        # Rows not yet checked are not in the index: they go to the instr test below,
        # which folds their text on the fly (``SEARCHED_TEXT``).
        where.append(
            "(templates.rowid IN (SELECT rowid FROM template_search WHERE template_search"
            " MATCH ?) OR templates.status = -1)"
        )
        params.append(" AND ".join(_quoted(word) for word in indexed))
    for word in words:
        where.append(f"instr({SEARCHED_TEXT}, ?) > 0")
        params.append(word)
    if query.tag is not None and query.tag.strip():
        where.append("id IN (SELECT template_id FROM template_tags WHERE tag_key = ?)")
        params.append(fold(query.tag.strip()))
    return " AND ".join(where), params


def _beyond(sort: Sort, key: tuple[object, ...]) -> tuple[str, list[object]]:
    """Rows strictly after ``key`` in the order: (a > x) OR (a = x AND b > y) OR ..."""
    order = _ORDER[sort]
    alternatives: list[str] = []
    params: list[object] = []
    for position, (expression, descending) in enumerate(order):
        terms = [f"{expr} = ?" for expr, _desc in order[:position]]
        terms.append(f"{expression} {'<' if descending else '>'} ?")
        alternatives.append("(" + " AND ".join(terms) + ")")
        params.extend(key[: position + 1])
    return "(" + " OR ".join(alternatives) + ")", params


def _order_sql(sort: Sort) -> str:
    return ", ".join(f"{expr} {'DESC' if desc else 'ASC'}" for expr, desc in _ORDER[sort])


def page(
    conn: sqlite3.Connection,
    query: ListQuery,
    after: ListRow | None = None,
    limit: int | None = PAGE_SIZE,
    until: ListRow | None = None,
) -> list[ListRow]:
    """Up to ``limit`` rows after ``after`` (from the start when None); with ``until``,
    only rows up to and including it (to bring a chosen row into the list)."""
    after_key = None if after is None else after.sort_key(query.sort)
    fts = has_search_index(conn)
    if limit is not None and until is None and fold(query.text).split():
        return _searched_page(conn, query, after_key, limit, fts)
    until_key = None if until is None else until.sort_key(query.sort)
    return _page(conn, query, after_key, limit, until_key, fts)


def _page(
    conn: sqlite3.Connection,
    query: ListQuery,
    after_key: tuple[object, ...] | None,
    limit: int | None,
    until_key: tuple[object, ...] | None,
    fts: bool,
) -> list[ListRow]:
    where, params = filter_sql(query, fts)
    source, source_params, columns, term = team.source(conn, query.team, query.sharing)
    where += f" AND {term}" if term else ""
    params = source_params + params
    if after_key is not None:
        condition, values = _beyond(query.sort, after_key)
        where += " AND " + condition
        params += values
    if until_key is not None:
        condition, values = _beyond(query.sort, until_key)
        where += " AND NOT " + condition
        params += values
    sql = (
        f"SELECT {_COLUMNS}{columns} FROM {source} WHERE {where} ORDER BY {_order_sql(query.sort)}"
    )
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [_row(values) for values in conn.execute(sql, params)]


def _searched_page(
    conn: sqlite3.Connection,
    query: ListQuery,
    after_key: tuple[object, ...] | None,
    limit: int,
    fts: bool,
) -> list[ListRow]:
    """A page of a text search in two steps (issue 15: search as you type at 20,000).

    1. The next ``SCAN_WINDOW`` rows in the list's order are tested with ``instr``. While
       a word is being typed most rows still match, and the page is found there: a
       bounded walk along the order's index (a co-routine that stops at ``limit``
       matches; 0.4-14 ms for 4,000 rows), where the FTS5 pre-filter would first read
       the whole posting lists of common trigrams ("шаблон" in every name: 15-40 ms,
       up to 180 ms under load) and gain nothing. Only the rowids are read here; the
       page's columns (tags, hint, sync state) are read for the matches alone.
    2. Only when the window held fewer than ``limit`` matches (a rare word), the rows
       beyond it are searched with the FTS5 pre-filter, which is cheap exactly then.

    The rows and their order are those of the one-query plan (``_page``; a test
    compares them): step 1 gives the first matches of the window, step 2 the
    following ones after its last row."""
    base, params = filter_sql(query._replace(text=""), False)  # the trash and the tag
    source, source_params, columns, term = team.source(conn, query.team, query.sharing)
    base += f" AND {term}" if term else ""
    params = source_params + params
    if after_key is not None:
        condition, values = _beyond(query.sort, after_key)
        base += " AND " + condition
        params += values
    order = _order_sql(query.sort)
    words = fold(query.text).split()
    tests = " AND ".join("instr(searched, ?) > 0" for _word in words)
    # No ORDER BY outside: SQLite runs the ordered, limited subquery as a co-routine and
    # the outer LIMIT stops it at the last match needed (an outer ORDER BY would test
    # every row of the window first). The rows are put in order again below.
    rowids = [
        rowid
        for (rowid,) in conn.execute(
            f"SELECT rid FROM (SELECT templates.rowid AS rid, {SEARCHED_TEXT} AS searched"
            f" FROM {source} WHERE {base} ORDER BY {order} LIMIT ?) WHERE {tests} LIMIT ?",
            [*params, SCAN_WINDOW, *words, limit],
        )
    ]
    rows = _rows_by_rowid(conn, (source, source_params, columns), rowids)
    rows.sort(key=lambda found: _sort_order(found, query.sort))
    if len(rows) >= limit:
        return rows
    keys = ", ".join(expression for expression, _descending in _ORDER[query.sort])
    last = conn.execute(
        f"SELECT {keys} FROM {source} WHERE {base} ORDER BY {order} LIMIT 1 OFFSET ?",
        [*params, SCAN_WINDOW - 1],
    ).fetchone()
    if last is None:  # the window reached the end of the list
        return rows
    return rows + _page(conn, query, tuple(last), limit - len(rows), None, fts)


def _rows_by_rowid(
    conn: sqlite3.Connection, joined: tuple[str, list[object], str], rowids: list[int]
) -> list[ListRow]:
    if not rowids:
        return []
    source, source_params, columns = joined
    marks = ",".join("?" * len(rowids))
    found = conn.execute(
        f"SELECT {_COLUMNS}{columns} FROM {source} WHERE templates.rowid IN ({marks})",
        [*source_params, *rowids],
    )
    return [_row(values) for values in found]


def _sort_order(row: ListRow, sort: Sort) -> tuple[object, ...]:
    """A key that sorts rows as ``_ORDER`` does (a descending first key negated)."""
    key = row.sort_key(sort)
    if sort == "updated":
        return (_Descending(str(key[0])), *key[1:])
    if sort == "status":
        status = key[0]
        return (-status if isinstance(status, int) else 0, *key[1:])
    return key


class _Descending(str):
    """A text that sorts in reverse (the "updated" order's first key)."""

    __slots__ = ()

    def __lt__(self, other: str) -> bool:
        return str.__gt__(self, other)

    def __gt__(self, other: str) -> bool:
        return str.__lt__(self, other)


def row(conn: sqlite3.Connection, query: ListQuery, template_id: str) -> ListRow | None:
    """The row of one template when the query shows it (outside the trash, matching)."""
    where, params = filter_sql(query, has_search_index(conn))
    source, source_params, columns, term = team.source(conn, query.team, query.sharing)
    where += f" AND {term}" if term else ""
    found = conn.execute(
        f"SELECT {_COLUMNS}{columns} FROM {source} WHERE id = ? AND {where}",
        [*source_params, template_id, *params],
    ).fetchone()
    return None if found is None else _row(found)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def _hint(first: object, second: object) -> str:
    """The header, else the message's start (the sidebar's tooltip), from the JSON texts
    of both fields, or from the whole body on an older SQLite."""
    try:
        if _JSON_ARROW:
            header = _text(json.loads(first)) if isinstance(first, str) else ""
            message = _text(json.loads(second)) if isinstance(second, str) else ""
        else:
            body = json.loads(first) if isinstance(first, str) else {}
            header, message = _text(body.get("header")), _text(body.get("message"))
    except (ValueError, AttributeError):  # a damaged row still lists, without a hint
        return ""
    return header or message[:HINT_LENGTH]


def _row(values: tuple[object, ...]) -> ListRow:
    template_id, name, name_key, updated_at, status, tags, first, second = values[:8]
    return ListRow(
        str(template_id),
        str(name),
        str(name_key),
        str(updated_at),
        status if isinstance(status, int) else None,
        str(tags or ""),
        _hint(first, second),
        team.sync_info(values[8:]),
    )


class LibraryReader:
    """A read-only connection of its own for one worker thread (the sidebar's search):
    WAL lets it read while the GUI's connection writes, and ``interrupt`` stops the
    running query when the user has typed on (https://sqlite.org/c3ref/interrupt.html)."""

    def __init__(self, path: Path, immutable: bool = False) -> None:
        """``immutable``: the window reads past another program's lock (read-only mode,
        ``library_schema.open_read_only``), and so must this reader."""
        flags = "?mode=ro&immutable=1" if immutable else "?mode=ro"
        self._conn = sqlite3.connect(
            f"{Path(path).resolve().as_uri()}{flags}",
            uri=True,
            timeout=BUSY_TIMEOUT_SECONDS,
            isolation_level=None,
            check_same_thread=False,
        )
        register_functions(self._conn)

    def page(self, query: ListQuery, limit: int = PAGE_SIZE) -> list[ListRow]:
        return page(self._conn, query, None, limit)

    def interrupt(self) -> None:
        self._conn.interrupt()

    def close(self) -> None:
        self._conn.close()
