"""The sidebar's model (issue 15): pages, single-row signals, SQL filtering and sorting,
and the selection never rebuilding the list."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.library_listing import PAGE_SIZE, ListQuery
from olchat_desktop.storage.library_status import STATUS_ERROR, STATUS_OK, STATUS_WARNING
from olchat_desktop.ui.controllers.library_model import ID_ROLE, TemplateListModel
from olchat_desktop.ui.main_window import MainWindow


def good(name: str, **fields: object) -> TemplateDraft:
    values: dict[str, object] = {
        "name": name,
        "line": "Линия",
        "phone": "79991234567",
        "message": "Текст",
        "buttons": ("Да",),
    }
    values.update(fields)
    return TemplateDraft(**values)  # type: ignore[arg-type]


@pytest.fixture
def library(tmp_path: Path) -> Iterator[TemplateLibrary]:
    lib = TemplateLibrary(tmp_path / "library.sqlite3")
    yield lib
    lib.close()


def names(model: TemplateListModel) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_pages_are_fetched_as_the_view_asks(library: TemplateLibrary) -> None:
    library.add_many_drafts([good(f"Шаблон {n:04d}") for n in range(PAGE_SIZE * 2 + 5)])
    model = TemplateListModel(library)
    model.reload(ListQuery())
    assert model.rowCount() == PAGE_SIZE and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE * 2 + 5 and not model.canFetchMore()
    assert names(model) == [f"Шаблон {n:04d}" for n in range(PAGE_SIZE * 2 + 5)]


def test_ensure_row_loads_up_to_a_far_template(library: TemplateLibrary) -> None:
    added = library.add_many_drafts([good(f"t{n:04d}") for n in range(PAGE_SIZE * 3)])
    model = TemplateListModel(library)
    model.reload(ListQuery())
    far = added[PAGE_SIZE * 2 + 10]
    assert model.row_of(far.id) is None
    assert model.ensure_row(far.id) == PAGE_SIZE * 2 + 10
    assert model.canFetchMore()  # the rows after it still come page by page
    model.fetchMore()
    assert model.rowCount() == PAGE_SIZE * 3
    assert len(set(model.ids())) == PAGE_SIZE * 3


def test_save_updates_one_row_insert_and_delete_one_row(
    library: TemplateLibrary, qtbot: QtBot
) -> None:
    a, b, _c = library.add_many_drafts([good("a"), good("b"), good("c")])
    model = TemplateListModel(library)
    model.reload(ListQuery())
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    library.save_draft(b.replace(message="", name="b2"))  # an error now
    with qtbot.waitSignal(model.dataChanged) as changed:
        assert model.upsert(b.id) == 1
    assert changed.args[0].row() == changed.args[1].row() == 1
    assert model.row_at(1).status == STATUS_ERROR and names(model)[1] == "b2"
    new = library.create_draft(good("bb"))
    with qtbot.waitSignal(model.rowsInserted) as inserted:
        assert model.upsert(new.id) == 2  # the name order puts "bb" after "b2"
    assert inserted.args[1] == inserted.args[2] == 2
    with qtbot.waitSignal(model.rowsRemoved) as removed:
        model.remove(a.id)
    assert removed.args[1] == 0
    assert names(model) == ["b2", "bb", "c"]
    assert resets == []  # none of it rebuilt the list
    assert model.index(0, 0).data(ID_ROLE) == b.id


def test_a_row_the_query_no_longer_shows_leaves(library: TemplateLibrary) -> None:
    kept, other = library.add_many_drafts([good("доставка"), good("отзыв")])
    model = TemplateListModel(library)
    model.reload(ListQuery("ДОСТАВ"))
    assert names(model) == ["доставка"]
    library.save_draft(kept.replace(name="самовывоз"))
    assert model.upsert(kept.id) is None
    assert names(model) == []
    assert model.upsert(other.id) is None  # does not match: not inserted


def test_filtering_in_sql_keeps_substring_and_case_folding(library: TemplateLibrary) -> None:
    library.add_many_drafts(
        [
            good("Выбор ДОСТАВКИ", tags=("Продажи",)),
            good("Ёлка", message="Зимняя скидка 100%", tags=("акции",)),
            good("Отзыв", footer="ставка"),
        ]
    )
    model = TemplateListModel(library)

    def found(text: str = "", tag: str | None = None) -> list[str]:
        model.reload(ListQuery(text, tag))
        return names(model)

    assert found("доставки") == ["Выбор ДОСТАВКИ"]
    assert found("СТАВК") == ["Выбор ДОСТАВКИ", "Отзыв"]  # inside words, as before
    assert found("ёлка 100%") == ["Ёлка"]
    assert found("%") == ["Ёлка"]  # wildcards are literal
    assert found("з") == ["Отзыв", "Ёлка"]  # one letter: no index, still found
    assert found(tag="ПРОДАЖИ") == ["Выбор ДОСТАВКИ"]
    assert found("скидка", tag="продажи") == []


def test_sorting_by_name_updated_and_status(library: TemplateLibrary) -> None:
    ok, warning, _error = library.add_many_drafts(
        [good("b ok"), good("c warning", line=""), good("a error", message="")]
    )
    library.save_draft(warning.replace(footer="changed later"))
    model = TemplateListModel(library)
    model.reload(ListQuery(sort="name"))
    assert names(model) == ["a error", "b ok", "c warning"]
    model.reload(ListQuery(sort="updated"))
    assert names(model)[0] == "c warning"
    model.reload(ListQuery(sort="status"))
    assert [model.row_at(n).status for n in range(3)] == [
        STATUS_ERROR,
        STATUS_WARNING,
        STATUS_OK,
    ]
    # A new template goes where the order puts it, also in a descending order.
    another = library.create_draft(good("d warning", line=""))
    assert model.upsert(another.id) == 2
    assert names(model) == ["a error", "c warning", "d warning", "b ok"]
    assert ok.id in model.ids()


def test_paging_in_every_order_lists_each_template_once(library: TemplateLibrary) -> None:
    drafts = [good(f"n{n % 17:02d}", line="" if n % 3 else "L") for n in range(PAGE_SIZE + 50)]
    library.add_many_drafts(drafts)
    for sort in ("name", "updated", "status"):
        model = TemplateListModel(library)
        model.reload(ListQuery(sort=sort))  # type: ignore[arg-type]
        while model.canFetchMore():
            model.fetchMore()
        assert sorted(model.ids()) == sorted(d.id for d in drafts), sort


# -- in the window ----------------------------------------------------------------------


def test_switching_selection_never_resets_the_model(window: MainWindow, qtbot: QtBot) -> None:
    model = window.libraryController.model
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    listing = window.libraryView.templateList
    for row in (1, 2, 0, 1):
        listing.setCurrentIndex(model.index(row, 0))
        assert window.libraryController.current_id == model.index(row, 0).data(ID_ROLE)
    assert resets == []


def test_the_dirty_marker_changes_one_row(window: MainWindow, qtbot: QtBot) -> None:
    model = window.libraryController.model
    with qtbot.waitSignal(model.dataChanged):
        window.editorView.nameEdit.setText("Переименован")
    row = model.row_of(window.libraryController.current_id)
    assert model.index(row, 0).data() == "Переименован *"


def test_multi_select_delete_undo_and_tag(window: MainWindow, qtbot: QtBot) -> None:
    controller = window.libraryController
    model = controller.model
    selection = window.libraryView.templateList.selectionModel()
    for row in (0, 2):
        selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)
    chosen = [model.index(0, 0).data(ID_ROLE), model.index(2, 0).data(ID_ROLE)]
    assert controller.selected_ids() == chosen
    assert controller.tag_ids(chosen, "Срочно") == 2
    assert all("Срочно" in window.library.get(i).tags for i in chosen)
    assert "Срочно" in model.row_at(0).tags
    assert window.libraryView.tagFilter.findData("Срочно") >= 0
    for row in (0, 2):
        selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select)
    controller.delete_current()
    assert model.rowCount() == 1
    assert {e.template.id for e in window.library.list_trash()} == set(chosen)
    assert "2" in window.windowActions.undoOfferLabel.text()
    window.windowActions.undoOfferButton.click()
    assert model.rowCount() == 3
    assert window.library.list_trash() == []


def test_typing_only_restarts_a_timer_and_the_last_query_lands(
    window: MainWindow, qtbot: QtBot
) -> None:
    controller = window.libraryController
    landed: list[str] = []
    controller.search_finished.connect(lambda _ms: landed.append(controller.model.query.text))
    box = window.libraryView.templateSearch
    for text in ("д", "до", "дос", "дост"):
        box.setText(text)
    assert controller.model.query.text == ""  # no query ran while typing
    qtbot.waitUntil(lambda: landed == ["дост"])
    assert names(controller.model) == ["Выбор доставки"]
    # A query superseded while running or queued never lands over a newer one.
    search = controller._search
    assert search is not None
    search.search(ListQuery("отзыв"))
    search.search(ListQuery("подтверждение"))
    qtbot.waitUntil(lambda: len(landed) == 2)
    assert landed[-1] == "подтверждение"
    assert names(controller.model) == ["Подтверждение записи"]


def test_context_menu_tags_and_exports_the_selection(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import json

    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    model = window.libraryController.model
    listing = window.libraryView.templateList
    listing.selectAll()
    window.transfer._list_menu(QPoint(5, 5))
    texts = [action.text() for action in window.transfer.listMenu.actions()]
    assert "Export &selected…" in texts and "Add a tag to the selected…" in texts
    monkeypatch.setattr(QInputDialog, "getText", lambda *_args: ("Осень", True))
    window.transfer.tagSelectedAction.trigger()
    assert all("Осень" in model.row_at(row).tags for row in range(model.rowCount()))
    target = tmp_path / "selected.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))
    listing.selectAll()
    with qtbot.waitSignal(window.transfer.exported, timeout=10_000):
        window.transfer.exportSelectedAction.trigger()
    exported = json.loads(target.read_text(encoding="utf-8"))["templates"]
    assert [entry["name"] for entry in exported] == [
        model.row_at(row).name for row in range(model.rowCount())
    ]
    window.transfer.listMenu.close()
