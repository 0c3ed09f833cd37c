"""``olchat-desktop check-data`` against the sandbox: report, JSON schema, exit codes."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from olchat_desktop import cli
from olchat_desktop.core.fileformat import dumps_template
from olchat_desktop.core.template import Template
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.seed_bulk import add_bulk_crm

pytestmark = pytest.mark.integration


def _write(tmp_path: Path, **fields: Any) -> Path:
    base = {
        "name": "Доставка",
        "line": "1",
        "phone": "{{Контакт: Телефон}}",
        "header": "Заказ {=Document:TITLE}",
        "message": "Комментарий курьера: {{Комментарий курьера}}",
        "footer": "",
        "buttons": ["Да", "{{Промокоды}}"],
        "wait_for_reply": True,
    }
    path = tmp_path / "t.json"
    path.write_text(dumps_template(Template(**{**base, **fields})), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def webhook() -> Any:
    with Sandbox(rate_profile="off") as sandbox:
        add_bulk_crm(sandbox.portal, 1200, seed=4)
        yield sandbox.webhook_url()


def test_json_report_and_exit_1_when_items_break(
    tmp_path: Path, webhook: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code = cli.main(["check-data", str(_write(tmp_path)), "--webhook", webhook, "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 1 and report["items_with_errors"] > 0
    for key in ("items_checked", "requests", "fields", "problems", "offenders", "phone"):
        assert key in report
    assert report["items_checked"] == 1215 and report["complete"]
    assert report["requests"] == 1 + 1 + 1  # catalogue, one deal batch, one contact batch
    offender = report["offenders"][0]
    assert set(offender) >= {"item_id", "value", "problem", "field", "length"}
    assert report["problems"]["several_phones"]["severity"] == "error"  # wait + multi-value


def test_exit_0_when_nothing_breaks(
    tmp_path: Path, webhook: str, capsys: pytest.CaptureFixture[str]
) -> None:
    template = _write(
        tmp_path, phone="79161234567", header="Заказ {=Document:ID}", message="Ок", buttons=["Да"]
    )
    code = cli.main(["check-data", str(template), "--webhook", webhook, "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0 and "No item breaks the message." in out
    assert "Items checked: 1215" in out


def test_filter_and_limit(tmp_path: Path, webhook: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check-data", str(_write(tmp_path)), "--webhook", webhook, "--json"]
    cli.main([*args, "--filter", '{"STAGE_ID": "WON"}', "--limit", "40"])
    report = json.loads(capsys.readouterr().out)
    assert report["items_checked"] == 40


@pytest.mark.parametrize(
    ("extra", "needle"),
    [
        (["--filter", "{not json"], "--filter"),
        (["--limit", "0"], "--limit"),
        (["--created-after", "вчера"], "YYYY-MM-DD"),
    ],
)
def test_bad_input_exits_2(
    tmp_path: Path, webhook: str, capsys: pytest.CaptureFixture[str], extra: list[str], needle: str
) -> None:
    args = ["check-data", str(_write(tmp_path)), "--webhook", webhook, "--lang", "en", *extra]
    assert cli.main(args) == 2
    assert needle in capsys.readouterr().err


def test_unreadable_template_and_dead_portal_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    assert (
        cli.main(["check-data", str(broken), "--webhook", "https://x.bitrix24.ru/rest/1/a/"]) == 2
    )
    with Sandbox() as sandbox:
        dead = sandbox.webhook_url()
    code = cli.main(["check-data", str(_write(tmp_path)), "--webhook", dead, "--lang", "en"])
    err = capsys.readouterr().err
    assert code == 2 and "error:" in err
    assert dead.split("/rest/")[1].split("/")[1] not in err  # never the webhook's secret


def test_no_expressions_says_so(
    tmp_path: Path, webhook: str, capsys: pytest.CaptureFixture[str]
) -> None:
    template = _write(tmp_path, phone="79161234567", header="Привет", message="Ок", buttons=["Да"])
    assert cli.main(["check-data", str(template), "--webhook", webhook, "--lang", "ru"]) == 0
    assert "нет выражений" in capsys.readouterr().out


def test_demo_seeds_deals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["check-data", str(_write(tmp_path)), "--demo", "--demo-items", "300", "--json"]
    assert cli.main(args) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["items_checked"] == 315 and report["entity"] == "deal"


def test_ctrl_c_stops_after_the_page_and_prints_the_partial_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import signal

    from olchat_desktop.commands import check_data

    shown = check_data._progress
    calls: list[int] = []

    def progress_then_interrupt(progress: Any, report: Any) -> None:
        shown(progress, report)
        calls.append(progress.items_read)
        if len(calls) == 1:  # a real SIGINT, as the terminal sends on Ctrl+C
            os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(check_data, "_progress", progress_then_interrupt)
    args = ["check-data", str(_write(tmp_path)), "--demo", "--demo-items", "6000", "--json"]
    assert cli.main(args) == check_data.EXIT_INTERRUPTED
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert report["stopped"] == "cancelled" and not report["complete"]
    assert 0 < report["items_checked"] < 6015  # the pages read before Ctrl+C, not all
    assert "Ctrl+C" in captured.err
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handler restored
