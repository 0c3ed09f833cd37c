"""The team library's state in the sidebar's own query (issue 19).

Which templates are shared, their sync state and who last changed them live in the sync
state file (``shared_sync.sqlite3``, written by ``sharing.state``), kept apart from the
library on purpose. The sidebar reads them in the same statement as the rows: the file
is ATTACHed to the listing connection as ``team`` and LEFT JOINed per profile, so a page
of 200 rows is still one SQL query, a paint asks nothing, and the All / Local / Shared
filter runs in SQL like search and tags. This module only reads that file; its tables
(``entries``, ``users``) are the contract with ``sharing.state``.

A shared template counts as ``pending`` when it was never uploaded or was saved in the
library after it last became ``synced`` (``updated_at > synced_at``, both ISO UTC).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Literal, NamedTuple

SharingFilter = Literal["all", "local", "shared"]
SHARING_FILTERS: tuple[SharingFilter, ...] = ("all", "local", "shared")
SCHEMA_NAME = "team"


class TeamScope(NamedTuple):
    """The sync state file and the profile whose team library the sidebar shows."""

    path: str
    profile: str


class SyncInfo(NamedTuple):
    """A shared template's row data: ``state`` is synced, pending or conflict."""

    state: str
    editor: str  # the last editor's name, "" when unknown
    editor_id: int | None
    changed_at: str  # Disk's UPDATE_TIME of the version last seen, "" before any upload


# The joined source and its columns (appended after the listing's own columns). The
# sync state's columns are renamed in subqueries: ``status`` and ``name`` would otherwise
# be ambiguous in the listing's own SQL. SQLite flattens both subqueries, so each row is
# one lookup in ``entries``' and ``users``' primary keys.
_JOIN = (
    " LEFT JOIN (SELECT profile AS team_profile, template_id AS team_id, status AS team_status,"
    " updated_by AS team_by, update_time AS team_time, synced_at AS team_synced"
    " FROM team.entries) AS shared ON shared.team_profile = ? AND shared.team_id = templates.id"
    " LEFT JOIN (SELECT profile AS editor_profile, user_id AS editor_id, name AS editor_name"
    " FROM team.users) AS editor ON editor.editor_profile = shared.team_profile"
    " AND editor.editor_id = shared.team_by"
)
COLUMNS = (
    ", CASE WHEN team_status = 'synced' AND team_synced IS NOT NULL"
    " AND templates.updated_at > team_synced THEN 'pending' ELSE team_status END,"
    " editor_name, team_by, team_time"
)
NO_COLUMNS = ", NULL, NULL, NULL, NULL"


def attach(conn: sqlite3.Connection, scope: TeamScope | None) -> bool:
    """ATTACH the scope's sync state file to ``conn`` (once); False when there is none.

    The file is never created here: no file means no template is shared yet. SQLite
    refuses ATTACH inside a transaction, so the library attaches before its BEGIN
    (``TemplateLibrary.list_page``); inside one this only tells whether it is attached."""
    if scope is None:
        return False
    attached = {row[1]: row[2] for row in conn.execute("PRAGMA database_list")}
    if attached.get(SCHEMA_NAME) == str(Path(scope.path).resolve()):
        return True
    if conn.in_transaction:
        return False
    if SCHEMA_NAME in attached:
        conn.execute(f"DETACH DATABASE {SCHEMA_NAME}")
    if not Path(scope.path).is_file():
        return False
    # Read-only (a URI with mode=ro): BEGIN IMMEDIATE starts a write transaction on every
    # attached database that is not read-only (sqlite3BeginTransaction), so a library save
    # could otherwise take the sync state's write lock and wait for, or hold up, a sync
    # writing it (seen with a plain two-file script; read-only gets a read transaction).
    path = str(Path(scope.path).resolve())
    conn.execute(f"ATTACH DATABASE ? AS {SCHEMA_NAME}", (f"{Path(path).as_uri()}?mode=ro",))
    if _attached_path(conn) != path:
        # An SQLite built without URI names for plain connections took the URI as a file
        # name: attach the file itself (reads stay correct; only the lock precaution goes).
        conn.execute(f"DETACH DATABASE {SCHEMA_NAME}")
        conn.execute(f"ATTACH DATABASE ? AS {SCHEMA_NAME}", (path,))
    return True


def _attached_path(conn: sqlite3.Connection) -> str | None:
    rows = {row[1]: row[2] for row in conn.execute("PRAGMA database_list")}
    return rows.get(SCHEMA_NAME)


def source(
    conn: sqlite3.Connection, scope: TeamScope | None, sharing: SharingFilter
) -> tuple[str, list[object], str, str | None]:
    """(FROM clause, its parameters, extra columns, extra WHERE term or None)."""
    joined = attach(conn, scope)
    if not joined or scope is None:
        # Nothing shared yet: every template is local.
        return "templates", [], NO_COLUMNS, "0" if sharing == "shared" else None
    term = {"all": None, "local": "team_id IS NULL"}.get(sharing, "team_id IS NOT NULL")
    return "templates" + _JOIN, [scope.profile], COLUMNS, term


def sync_info(values: tuple[object, ...]) -> SyncInfo | None:
    """The joined columns of one row (``COLUMNS``' order) as a SyncInfo, None if local."""
    state, editor, editor_id, changed_at = values
    if not isinstance(state, str):
        return None
    return SyncInfo(
        state,
        editor if isinstance(editor, str) else "",
        editor_id if isinstance(editor_id, int) and editor_id > 0 else None,
        changed_at if isinstance(changed_at, str) else "",
    )


def counts(conn: sqlite3.Connection, scope: TeamScope | None) -> tuple[int, int]:
    """(all templates outside the trash, shared ones) in one query, for the filter."""
    joined = attach(conn, scope)
    if not joined or scope is None:
        row = conn.execute("SELECT count(*) FROM templates WHERE deleted_at IS NULL").fetchone()
        return int(row[0]), 0
    row = conn.execute(
        f"SELECT count(*), count(team_id) FROM templates{_JOIN} WHERE deleted_at IS NULL",
        (scope.profile,),
    ).fetchone()
    return int(row[0]), int(row[1])


def infos(conn: sqlite3.Connection, scope: TeamScope | None) -> dict[str, SyncInfo]:
    """Every shared template's SyncInfo in one query (after a sync: the model compares
    them with its loaded rows and emits ``dataChanged`` for the ones that changed)."""
    if not attach(conn, scope) or scope is None:
        return {}
    rows = conn.execute(
        f"SELECT templates.id{COLUMNS} FROM templates{_JOIN}"
        " WHERE deleted_at IS NULL AND team_id IS NOT NULL",
        (scope.profile,),
    ).fetchall()
    found: dict[str, SyncInfo] = {}
    for row in rows:
        info = sync_info(tuple(row[1:]))
        if info is not None:
            found[str(row[0])] = info
    return found
