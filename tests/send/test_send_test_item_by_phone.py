"""``send-test --via workflow`` without ``--item``: the README's demo example, as written."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from olchat_desktop import cli
from olchat_desktop.commands import send_test
from olchat_desktop.core.fileformat import dumps_template
from olchat_desktop.core.template import Template
from olchat_desktop.sandbox import Sandbox
from tests.lent_sandbox import LentSandbox

pytestmark = pytest.mark.integration
README = Path(__file__).resolve().parents[2] / "README.md"


def test_readme_example_finds_the_item_by_phone_and_says_which(
    tmp_path: Path,
    sandbox: Sandbox,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    line = next(
        row.strip()
        for row in README.read_text(encoding="utf-8").splitlines()
        if row.strip().startswith("olchat-desktop send-test visit.olchat.json --via workflow")
    )
    argv = shlex.split(line)[1:]
    phone = argv[argv.index("--phone") + 1]
    assert "--demo" in argv and "--item" not in argv
    monkeypatch.setattr(send_test, "open_sandbox", lambda: LentSandbox(sandbox))
    monkeypatch.chdir(tmp_path)
    template = Template(name="Визит", line="1", phone="79161000001", message="Ждём вас?")
    template = template.model_copy(update={"buttons": ["Да", "Нет"]})
    (tmp_path / "visit.olchat.json").write_text(dumps_template(template), encoding="utf-8")
    assert cli.main([*argv, "--lang", "en"]) == 0
    err = capsys.readouterr().err
    found = re.search(rf"found by the phone {re.escape(phone)}: Deal (\d+): ", err)
    assert found is not None, err
    assert found.group(1) == "1"  # contact 1 owns that number, deal 1 is contact 1's


def test_webhook_option_sends_through_that_portal(
    tmp_path: Path, sandbox: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    template = Template(name="Визит", line="1", phone="79161000001", message="Ждём вас?")
    template = template.model_copy(update={"buttons": ["Да", "Нет"]})
    path = tmp_path / "visit.olchat.json"
    path.write_text(dumps_template(template), encoding="utf-8")
    webhook = sandbox.webhook_url("admin")
    common = ["send-test", str(path), "--phone", "+79161000001", "--lang", "en"]
    assert cli.main([*common, "--via", "workflow", "--webhook", webhook, "--wait", "0"]) == 0
    out, err = capsys.readouterr()
    assert "found by the phone +79161000001: Deal 1: " in err
    assert webhook.rsplit("/", 2)[-2] not in out + err  # the secret is never printed
    assert cli.main([*common, "--via", "olchat", "--webhook", webhook]) == 2
    assert "use it with --via workflow" in capsys.readouterr().err
    assert cli.main([*common, "--via", "workflow", "--webhook", "https://x.bitrix24.ru/"]) == 2
    assert "error: " in capsys.readouterr().err


def test_usage_errors_answer_in_the_chosen_language(
    tmp_path: Path, sandbox: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    """send-test's own refusals follow --lang like its results (gettext catalogue)."""
    template = Template(name="Визит", line="1", phone="79161000001", message="Ждём вас?")
    template = template.model_copy(update={"buttons": ["Да", "Нет"]})
    path = tmp_path / "visit.olchat.json"
    path.write_text(dumps_template(template), encoding="utf-8")
    webhook = sandbox.webhook_url("admin")
    for lang, wrong_via, no_target in (
        ("ru", "используйте его с --via workflow", "укажите --profile ИМЯ, --webhook URL"),
        ("en", "use it with --via workflow", "give --profile NAME, --webhook URL"),
    ):
        common = ["send-test", str(path), "--phone", "+79161000001", "--lang", lang]
        assert cli.main([*common, "--via", "olchat", "--webhook", webhook]) == 2
        assert wrong_via in capsys.readouterr().err
        assert cli.main([*common, "--via", "olchat"]) == 2
        assert no_target in capsys.readouterr().err
