"""Benchmark: the Bitrix24 client's per-call overhead, and requests to list 5,000 contacts.

1. Per-call overhead: 500 ``server.time`` calls through :class:`BitrixClient` against 500
   raw ``httpx`` POSTs of the same body to the same sandbox, interleaved in blocks so
   machine noise hits both sides alike (platform.md: each side of a comparison in the
   same run). The sandbox's rate profile is "off" and the client's is "off" too, so the
   limiters are not the bottleneck. Printed: medians and their ratio (goal <= 1.2x).
2. Listing: the HTTP requests needed to iterate 5,000 contacts (goal <= 101).

Run: ``python -m benchmarks.bitrix_bench``. Not a test: timings vary with the machine.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import httpx

from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.services import BitrixServices
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.clock import SandboxClock
from olchat_desktop.sandbox.portal_state import PortalState

CALLS = 500
BLOCK = 50
GOAL_RATIO = 1.2
GOAL_LIST_REQUESTS = 101
METHOD = "server.time"


def _timed(call: Callable[[], object], count: int) -> list[float]:
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        call()
        samples.append(time.perf_counter() - start)
    return samples


def overhead() -> float:
    with Sandbox(port=0, rate_profile="off") as sandbox:
        url = sandbox.webhook_url("admin")
        client = BitrixClient(WebhookAuth(url), rate_profile="off")
        raw = httpx.Client(timeout=30.0, headers={"Accept": "application/json"})

        def raw_call() -> object:
            response = raw.post(url + METHOD, json={})
            response.raise_for_status()
            return response.json()["result"]

        def client_call() -> object:
            return client.result(METHOD)

        for _ in range(20):  # warm up connections and caches on both sides
            raw_call()
            client_call()
        raw_samples: list[float] = []
        client_samples: list[float] = []
        for _ in range(CALLS // BLOCK):
            raw_samples += _timed(raw_call, BLOCK)
            client_samples += _timed(client_call, BLOCK)
        raw.close()
        client.close()
    raw_ms = statistics.median(raw_samples) * 1000
    client_ms = statistics.median(client_samples) * 1000
    ratio = client_ms / raw_ms
    print(
        f"per-call median over {CALLS}: raw httpx {raw_ms:.3f} ms, "
        f"BitrixClient {client_ms:.3f} ms, ratio {ratio:.2f}x (goal <= {GOAL_RATIO}x)"
    )
    return ratio


def listing() -> int:
    clock = SandboxClock()
    portal = PortalState(clock.now, contacts=5000)
    with Sandbox(port=0, clock=clock, portal=portal, rate_profile="enterprise") as sandbox:
        client = BitrixClient(WebhookAuth(sandbox.webhook_url("admin")), rate_profile="enterprise")
        before = len(sandbox.request_log)
        start = time.perf_counter()
        count = sum(1 for _ in BitrixServices(client).contacts(select=("ID",)))
        seconds = time.perf_counter() - start
        requests = len(sandbox.request_log) - before
        client.close()
    print(
        f"listed {count} contacts with {requests} HTTP requests in {seconds:.2f} s "
        f"(goal <= {GOAL_LIST_REQUESTS} requests)"
    )
    return requests


def main() -> int:
    ratio = overhead()
    requests = listing()
    ok = ratio <= GOAL_RATIO and requests <= GOAL_LIST_REQUESTS
    print("goals met" if ok else "goal missed")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
