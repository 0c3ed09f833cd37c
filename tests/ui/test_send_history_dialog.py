"""The send history dialog: filters, "open template as sent", CSV export (masked numbers)."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from olchat_desktop.core.template import Template
from olchat_desktop.send.history import CSV_COLUMNS, HistoryEntry, SendHistory
from olchat_desktop.send.outcome import SendOutcome
from olchat_desktop.ui.send.history_view import SendHistoryDialog

FEEDBACK = Template(name="Отзыв клиента", message="Версия 1", buttons=["Да", "Нет"])


@pytest.fixture
def history() -> SendHistory:
    """Two sends: an OLChat send that was delivered, a workflow whose customer replied."""
    history = SendHistory()
    olchat = HistoryEntry.start("s-olchat", "olchat", "Линия", "79161234567", FEEDBACK)
    history.record(
        olchat.finished(SendOutcome("s-olchat", "olchat", "delivered", message_id="m-1"))
    )
    delivery = Template(name="Доставка", message="Когда удобно?", buttons=["Утром"])
    workflow = HistoryEntry.start("s-flow", "workflow", "Портал", "79169876543", delivery)
    history.record(
        workflow.finished(
            SendOutcome("s-flow", "workflow", "replied", workflow_id="wf-7", reply="Утром")
        )
    )
    return history


def _open(qtbot: QtBot, history: SendHistory, **kwargs: Any) -> SendHistoryDialog:
    dialog = SendHistoryDialog(history, **kwargs)
    qtbot.addWidget(dialog)
    return dialog


def _shown_ids(dialog: SendHistoryDialog) -> list[str]:
    return [entry.send_id for entry in dialog.entries]


def test_filters_by_text_path_and_result(qtbot: QtBot, history: SendHistory) -> None:
    dialog = _open(qtbot, history)
    assert sorted(_shown_ids(dialog)) == ["s-flow", "s-olchat"]
    assert dialog.table.rowCount() == 2
    dialog.searchEdit.setText("отзыв")  # Cyrillic, any case
    assert _shown_ids(dialog) == ["s-olchat"] and dialog.table.rowCount() == 1
    dialog.searchEdit.setText("wf-7")  # a workflow id
    assert _shown_ids(dialog) == ["s-flow"]
    dialog.searchEdit.clear()
    dialog.pathCombo.setCurrentIndex(dialog.pathCombo.findData("workflow"))
    assert _shown_ids(dialog) == ["s-flow"]
    dialog.pathCombo.setCurrentIndex(dialog.pathCombo.findData("olchat"))
    dialog.resultCombo.setCurrentIndex(dialog.resultCombo.findData("replied"))
    assert _shown_ids(dialog) == [] and dialog.table.rowCount() == 0
    dialog.pathCombo.setCurrentIndex(0)  # all paths
    assert _shown_ids(dialog) == ["s-flow"]
    assert dialog.resultCombo.currentText() == "the customer replied"
    row = dialog.table
    assert row.item(0, 3).text() == "+7 916 ***-**-43"
    assert row.item(0, 9).text() == "Утром"


def test_open_as_sent_hands_the_snapshot_to_the_callback(
    qtbot: QtBot, history: SendHistory
) -> None:
    opened: list[Template] = []
    dialog = _open(qtbot, history, on_open=opened.append)
    dialog.searchEdit.setText("Отзыв")
    dialog.table.selectRow(0)
    dialog.openButton.click()
    [template] = opened
    # The snapshot as sent, not whatever the library holds now.
    assert template == FEEDBACK and template.message == "Версия 1"
    assert dialog.result() == SendHistoryDialog.DialogCode.Accepted


def test_csv_export_has_the_header_and_only_masked_numbers(
    qtbot: QtBot, history: SendHistory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "export.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), "CSV (*.csv)"))
    dialog = _open(qtbot, history)
    dialog.pathCombo.setCurrentIndex(dialog.pathCombo.findData("olchat"))
    dialog.exportButton.click()
    text = target.read_text(encoding="utf-8-sig")
    rows = list(csv.reader(text.splitlines()))
    assert tuple(rows[0]) == CSV_COLUMNS
    [row] = [dict(zip(CSV_COLUMNS, values, strict=True)) for values in rows[1:]]
    assert (row["send_id"], row["result"], row["message_id"]) == ("s-olchat", "delivered", "m-1")
    assert row["recipient"] == "+7 916 ***-**-67"
    assert "79161234567" not in text and "9161234567" not in text
    assert "Версия 1" not in text  # the JSON snapshot stays out of the CSV


def test_cancelled_export_writes_nothing(
    qtbot: QtBot, history: SendHistory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: ("", ""))
    dialog = _open(qtbot, history)
    assert dialog.export_csv() is None
    assert list(tmp_path.glob("*.csv")) == []
