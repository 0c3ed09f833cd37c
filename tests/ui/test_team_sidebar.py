"""The sidebar's team library part (issue 19): the All / Local / Shared filter with its
counts, the shared rows' roles (icon, sync state, last editor), one SQL query per page,
and a row turning "conflict" in place after a conflicting sync against the sandbox."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex
from pytestqt.qtbot import QtBot

from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.sharing.demo import COLLEAGUE_TEMPLATE
from olchat_desktop.sharing.state import Entry, SyncState, default_path
from olchat_desktop.storage.library_listing import PAGE_SIZE
from olchat_desktop.ui.controllers.library_model import (
    ID_ROLE,
    SHARED_ROLE,
    SYNC_INFO_ROLE,
    SYNC_STATE_ROLE,
)
from olchat_desktop.ui.demo_sandbox import running_sandbox
from olchat_desktop.ui.main_window import MainWindow
from olchat_desktop.ui.sharing import sidebar as library_team

PROFILE = "team"


def _share(ids: list[str], status: str = "synced", editor: int | None = None) -> None:
    state = SyncState()
    try:
        for template_id in ids:
            entry = Entry.new(template_id, status)
            entry.updated_by = editor
            entry.update_time = "2026-12-01T10:00:00+03:00"
            state.put(PROFILE, entry)
        if editor is not None:
            state.set_user_names(PROFILE, {editor: "Мария Менеджерова"})
    finally:
        state.close()


def _ids(window: MainWindow) -> list[str]:
    return window.libraryController.model.ids()


def _filter(qtbot: QtBot, window: MainWindow, key: str) -> None:
    combo = window.libraryView.sharingFilter
    controller = window.libraryController
    with qtbot.waitSignal(controller.search_finished, timeout=10_000):
        combo.setCurrentIndex(combo.findData(key))


def test_filter_counts_and_rows(qtbot: QtBot, window: MainWindow) -> None:
    library = window.library
    added = library.add_many_drafts([TemplateDraft(name=f"Шаблон {n:02d}") for n in range(30)])
    shared = [draft.id for draft in added[:12]]
    _share(shared)
    controller = window.libraryController
    total = len(library.list_page(controller.query(), None, None))
    combo = window.libraryView.sharingFilter
    assert combo.itemText(0) == "All templates"  # no counts before the team is known

    library_team.show_team(controller, library_team.scope_for(PROFILE))
    texts = [combo.itemText(i) for i in range(3)]
    assert texts == [
        f"All templates ({total})",
        f"Local only ({total - 12})",
        "Shared with the team (12)",
    ]
    _filter(qtbot, window, "shared")
    assert sorted(_ids(window)) == sorted(shared)
    _filter(qtbot, window, "local")
    assert len(_ids(window)) == total - 12 and not set(shared) & set(_ids(window))
    _filter(qtbot, window, "all")
    assert len(_ids(window)) == total


def test_shared_rows_roles_icon_and_offline(qtbot: QtBot, window: MainWindow) -> None:
    library = window.library
    a, b, c = library.add_many_drafts([TemplateDraft(name=n) for n in ("Аа", "Бб", "Вв")])
    _share([a.id], editor=2)
    _share([b.id], status="pending")
    controller = window.libraryController
    library_team.show_team(controller, library_team.scope_for(PROFILE))
    model = controller.model

    def index(template_id: str) -> QModelIndex:
        row = model.ensure_row(template_id)
        assert row is not None
        return model.index(row, 0)

    assert index(a.id).data(SHARED_ROLE) and index(a.id).data(SYNC_STATE_ROLE) == "synced"
    info = index(a.id).data(SYNC_INFO_ROLE)
    assert info.editor == "Мария Менеджерова" and info.changed_at.startswith("2026-12-01")
    assert "Last changed by Мария Менеджерова" in index(a.id).data(3)  # the tooltip
    assert index(b.id).data(SYNC_STATE_ROLE) == "pending"
    assert not index(c.id).data(SHARED_ROLE) and index(c.id).data(SYNC_STATE_ROLE) is None

    # A local edit after the last sync makes a synced template "pending" (in SQL).
    library.save_draft(library.get_draft(a.id).replace(message="правка"))
    controller.model.upsert(a.id)
    assert index(a.id).data(SYNC_STATE_ROLE) == "pending"

    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_offline(True)
    assert changed.args is not None
    assert index(a.id).data(SYNC_STATE_ROLE) == "offline"
    assert index(c.id).data(SYNC_STATE_ROLE) is None


def test_one_query_per_page_and_none_on_paint(qtbot: QtBot, window: MainWindow) -> None:
    library = window.library
    drafts = library.add_many_drafts(
        [TemplateDraft(name=f"t{n:04d}") for n in range(PAGE_SIZE * 2)]
    )
    _share([draft.id for draft in drafts[::3]], editor=2)
    controller = window.libraryController
    library_team.show_team(controller, library_team.scope_for(PROFILE))
    statements: list[str] = []
    library._conn.set_trace_callback(statements.append)
    try:
        model = controller.model
        assert model.canFetchMore()
        model.fetchMore()
        # (lib15's catalogue check of the search index aside) one query reads the page,
        # with the sync state joined into it.
        selects = [s for s in statements if "FROM templates" in s]
        assert len(selects) == 1 and "team.entries" in selects[0]
        statements.clear()
        window.libraryView.templateList.viewport().grab()  # paints every visible row
        assert [s for s in statements if "SELECT" in s.upper()] == []
    finally:
        library._conn.set_trace_callback(None)


def _sync(qtbot: QtBot, window: MainWindow) -> None:
    team = window.windowActions.teamLibrary
    team.syncAction.trigger()
    qtbot.waitUntil(lambda: not team.handle.running, timeout=20_000)


def test_row_turns_conflict_after_a_conflicting_sync(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    from tests.sharing.conftest import App

    qtbot.waitUntil(lambda: running_sandbox(window) is not None, timeout=20_000)
    _sync(qtbot, window)
    controller = window.libraryController
    model = controller.model
    tid = COLLEAGUE_TEMPLATE.id
    row = model.ensure_row(tid)
    assert row is not None and model.index(row, 0).data(SYNC_STATE_ROLE) == "synced"
    assert default_path().is_file()

    colleague = App(tmp_path / "colleague", running_sandbox(window).webhook_url("manager"))
    try:
        colleague.sync()
        colleague.edit(tid, "Colleague's wording")
        colleague.sync()
    finally:
        colleague.close()
    mine = window.library.get(tid)
    window.library.save(mine.model_copy(update={"message": "My wording"}))
    model.upsert(tid)
    assert model.index(model.row_of(tid) or 0, 0).data(SYNC_STATE_ROLE) == "pending"

    changed_rows: list[int] = []
    resets: list[bool] = []
    model.dataChanged.connect(
        lambda top, bottom: changed_rows.extend(range(top.row(), bottom.row() + 1))
    )
    model.modelReset.connect(lambda: resets.append(True))
    _sync(qtbot, window)
    row = model.row_of(tid)
    assert row is not None and row in changed_rows and not resets
    index = model.index(row, 0)
    assert index.data(ID_ROLE) == tid and index.data(SYNC_STATE_ROLE) == "conflict"
    info = index.data(SYNC_INFO_ROLE)
    assert info.editor == "Иван Менеджеров"  # the sandbox's manager, named by user.get
    combo = window.libraryView.sharingFilter
    assert combo.itemText(2).endswith("(1)")
