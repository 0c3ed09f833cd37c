"""The sidebar's team library part (issue 19): which profile's shared templates it marks,
the All / Local / Shared filter's counts, and a sync's outcome applied row by row.

The sync state is joined into the sidebar's own page query (``storage.library_team``);
after a sync the rows it touched are re-read one by one (``upsert``: inserted, updated or
removed), and the states of all shared rows come in one more query and update only the
rows that changed (``dataChanged``), never a reset that would lose the scroll position.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, Protocol

from olchat_desktop.storage.library_errors import LibraryError
from olchat_desktop.storage.library_team import TeamScope


class LibraryController(Protocol):
    """What this needs of ``ui.controllers.library_controller.LibraryController`` (named
    structurally: ``ui.sharing`` must not import the controllers, which load it)."""

    team_scope: TeamScope | None
    library: Any
    model: Any
    view: Any
    error: Any

    def refresh(self, select_id: str | None = None) -> None: ...

    def language(self) -> Any: ...


def scope_for(profile: str, state_path: Path | None = None) -> TeamScope:
    """The scope of ``profile`` in the sync state file (the data home's by default)."""
    if state_path is None:
        from olchat_desktop.paths import data_home

        state_path = data_home() / "shared_sync.sqlite3"  # sharing.state.default_path()
    return TeamScope(str(state_path), profile)


def show_team(controller: LibraryController, scope: TeamScope | None) -> None:
    """Mark ``scope``'s shared templates in the list (one reset: a new profile)."""
    if scope == controller.team_scope:
        return
    controller.team_scope = scope
    update_counts(controller)
    controller.refresh()


def update_counts(controller: LibraryController) -> None:
    try:
        counts = controller.library.team_counts(controller.team_scope)
    except LibraryError:
        return  # the list itself reports a broken library
    controller.view.set_sharing_counts(counts)


def after_sync(
    controller: LibraryController, touched: Iterable[str], *, offline: bool = False
) -> None:
    """A sync ended (or could not reach the portal): re-read the touched templates'
    rows, then every shared row's state in one query."""
    model = controller.model
    try:
        for template_id in touched:
            model.upsert(template_id)
        model.set_offline(offline)
        model.refresh_sync(controller.library.team_infos(controller.team_scope))
    except LibraryError as failure:
        controller.error.emit(failure.message(controller.language()))
        return
    update_counts(controller)


def remembered_profile() -> str | None:
    """The profile chosen in the dialog earlier (None: not chosen, or no state file)."""
    from olchat_desktop.sharing.browse import PROFILE_CHOICE
    from olchat_desktop.sharing.state import SyncState, default_path

    if not default_path().is_file():
        return None
    state = SyncState()
    try:
        return state.choice(PROFILE_CHOICE)
    finally:
        state.close()


def restore_team(window: Any) -> None:
    """After the first paint: mark the remembered profile's shared templates (the one
    chosen in the folder dialog), so a restart shows them before any sync."""
    if getattr(window, "demo", False):
        return  # the demo sandbox and its sync state are new on every start
    profile = remembered_profile()
    if profile is not None:
        show_team(window.libraryController, scope_for(profile))
