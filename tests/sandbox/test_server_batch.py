"""The sandbox's ``batch`` method over HTTP, and its parameter helpers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.envelope import parse_php_query, php_array
from olchat_desktop.sandbox.http_handler import redact

pytestmark = pytest.mark.integration


def _batch(client: httpx.Client, sandbox: Sandbox, **params: Any) -> httpx.Response:
    return client.post(sandbox.webhook_url() + "batch", json=params)


def test_batch_runs_commands_with_result_references(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    cmd = {
        "page": f"{probes.LIST}?start=50",
        "whole": f"{probes.ECHO}?ids=$result[page][1]&total=$result_total[page]",
        "inline": f"{probes.ECHO}?text=first+is+$result[page][0][ID]!&missing=$result[nope][X]",
    }
    response = _batch(client, sandbox, cmd=cmd)
    assert response.status_code == 200
    body = response.json()
    result = body["result"]
    assert len(result["result"]["page"]) == 50
    assert result["result_total"] == {"page": 120}
    assert result["result_next"] == {"page": 100}
    assert result["result"]["whole"]["params"] == {"ids": {"ID": "52"}, "total": 120}
    assert result["result"]["inline"]["params"] == {"text": "first is 51!", "missing": ""}
    assert result["result_error"] == []  # PHP's empty array, not {}
    assert set(result["result_time"]) == {"page", "whole", "inline"}
    assert body["time"]["operating"] == 0  # the outer batch is not counted


def test_batch_errors_land_in_result_error_and_halt_stops(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    cmd = {"a": probes.ECHO, "b": probes.FAIL, "c": "no.such.method", "d": probes.ECHO}
    free = _batch(client, sandbox, cmd=cmd, halt=0).json()["result"]
    assert set(free["result"]) == {"a", "d"}
    assert free["result_error"] == {
        "b": {"error": "ERROR_PROBE", "error_description": "Probe failure"},
        "c": {"error": "ERROR_METHOD_NOT_FOUND", "error_description": "Method not found!"},
    }
    halted = _batch(client, sandbox, cmd=cmd, halt=1).json()["result"]
    assert set(halted["result"]) == {"a"}
    assert set(halted["result_error"]) == {"b"}


def test_batch_commands_get_the_same_checks(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    cmd = {"robot": probes.ROBOT, "nested": "batch?cmd[x]=profile"}
    result = _batch(client, sandbox, cmd=cmd).json()["result"]
    assert result["result_error"]["robot"]["error"] == "ACCESS_DENIED"
    assert result["result_error"]["nested"]["error"] == "ERROR_BATCH_METHOD_NOT_ALLOWED"
    assert result["result"] == []


def test_batch_list_and_form_encoding(probes: Any, sandbox: Sandbox, client: httpx.Client) -> None:
    listed = _batch(client, sandbox, cmd=[probes.ECHO, f"{probes.ECHO}?a[]=1&a[]=2"]).json()
    assert [item["params"] for item in listed["result"]["result"]] == [{}, {"a": ["1", "2"]}]
    form = client.post(
        sandbox.webhook_url() + "batch",
        data={"halt": "0", "cmd[one]": f"{probes.ECHO}?FILTER[PHONE]=79001112233"},
    )
    assert form.json()["result"]["result"]["one"]["params"] == {"FILTER": {"PHONE": "79001112233"}}


def test_batch_over_50_commands_is_refused(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    response = _batch(client, sandbox, cmd={f"c{i}": probes.ECHO for i in range(51)})
    assert response.status_code == 400
    assert response.json()["error"] == "ERROR_BATCH_LENGTH_EXCEEDED"


def test_batch_counts_once_for_the_bucket_and_per_command_for_operating_time(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    sandbox.method_costs[probes.ECHO] = 100.0
    response = _batch(client, sandbox, cmd={f"c{i}": probes.ECHO for i in range(50)})
    result = response.json()["result"]
    assert sandbox.bucket.level() < 2
    assert len(result["result"]) == 5  # 5 × 100 s reach the 480 s budget
    assert {e["error"] for e in result["result_error"].values()} == {"OPERATION_TIME_LIMIT"}


# --- helpers -------------------------------------------------------------------------------
def test_parse_php_query_nesting() -> None:
    assert parse_php_query("a[b][c]=1&a[b][d]=2&l[]=x&l[]=y&m[0]=p&m[2]=q&s=") == {
        "a": {"b": {"c": "1", "d": "2"}},
        "l": ["x", "y"],
        "m": {"0": "p", "2": "q"},  # not consecutive: stays a map
        "s": "",
    }


def test_php_array_quirk() -> None:
    assert php_array({}) == []
    assert php_array({"0": "a", "1": "b"}) == ["a", "b"]
    assert php_array({"1": "a"}) == {"1": "a"}


def test_redact_hides_secrets_in_paths() -> None:
    assert redact("/rest/12/abcdef0123456789/profile.json?x=1") == "/rest/12/***/profile.json?x=1"
    assert redact("/rest/profile?auth=tok&a=1") == "/rest/profile?auth=***&a=1"
    assert redact("/oauth/token/?code=c&refresh_token=r&client_secret=s") == (
        "/oauth/token/?code=***&refresh_token=***&client_secret=***"
    )
    assert redact("/olchat/rest/webhook/wa/tok123/v2/phone.check/") == (
        "/olchat/rest/webhook/wa/***/v2/phone.check/"
    )
