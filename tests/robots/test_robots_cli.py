"""``olchat-desktop robots audit`` against the sandbox portal (issue 8, command line)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from olchat_desktop import cli
from olchat_desktop.bitrix.webhook_url import WebhookUrlError, parse_webhook_url
from olchat_desktop.commands import robots
from olchat_desktop.connections.service import ConnectionService
from olchat_desktop.robots.audit_export import CSV_COLUMNS
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.storage.profiles import ProfileStore
from olchat_desktop.storage.secret_store_factory import shared_secret_store
from tests.lent_sandbox import LentSandbox

pytestmark = pytest.mark.integration

# The seeded faulty robots and one problem each must show (see seed_bizproc).
FAULTY = {
    "A21_wa_buttons": "header: too_long",
    "A31_wa_buttons": "buttons[1]: duplicate_button",
    "A41_wa_buttons": "phone: multi_value_phone",
    "A51_wa_buttons": "buttons: too_many_buttons",
}


def secret_of(url: str) -> str:
    return parse_webhook_url(url).secret


def test_demo_lists_the_faulty_robots_and_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    # The command's own embedded sandbox: what a tester without a portal runs.
    assert cli.main(["robots", "audit", "--demo", "--lang", "en"]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    robot_lines = [line for line in lines if line.startswith("#")]
    assert len(robot_lines) == 8
    for problem in FAULTY.values():
        assert any(line.startswith(f"    {problem}: ") for line in lines), problem
    good = next(line for line in robot_lines if "stage NEW" in line and "0 error(s)" in line)
    assert "crm/CCrmDocumentDeal/DEAL" in good
    assert "audit: 8/8 templates…" in err.splitlines()
    assert "Traceback" not in err


def test_json_output_parses_and_holds_the_robots(
    sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(robots, "open_sandbox", lambda: LentSandbox(sandbox))
    assert cli.main(["robots", "audit", "--demo", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["templates_read"] == 8
    by_activity = {robot["activity"]: robot for robot in data["robots"]}
    assert set(FAULTY) <= set(by_activity)
    duplicate = by_activity["A31_wa_buttons"]
    assert {(p["field"], p["code"]) for p in duplicate["problems"]} >= {
        ("buttons[1]", "duplicate_button")
    }
    good = by_activity["A11_wa_buttons"]
    assert good["fields"]["buttons"] == ["Да, звоните", "Нет, завтра"]
    assert not [p for p in good["problems"] if p["severity"] == "error"]


def test_webhook_url_in_russian(sandbox: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["robots", "audit", sandbox.webhook_url("admin"), "--lang", "ru"]) == 1
    out, err = capsys.readouterr()
    assert "стадия NEW" in out and "ошибок 0" in out
    assert "Шаблонов прочитано: 8, роботов: 8" in out
    assert "header: too_long: " in out
    assert secret_of(sandbox.webhook_url("admin")) not in out + err


def test_saved_profile_by_name(sandbox: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    profiles = ProfileStore(shared_secret_store())
    profiles.load()
    ConnectionService(profiles).save_webhook_portal("Отдел продаж", sandbox.webhook_url("admin"))
    assert cli.main(["robots", "audit", "отдел продаж", "--json"]) == 1
    out, err = capsys.readouterr()
    assert len(json.loads(out)["robots"]) == 8
    assert secret_of(sandbox.webhook_url("admin")) not in out + err


def test_profile_without_its_secret_exits_2(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    profiles = ProfileStore(shared_secret_store())
    profiles.load()
    saved = ConnectionService(profiles).save_webhook_portal("Hook", sandbox.webhook_url("admin"))
    profiles.secrets.delete(saved.profile.id, "webhook")
    assert cli.main(["robots", "audit", "Hook", "--lang", "en"]) == 2
    assert capsys.readouterr().err == (
        "error: The connection 'Hook' has no stored secret: enter it again.\n"
    )


def test_unknown_profile_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["robots", "audit", "nosuchportal", "--lang", "en"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: no portal profile named 'nosuchportal'")


@pytest.mark.parametrize("lang", ["ru", "en"])
@pytest.mark.parametrize(
    "url",
    [
        "https://portal.bitrix24.ru/rest/abc/x1234567/",
        "https://portal.bitrix24.ru/rest/1/",
        "portal.bitrix24.ru",
    ],
)
def test_malformed_url_exits_2_with_the_parsers_message(
    url: str, lang: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(WebhookUrlError) as raised:
        parse_webhook_url(url)
    assert cli.main(["robots", "audit", url, "--lang", lang]) == 2
    out, err = capsys.readouterr()
    expected = f"error: {raised.value.code}: {raised.value.message(lang)}"  # type: ignore[arg-type]
    assert out == "" and err.strip() == expected


def test_revoked_and_wrong_secrets_exit_2_without_the_secret(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    revoked = sandbox.add_webhook(1, ["bizproc", "crm", "user"])
    sandbox.auth.revoke_webhook(secret_of(revoked))
    wrong = sandbox.webhook_url("admin").replace(secret_of(sandbox.webhook_url("admin")), "x" * 16)
    for url in (revoked, wrong):
        assert cli.main(["robots", "audit", url, "--lang", "en"]) == 2
        out, err = capsys.readouterr()
        assert out == ""
        assert len(err.splitlines()) == 1 and err.startswith("error: ")
        assert "Traceback" not in err and secret_of(url) not in err
        code = err.removeprefix("error: ").split(":", 1)[0]
        assert code.isupper() and code.replace("_", "").isalpha(), err


def test_unreachable_portal_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    # Port 9 (discard) on loopback: nothing listens, the connection is refused.
    url = "http://127.0.0.1:9/rest/1/abcdefgh12345678/"
    assert cli.main(["robots", "audit", url, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: CONNECTION_FAILED: ") and "abcdefgh12345678" not in err


def test_csv_file_is_written(
    sandbox: Sandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "audit.csv"
    argv = ["robots", "audit", sandbox.webhook_url("admin"), "--csv", str(target), "--json"]
    assert cli.main(argv) == 1
    assert json.loads(capsys.readouterr().out)["robots"]
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM for Excel
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == 8
    errors = {row["activity"]: int(row["errors"]) for row in rows}
    warnings = {row["activity"]: int(row["warnings"]) for row in rows}
    assert errors["A11_wa_buttons"] == 0
    assert [errors[name] > 0 for name in FAULTY] == [True, True, False, True]
    assert warnings["A41_wa_buttons"] == 1  # the multi-value phone is a warning


def test_unwritable_csv_exits_2(
    sandbox: Sandbox, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "missing-dir" / "audit.csv"
    before = len(sandbox.request_log)
    argv = ["robots", "audit", sandbox.webhook_url("admin"), "--csv", str(target), "--lang", "en"]
    assert cli.main(argv) == 2
    assert capsys.readouterr().err == f"error: {target}: no such folder\n"
    assert len(sandbox.request_log) == before  # refused before reading the portal


def test_named_webhook_and_profile_options(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    # The same --webhook / --profile options as every portal-using command (issue 14).
    webhook = sandbox.webhook_url("admin")
    assert cli.main(["robots", "audit", "--webhook", webhook, "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["templates_read"] == 8
    profiles = ProfileStore(shared_secret_store())
    profiles.load()
    ConnectionService(profiles).save_webhook_portal("Продажи", webhook)
    assert cli.main(["robots", "audit", "--profile", "продажи", "--json"]) == 1
    out, err = capsys.readouterr()
    assert json.loads(out)["templates_read"] == 8
    assert secret_of(webhook) not in out + err
    assert cli.main(["robots", "audit", "--profile", "nosuch", "--lang", "en"]) == 2
    assert capsys.readouterr().err.startswith("error: no portal profile named 'nosuch'")
    assert cli.main(["robots", "audit", webhook, "--profile", "Продажи", "--lang", "en"]) == 2
    assert "name the portal once" in capsys.readouterr().err
