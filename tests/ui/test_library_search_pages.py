"""Search as you type delivers a first screenful (``FIRST_PAGE`` rows) and the list
fetches the rest as it scrolls: the same rows, in the same order, as one full query."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage.library_listing import ListQuery
from olchat_desktop.ui.controllers.library_model import ID_ROLE
from olchat_desktop.ui.controllers.library_search import FIRST_PAGE
from olchat_desktop.ui.main_window import MainWindow


def test_a_search_lists_a_first_page_then_the_rest_on_scrolling(
    window: MainWindow, qtbot: QtBot
) -> None:
    drafts = [
        TemplateDraft(name=f"Акция {n:03d}", message="скидка" if n % 3 else "без")
        for n in range(FIRST_PAGE * 4)
    ]
    window.library.add_many_drafts(drafts)
    controller = window.libraryController
    model = controller.model
    found: list[float] = []
    controller.search_finished.connect(found.append)
    window.libraryView.templateSearch.setText("СКИДКА")
    qtbot.waitUntil(lambda: len(found) == 1)
    assert model.rowCount() == FIRST_PAGE
    assert model.canFetchMore()
    listing = window.libraryView.templateList
    while model.canFetchMore():
        listing.scrollToBottom()
        model.fetchMore()
    expected = window.library.list_page(ListQuery("скидка"), None, None)
    assert len(expected) == FIRST_PAGE * 4 * 2 // 3
    shown = [model.index(row, 0).data(ID_ROLE) for row in range(model.rowCount())]
    assert shown == [row.id for row in expected]
