"""Sandbox limits: the leaky bucket (503) and per-method operating time (429)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.limits import LeakyBucket, OperatingTime


class FakeNow:
    def __init__(self, start: float = 1_000_000.0) -> None:
        self.value = start

    def __call__(self) -> float:
        return self.value


# --- units ---------------------------------------------------------------------------------
def test_bucket_blocks_above_capacity_and_drains_at_its_rate() -> None:
    now = FakeNow()
    bucket = LeakyBucket(now, "standard")
    assert all(bucket.try_acquire() for _ in range(50))
    assert not bucket.try_acquire()
    assert bucket.level() == 50  # a refused request adds nothing
    now.value += 0.5  # drains 1 at 2/s
    assert bucket.try_acquire()
    assert not bucket.try_acquire()
    now.value += 25
    assert bucket.level() == 50  # level is updated on acquire only
    assert all(bucket.try_acquire() for _ in range(50))


def test_enterprise_and_off_profiles() -> None:
    now = FakeNow()
    bucket = LeakyBucket(now, "enterprise")
    assert all(bucket.try_acquire() for _ in range(250))
    assert not bucket.try_acquire()
    now.value += 1.0  # 5 per second
    assert sum(bucket.try_acquire() for _ in range(10)) == 5
    bucket.profile = "off"
    assert all(bucket.try_acquire() for _ in range(1000))
    with pytest.raises(ValueError):
        bucket.profile = "unlimited"


def test_operating_time_blocks_at_budget_until_oldest_bucket_leaves() -> None:
    now = FakeNow(6_000.0)  # a minute boundary
    operating = OperatingTime(now)
    operating.record("webhook:1", "crm.item.list", 300)
    now.value += 120
    operating.record("webhook:1", "crm.item.list", 180)
    status = operating.status("webhook:1", "crm.item.list")
    assert (status.used, status.blocked, status.reset_at) == (480, True, 6_600.0)
    assert not operating.status("webhook:1", "profile").blocked
    assert not operating.status("app:x", "crm.item.list").blocked
    now.value = 6_600.0  # the first bucket drops out, 180 s remain
    status = operating.status("webhook:1", "crm.item.list")
    assert (status.used, status.blocked, status.reset_at) == (180, False, 6_720.0)


# --- over HTTP -----------------------------------------------------------------------------
@pytest.mark.integration
def test_burst_above_50_gets_503_then_recovers(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    webhook = sandbox.webhook_url()
    first = [probes.call(client, webhook, probes.ECHO).status_code for _ in range(50)]
    assert first == [200] * 50
    rest = [probes.call(client, webhook, probes.ECHO) for _ in range(10)]
    refused = [r for r in rest if r.status_code == 503]
    assert refused, "the bucket never overflowed"
    assert refused[0].json() == {
        "error": "QUERY_LIMIT_EXCEEDED",
        "error_description": "Too many requests",
    }
    sandbox.clock.advance(5)  # drains 10 requests
    assert probes.call(client, webhook, probes.ECHO).status_code == 200


@pytest.mark.integration
def test_rate_profiles_change_the_burst(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    webhook = sandbox.webhook_url()
    sandbox.rate_profile = "enterprise"
    statuses = [probes.call(client, webhook, probes.ECHO).status_code for _ in range(120)]
    assert statuses == [200] * 120
    sandbox.rate_profile = "off"
    statuses = [probes.call(client, webhook, probes.ECHO).status_code for _ in range(150)]
    assert statuses == [200] * 150


@pytest.mark.integration
def test_failed_authentication_does_not_use_the_bucket(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    bad = f"{sandbox.base_url}/rest/1/{'z' * 16}/"
    assert {probes.call(client, bad, probes.ECHO).status_code for _ in range(60)} == {401}
    webhook = sandbox.webhook_url()
    assert [probes.call(client, webhook, probes.ECHO).status_code for _ in range(50)] == [200] * 50


@pytest.mark.integration
def test_operating_time_429_until_reset(
    probes: Any, sandbox: Sandbox, client: httpx.Client
) -> None:
    webhook = sandbox.webhook_url("admin")
    sandbox.method_costs[probes.ECHO] = 100.0
    answers = [probes.call(client, webhook, probes.ECHO) for _ in range(5)]
    assert [a.status_code for a in answers] == [200] * 5
    assert answers[-1].json()["time"]["operating"] == 100.0
    blocked = probes.call(client, webhook, probes.ECHO)
    assert blocked.status_code == 429
    payload = blocked.json()
    assert payload["error"] == "OPERATION_TIME_LIMIT"
    reset_at = payload["time"]["operating_reset_at"]
    assert sandbox.clock.now() < reset_at <= sandbox.clock.now() + 600
    # Only this method and this webhook are blocked.
    assert probes.call(client, webhook, probes.CRM).status_code == 200
    assert probes.call(client, sandbox.webhook_url("manager"), probes.ECHO).status_code == 200
    sandbox.clock.advance(reset_at - sandbox.clock.now() + 1)
    assert probes.call(client, webhook, probes.ECHO).status_code == 200
