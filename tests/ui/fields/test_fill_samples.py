"""Fill samples from a real CRM item, end to end against the sandbox portal over loopback:
search while typing, read the item, printable values, the origin mark, refill, empty
values, and a vanished item that leaves every typed sample alone."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from olchat_desktop.sandbox import Sandbox
from olchat_desktop.ui.catalogue.portal import PortalFinder
from olchat_desktop.ui.fill_samples.dialog import FillSamplesDialog
from olchat_desktop.ui.main_window import MainWindow

from .conftest import type_text

TIMEOUT_MS = 15_000
HEADER = "Визит {{Дата визита}}"
MESSAGE = (
    "Филиал: {{Филиал > printable}}. Менеджер: {{Ответственный менеджер > printable}}. "
    "Предоплата {{Сумма предоплаты > printable}}, промокоды {{Промокоды}}."
)


def _portal_window(window: MainWindow, qtbot: QtBot, sandbox: Sandbox) -> MainWindow:
    catalogues = window.windowActions.catalogues
    catalogues.shutdown()
    catalogues.resume(PortalFinder(lambda: sandbox, demo=False))
    catalogues.refresh()
    qtbot.waitUntil(
        lambda: catalogues.portal_catalogue is not None and not catalogues.busy,
        timeout=TIMEOUT_MS,
    )
    window.libraryController.new_template()
    window.editorView.headerEdit.setText(HEADER)
    window.editorView.messageEdit.setPlainText(MESSAGE)
    window.editorView.buttonEdits[0].setText("Приду")
    return window


def _open_dialog(window: MainWindow, qtbot: QtBot) -> FillSamplesDialog:
    window.editorView.fillSamplesButton.click()
    dialog: FillSamplesDialog = window.fillSamplesDialog  # type: ignore[attr-defined]
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _search(dialog: FillSamplesDialog, qtbot: QtBot, text: str, first: str) -> None:
    dialog.searchEdit.clear()
    type_text(dialog.searchEdit, text)
    qtbot.waitUntil(
        lambda: (
            dialog.resultsList.count() > 0 and dialog.resultsList.item(0).text().startswith(first)
        ),
        timeout=TIMEOUT_MS,
    )


def test_fill_from_a_deal_then_refill_and_empty_values(
    window: MainWindow, qtbot: QtBot, sandbox: Sandbox
) -> None:
    window = _portal_window(window, qtbot, sandbox)
    editor, view = window.editor, window.editorView
    assert "+?" in view.messageCounter.text()  # no samples yet: the length is unknown
    dialog = _open_dialog(window, qtbot)
    _search(dialog, qtbot, "оборудования №1", "#1 · Поставка оборудования №1")
    assert dialog.resultsList.currentRow() == 0
    qtbot.keyClick(dialog.searchEdit, Qt.Key.Key_Return)  # Enter fills from the chosen item
    qtbot.waitUntil(lambda: editor.sample_origin() is not None, timeout=TIMEOUT_MS)
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()  # closed on success
    samples = editor.draft().samples
    assert samples["{{Филиал > printable}}"] == "Москва, Тверская"  # enumeration text
    assert samples["{{Ответственный менеджер > printable}}"] == "Иван Менеджеров"  # user.get
    assert samples["{{Промокоды}}"] == "SALE10, VIP"  # multiple, joined
    assert "5" in samples["{{Сумма предоплаты > printable}}"]
    assert "₽" in samples["{{Сумма предоплаты > printable}}"]  # money with currency
    assert samples["{{Дата визита}}"].startswith("24.12.2026")  # the portal's date format
    # Every sample is marked with the item, and the counters are exact now.
    for source in samples:
        assert editor.samples.origin_text(source) == "from deal #1"
    assert "+?" not in view.messageCounter.text()
    assert "+?" not in view.headerCounter.text()
    assert view.refillSamplesButton.isVisible()
    assert view.refillSamplesButton.text() == "Refill from deal #1"

    # The marks live in the template: saved, opened again later, they are still there.
    library = window.libraryController
    filled_id = library.current_id
    library.save_now()
    library.new_template()
    assert not view.refillSamplesButton.isVisible()
    assert library.open_template(filled_id)
    assert editor.draft().sample_origins["{{Промокоды}}"] == "deal:1"
    assert editor.samples.origin_text("{{Промокоды}}") == "from deal #1"
    assert view.refillSamplesButton.isVisible()

    # The deal changes on the portal; Refill reads the same item again.
    sandbox.portal.deals[1]["UF_CRM_1700000003"] = "42"
    view.refillSamplesButton.click()
    qtbot.waitUntil(
        lambda: editor.draft().samples["{{Филиал > printable}}"] == "Санкт-Петербург, Невский",
        timeout=TIMEOUT_MS,
    )

    # Typing over a filled sample makes it the user's own.
    editor.samples.set_sample("{{Промокоды}}", "МОЙ-КОД")
    assert editor.samples.origin_text("{{Промокоды}}") == ""
    assert editor.draft().samples["{{Промокоды}}"] == "МОЙ-КОД"
    assert "{{Промокоды}}" not in editor.draft().sample_origins

    # Deal 3 has every user field empty: empty samples, counted as nothing (not "+?").
    dialog = _open_dialog(window, qtbot)
    _search(dialog, qtbot, "3", "#3 · ")
    dialog.fillButton.click()
    qtbot.waitUntil(lambda: editor.sample_origin().item_id == "3", timeout=TIMEOUT_MS)  # type: ignore[union-attr]
    samples = editor.draft().samples
    assert samples["{{Филиал > printable}}"] == ""
    assert samples["{{Промокоды}}"] == ""
    assert editor.samples.origin_text("{{Филиал > printable}}") == "from deal #3 (empty there)"
    assert "+?" not in view.messageCounter.text()
    message = editor.draft().message
    empty_length = len(message)
    for source in samples:
        empty_length -= len(source) * message.count(source)
    empty_length += len(samples["{{Ответственный менеджер > printable}}"])
    empty_length += len(samples["{{Сумма предоплаты > printable}}"])
    assert view.messageCounter.text() == f"{empty_length}/1024"


def test_a_vanished_item_leaves_the_typed_samples(
    window: MainWindow, qtbot: QtBot, sandbox: Sandbox
) -> None:
    window = _portal_window(window, qtbot, sandbox)
    editor = window.editor
    editor.samples.set_sample("{{Филиал > printable}}", "мой филиал")
    typed = dict(editor.draft().samples)
    dialog = _open_dialog(window, qtbot)
    _search(dialog, qtbot, "Консультация", "#14 · Консультация №14")
    del sandbox.portal.deals[14]  # someone deletes it meanwhile
    dialog.fillButton.click()
    qtbot.waitUntil(lambda: "ITEM_NOT_FOUND" in dialog.statusLabel.text(), timeout=TIMEOUT_MS)
    assert "Search for the item again" in dialog.statusLabel.text()
    assert dialog.isVisible()  # the user can pick another one
    assert editor.draft().samples == typed
    assert editor.sample_origin() is None
    dialog.reject()


def test_without_crm_access_the_search_says_so(
    window: MainWindow, qtbot: QtBot, sandbox: Sandbox
) -> None:
    window = _portal_window(window, qtbot, sandbox)
    no_crm = sandbox.add_webhook(1, ["user"])

    class Hook:
        def webhook_url(self, _who: str = "admin") -> str:
            return no_crm

    window.windowActions.catalogues.finder = PortalFinder(lambda: Hook(), demo=False)
    dialog = _open_dialog(window, qtbot)
    qtbot.waitUntil(lambda: dialog.statusLabel.property("error") is True, timeout=TIMEOUT_MS)
    assert no_crm not in dialog.statusLabel.text()
    assert dialog.statusLabel.text()
    assert dialog.resultsList.count() == 0
    dialog.reject()


def test_a_rate_limit_mid_way_is_named_and_samples_stay(
    window: MainWindow, qtbot: QtBot, sandbox: Sandbox
) -> None:
    window = _portal_window(window, qtbot, sandbox)
    editor = window.editor
    editor.samples.set_sample("{{Промокоды}}", "мой код")
    typed = dict(editor.draft().samples)
    dialog = _open_dialog(window, qtbot)
    _search(dialog, qtbot, "оборудования №1", "#1 · Поставка оборудования №1")
    # The portal's operating-time budget for crm.deal.list runs out (reference §3).
    credential = f"webhook:{sandbox._webhooks['admin'].webhook_id}"
    sandbox.operating.record(credential, "crm.deal.list", 600)
    dialog.fillButton.click()
    qtbot.waitUntil(lambda: dialog.statusLabel.property("error") is True, timeout=TIMEOUT_MS)
    assert "OPERATION_TIME_LIMIT" in dialog.statusLabel.text()
    assert editor.draft().samples == typed
    assert editor.sample_origin() is None
    dialog.reject()
