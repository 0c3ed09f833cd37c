"""``olchat-desktop sandbox``: prints credentials that work, stops cleanly on SIGTERM."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from olchat_desktop.sandbox import Sandbox

pytestmark = pytest.mark.integration

LABELS = {
    "Admin webhook": "admin",
    "Manager webhook": "manager",
    "OAuth client_id": "client_id",
    "OAuth client_secret": "client_secret",
    "OAuth authorize URL": "authorize",
    "OAuth token URL": "token",
    "OLChat API base URL": "olchat_base",
    "OLChat token": "olchat_token",
}


@pytest.fixture
def cli_sandbox() -> Iterator[tuple[subprocess.Popen[str], dict[str, str]]]:
    with subprocess.Popen(
        [sys.executable, "-m", "olchat_desktop", "sandbox", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        printed: dict[str, str] = {}
        try:
            assert process.stdout is not None
            for line in process.stdout:
                for label, key in LABELS.items():
                    if label in line:
                        printed[key] = line.split(":", 1)[1].strip()
                if "Stop:" in line:
                    break
            yield process, printed
        finally:
            if process.poll() is None:
                process.terminate()  # only the process this fixture started
            process.wait(timeout=10)


def test_cli_prints_credentials_that_work(
    cli_sandbox: tuple[subprocess.Popen[str], dict[str, str]],
) -> None:
    process, printed = cli_sandbox
    assert set(printed) == set(LABELS.values())
    with httpx.Client(timeout=5, follow_redirects=False) as client:
        for who in ("admin", "manager"):
            # A valid webhook passes authentication: an unknown method is 404, not 401.
            response = client.post(printed[who] + "sandbox.no.such.method", json={})
            assert response.json()["error"] == "ERROR_METHOD_NOT_FOUND"
        bad = printed["admin"].replace("/rest/1/", "/rest/2/")
        assert client.post(bad + "profile", json={}).status_code == 401
        authorize = client.get(
            printed["authorize"],
            params={"client_id": printed["client_id"], "redirect_uri": "http://127.0.0.1:9/cb"},
        )
        code = parse_qs(urlsplit(authorize.headers["location"]).query)["code"][0]
        tokens = client.get(
            printed["token"],
            params={
                "grant_type": "authorization_code",
                "client_id": printed["client_id"],
                "client_secret": printed["client_secret"],
                "code": code,
            },
        )
        assert tokens.status_code == 200 and tokens.json()["access_token"]
        line = client.get(f"{printed['olchat_base']}/{printed['olchat_token']}/v2/line.status.get/")
        assert line.status_code == 200
    process.terminate()
    assert process.wait(timeout=10) == 0


def test_cli_reports_a_busy_port() -> None:
    with Sandbox() as running:
        done = subprocess.run(
            [sys.executable, "-m", "olchat_desktop", "sandbox", "--port", str(running.port)],
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 1
    assert "Cannot open port" in done.stderr
    assert "Traceback" not in done.stderr
