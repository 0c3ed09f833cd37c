"""``olchat-desktop send-test`` against a sandbox the test controls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from olchat_desktop import cli
from olchat_desktop.commands import send_test
from olchat_desktop.core.fileformat import dumps_template
from olchat_desktop.core.template import Template
from olchat_desktop.sandbox import Sandbox
from tests.lent_sandbox import LentSandbox

pytestmark = pytest.mark.integration


@pytest.fixture
def template_file(tmp_path: Path, sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(send_test, "open_sandbox", lambda: LentSandbox(sandbox))
    path = tmp_path / "t.json"
    template = Template(
        name="T",
        line="1",
        phone="79161000002",
        message="Удобно?",
        buttons=["Да", "Нет"],
        wait_for_reply=True,
    )
    path.write_text(dumps_template(template), encoding="utf-8")
    return path


def test_workflow_reply_exit_0_with_json(
    template_file: Path, sandbox: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox.portal.customer.configure(button=2, delay=0.0)
    argv = [
        "send-test",
        str(template_file),
        "--via",
        "workflow",
        "--demo",
        "--phone",
        "79161000002",
        "--wait",
        "5",
        "--json",
        "--workflow-template",
        "8",
    ]
    assert cli.main(argv) == 0
    result = json.loads(capsys.readouterr().out)
    assert (result["result"], result["reply"]) == ("replied", "Нет")


def test_no_reply_within_wait_exits_1(
    template_file: Path, sandbox: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox.portal.customer.never_answer()
    argv = [
        "send-test",
        str(template_file),
        "--via",
        "workflow",
        "--profile",
        "sandbox",
        "--phone",
        "79161000002",
        "--wait",
        "0.3",
        "--workflow-template",
        "8",
    ]
    assert cli.main(argv) == 1
    assert "timeout" in capsys.readouterr().out


def test_olchat_no_whatsapp_exits_1_with_a_clear_line(
    template_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "send-test",
        str(template_file),
        "--via",
        "olchat",
        "--demo",
        "--phone",
        "79265550000",
        "--lang",
        "en",
    ]
    assert cli.main(argv) == 1
    assert "no WhatsApp" in capsys.readouterr().out


def test_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.json"
    path.write_text(dumps_template(Template(name="x", message="", buttons=["a"])), encoding="utf-8")
    assert (
        cli.main(["send-test", str(path), "--via", "olchat", "--demo", "--phone", "79161000002"])
        == 2
    )
    assert "required" in capsys.readouterr().err


def test_a_draft_without_phone_or_line_sends_to_the_given_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    draft = Template(name="Черновик", message="Оцените нас", buttons=["Да", "Нет"])
    path = tmp_path / "draft.json"
    path.write_text(dumps_template(draft), encoding="utf-8")
    argv = ["send-test", str(path), "--via", "olchat", "--demo", "--phone", "79161000002"]
    assert cli.main(argv) == 0
    assert "error:" not in capsys.readouterr().err
