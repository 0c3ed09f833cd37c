"""``olchat-desktop portal check`` against the sandbox (issue 3 point 7)."""

from __future__ import annotations

import json

import pytest

from olchat_desktop.cli import main
from olchat_desktop.sandbox import Sandbox

pytestmark = pytest.mark.integration


def test_check_prints_the_json_shape(sandbox: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["portal", "check", sandbox.webhook_url("admin"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"portal", "user_id", "user_name", "admin", "scopes", "missing"}
    assert data["portal"] == sandbox.portal_domain
    assert data["user_id"] == 1 and data["admin"] is True and data["user_name"]
    assert {"bizproc", "crm", "imopenlines"} <= set(data["scopes"])
    assert data["missing"] == {}


def test_missing_scopes_are_listed_per_feature(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    hook = sandbox.add_webhook(2, ["crm", "user"])
    assert main(["portal", "check", hook, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["admin"] is False and data["user_id"] == 2
    assert data["missing"] == {"send_workflow": ["bizproc"], "lines": ["imopenlines"]}


def test_human_summary_in_russian(sandbox: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "ru", "portal", "check", sandbox.webhook_url("manager")]) == 0
    out = capsys.readouterr().out
    assert "Администратор: нет" in out and "ID 2" in out


@pytest.mark.parametrize(
    ("mangle", "code"),
    [
        (lambda url: url[:-4] + "zzz/", "NO_AUTH_FOUND"),
        (lambda url: url.replace("/rest/1/", "/rest/x/"), "non_numeric_user_id"),
        (lambda url: url.replace("127.0.0.1", "portal.example.com"), "http_not_loopback"),
    ],
)
def test_failure_is_one_clear_line_without_secret(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str], mangle: object, code: str
) -> None:
    url = mangle(sandbox.webhook_url("admin"))  # type: ignore[operator]
    secret = url.rstrip("/").rsplit("/", 1)[1]
    assert main(["portal", "check", url, "--json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and code in lines[0]
    assert "Traceback" not in captured.err and secret not in captured.err


def test_unreachable_portal_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    # Port 9 on loopback (discard) is closed on the test machine: a connection error.
    assert main(["portal", "check", "http://127.0.0.1:9/rest/1/abcdefgh12345678/"]) == 1
    err = capsys.readouterr().err
    assert "CONNECTION_FAILED" in err and "abcdefgh12345678" not in err
    assert len(err.strip().splitlines()) == 1
