"""The business-process page of the send dialog against the sandbox: every step reports
progress, Cancel during tracking stops the polling, and a workflow that still waits can be
terminated from the dialog (after a time-out or after Cancel)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from olchat_desktop.core.template import Template
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.send.connections import sandbox_targets
from olchat_desktop.send.history import SendHistory
from olchat_desktop.send.send_id import SendGuard
from olchat_desktop.send.workflow_path import WorkflowPortal
from olchat_desktop.ui.send.send_controller import SendController
from olchat_desktop.ui.send.send_view import SendView

pytestmark = pytest.mark.integration
PHONE = "79161000002"


@pytest.fixture
def dialog(qtbot: QtBot, sandbox: Sandbox) -> Iterator[tuple[SendView, SendController]]:
    template = Template(
        name="Отзыв", line="1", phone=PHONE, message="Оцените", buttons=["Да", "Нет"]
    ).model_copy(update={"wait_for_reply": True})
    view = SendView()
    qtbot.addWidget(view)
    controller = SendController(view, template, sandbox_targets(sandbox), guard=SendGuard())
    controller.poll_interval = 0.05
    view.waitSpin.setMinimum(1)
    yield view, controller
    controller.close()


def _ready_to_start(qtbot: QtBot, view: SendView) -> None:
    """Workflow path, the business process (template 8), the deal found by the number."""
    view.workflowRadio.setChecked(True)
    qtbot.waitUntil(lambda: view.workflowCombo.count() == 3, timeout=5000)
    view.workflowCombo.setCurrentIndex(1)
    view.findButton.click()
    qtbot.waitUntil(lambda: view.itemCombo.count() == 1, timeout=5000)
    qtbot.waitUntil(lambda: "running" in view.runningLabel.text(), timeout=5000)


def test_every_step_reports_progress_and_cancel_stops_the_tracking(
    qtbot: QtBot,
    dialog: tuple[SendView, SendController],
    sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    view, controller = dialog
    shown: list[str] = []
    controller.progress.connect(shown.append)
    polls: list[str] = []
    real_is_running = WorkflowPortal.is_running

    def counted(portal: WorkflowPortal, workflow_id: str) -> object:
        polls.append(workflow_id)
        return real_is_running(portal, workflow_id)

    monkeypatch.setattr(WorkflowPortal, "is_running", counted)
    sandbox.portal.customer.configure(button=2, delay=3600)  # answers long after the test
    _ready_to_start(qtbot, view)
    view.waitSpin.setValue(600)
    view.sendButton.click()
    qtbot.waitUntil(lambda: len(polls) >= 3, timeout=5000)
    assert view.cancelButton.isEnabled() and not view.progressBar.isHidden()
    for step in (
        "Loading workflow templates…",
        "Finding CRM items by 79161000002…",
        "Checking running workflows…",
        "Starting the workflow…",
    ):
        assert step in shown
    assert any(text.startswith("Waiting for the customer's reply…") for text in shown)
    with qtbot.waitSignal(controller.send_finished, timeout=2000) as finished:
        view.cancelButton.click()
    outcome = finished.args[0]
    assert outcome.result == "cancelled" and view.statusLabel.text() == "Cancelled."
    qtbot.wait(300)  # the worker may finish one poll that was on the wire
    settled = len(polls)
    qtbot.wait(300)  # six poll intervals
    assert len(polls) == settled  # no more polling
    # The workflow still waits on the portal: the dialog knows it and offers Terminate.
    assert outcome.workflow_id == polls[0] and not view.terminateButton.isHidden()
    assert sandbox.portal.workflow(outcome.workflow_id).state == "waiting"
    assert controller.guard.needs_confirmation(controller.guard_key())
    assert view.progressBar.isHidden() and not view.cancelButton.isEnabled()


def test_a_customer_who_never_answers_times_out_and_can_be_terminated(
    qtbot: QtBot, dialog: tuple[SendView, SendController], sandbox: Sandbox
) -> None:
    view, controller = dialog
    sandbox.portal.customer.never_answer()
    _ready_to_start(qtbot, view)
    view.waitSpin.setValue(1)
    assert view.terminateButton.isHidden()
    with qtbot.waitSignal(controller.send_finished, timeout=10_000) as finished:
        view.sendButton.click()
    outcome = finished.args[0]
    assert outcome.result == "timeout" and outcome.still_running
    assert "terminate" in view.resultLabel.text()
    assert not view.terminateButton.isHidden()
    portal = controller._portal()
    assert portal.is_running(outcome.workflow_id) is not None  # listed by instances
    view.terminateButton.click()
    qtbot.waitUntil(lambda: view.statusLabel.text() == "Workflow terminated.", timeout=5000)
    assert view.terminateButton.isHidden()
    assert portal.is_running(outcome.workflow_id) is None  # bizproc.workflow.instances
    assert sandbox.portal.workflow(outcome.workflow_id).state == "terminated"
    [entry] = SendHistory().entries()
    assert (entry.result, entry.workflow_id) == ("terminated", outcome.workflow_id)
