"""The send dialog's questions and memory: warnings asked once, errors never asked,
"send again?" after an unknown outcome with a new send id each time, recent numbers kept
under the data home across openings, and the window's language when the dialog opens."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from olchat_desktop.core.template import Template
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.send.connections import sandbox_targets
from olchat_desktop.send.history import SendHistory
from olchat_desktop.send.send_id import SendGuard
from olchat_desktop.ui.send.send_controller import SendController
from olchat_desktop.ui.send.send_view import SendView

pytestmark = pytest.mark.integration
PHONE = "79161000002"


def _template(**changes: object) -> Template:
    base = Template(name="Отзыв", line="1", phone=PHONE, message="Оцените", buttons=["Да", "Нет"])
    return base.model_copy(update=changes)


class Questions:
    """Stands in for QMessageBox.question: records each question, answers as told."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[str] = []
        self.answer = QMessageBox.StandardButton.No
        monkeypatch.setattr(QMessageBox, "question", self)

    def __call__(self, _parent: Any, title: str, _text: str) -> QMessageBox.StandardButton:
        self.asked.append(title)
        return self.answer


@pytest.fixture
def questions(monkeypatch: pytest.MonkeyPatch) -> Questions:
    return Questions(monkeypatch)


def _open(qtbot: QtBot, sandbox: Sandbox, template: Template) -> tuple[SendView, SendController]:
    view = SendView()
    qtbot.addWidget(view)
    controller = SendController(view, template, sandbox_targets(sandbox), guard=SendGuard())
    controller.poll_interval = 0.05
    view.waitSpin.setMinimum(1)
    view.waitSpin.setValue(1)
    return view, controller


@pytest.fixture
def closing() -> Iterator[list[SendController]]:
    opened: list[SendController] = []
    yield opened
    for controller in opened:
        controller.close()


def test_a_warning_is_asked_once_no_sends_nothing_yes_sends(
    qtbot: QtBot, sandbox: Sandbox, questions: Questions, closing: list[SendController]
) -> None:
    view, controller = _open(qtbot, sandbox, _template(message="Hi {=Document:TITLE}"))
    closing.append(controller)
    assert [p.code for p in controller.problems] == ["may_exceed"]
    assert view.sendButton.isEnabled()  # a warning does not block by itself
    view.sendButton.click()
    assert questions.asked == ["There are warnings"]
    assert not controller.sending and SendHistory().entries() == []  # "No": nothing sent
    questions.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(controller.send_finished, timeout=10_000):
        view.sendButton.click()
        assert controller.sending
    assert questions.asked == ["There are warnings"] * 2  # exactly one question for the send
    assert len(SendHistory().entries()) == 1


def test_errors_block_without_asking(
    qtbot: QtBot, sandbox: Sandbox, questions: Questions, closing: list[SendController]
) -> None:
    view, controller = _open(qtbot, sandbox, _template(message="", header="{=Document:TITLE}"))
    closing.append(controller)
    assert controller.has_errors and not view.sendButton.isEnabled()
    controller.send()  # even called directly (Ctrl+Enter), an error never turns into a question
    assert questions.asked == [] and not controller.sending
    assert SendHistory().entries() == []


def test_after_a_timeout_the_dialog_asks_and_each_send_has_its_own_id(
    qtbot: QtBot, sandbox: Sandbox, questions: Questions, closing: list[SendController]
) -> None:
    view, controller = _open(qtbot, sandbox, _template())
    closing.append(controller)
    # Two status reads 1 s apart, then give up: the emulator delivers only after 2 s.
    controller.poll_interval = 1.0
    with qtbot.waitSignal(controller.send_finished, timeout=10_000) as first:
        view.sendButton.click()
    assert first.args[0].result == "timeout" and questions.asked == []
    view.sendButton.click()  # "No": the message may have gone out, so nothing is sent
    assert questions.asked == ["Send again?"] and not controller.sending
    assert len(SendHistory().entries()) == 1
    questions.answer = QMessageBox.StandardButton.Yes
    with qtbot.waitSignal(controller.send_finished, timeout=10_000) as second:
        view.sendButton.click()
    assert questions.asked == ["Send again?"] * 2
    ids = [entry.send_id for entry in SendHistory().entries()]
    assert sorted(ids) == sorted({first.args[0].send_id, second.args[0].send_id})
    assert len(set(ids)) == 2
    assert second.args[0].send_id in view.resultLabel.text()


def test_recent_numbers_are_remembered_under_the_data_home(
    qtbot: QtBot,
    sandbox: Sandbox,
    closing: list[SendController],
    olchat_home: Path,
    memory_keyring: Any,
) -> None:
    view, controller = _open(qtbot, sandbox, _template())
    closing.append(controller)
    view.recipientCombo.setEditText("+7 916 100-00-07")
    with qtbot.waitSignal(controller.send_finished, timeout=10_000):
        view.sendButton.click()
    controller.close()
    # A new opening of the dialog, for a template whose phone is an expression.
    later, later_controller = _open(qtbot, sandbox, _template(phone="{{Телефон}}"))
    closing.append(later_controller)
    offered = [later.recipientCombo.itemText(i) for i in range(later.recipientCombo.count())]
    assert offered == ["79161000007"]
    assert later.recipientCombo.currentText() == "79161000007"
    # A template with a literal number puts it first, the remembered ones after it.
    third, third_controller = _open(qtbot, sandbox, _template())
    closing.append(third_controller)
    assert [third.recipientCombo.itemText(i) for i in range(2)] == [PHONE, "79161000007"]
    stored = json.loads((olchat_home / "recent_numbers.json").read_text(encoding="utf-8"))
    assert stored["numbers"] == ["79161000007"]
    assert not any("79161000007" in value for value in memory_keyring.passwords.values())
