"""Benchmark: auditing a portal with 500 workflow/automation templates.

The sandbox portal is seeded with ``PortalState(workflow_templates=500)`` and keeps its
standard rate limit (leaky bucket 2/s, burst 50), and so does the client. Two strategies
are compared in the same run: the audit's "first page, then pages in batches" and one
request per page. Printed: REST requests, 503 refusals seen by the portal, and the median
time of a few runs of each, with their ratio.

Run: ``python -m benchmarks.robots_bench``. Not a test: timings vary with the machine.
"""

from __future__ import annotations

import statistics
import time

from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.robots.audit import AuditReport, audit_portal
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.clock import SandboxClock
from olchat_desktop.sandbox.portal_state import PortalState

TEMPLATES = 500
RUNS = 3


def _audit(sandbox: Sandbox, pages_per_batch: int) -> tuple[float, AuditReport, int]:
    before = len(sandbox.request_log)
    start = time.perf_counter()
    with BitrixClient(WebhookAuth(sandbox.webhook_url("admin"))) as client:
        report = audit_portal(client, pages_per_batch=pages_per_batch)
    elapsed = time.perf_counter() - start
    sent = sum(1 for _m, path in sandbox.request_log[before:] if path.startswith("/rest/"))
    return elapsed, report, sent


def main() -> None:
    clock = SandboxClock()
    portal = PortalState(clock, workflow_templates=TEMPLATES)
    with Sandbox(clock=clock, portal=portal) as sandbox:
        refusals = 0
        original = sandbox.bucket.try_acquire

        def counting_acquire() -> bool:
            nonlocal refusals
            allowed = original()
            refusals += not allowed
            return allowed

        sandbox.bucket.try_acquire = counting_acquire  # type: ignore[method-assign]
        results = {}
        for label, per_batch in (("batched", 25), ("page by page", 1)):
            times, report, sent = [], None, 0
            for _ in range(RUNS):
                elapsed, report, sent = _audit(sandbox, per_batch)
                times.append(elapsed)
            assert report is not None
            results[label] = statistics.median(times)
            print(
                f"{label:>13}: {report.templates_read} templates, {len(report.robots)} button "
                f"robots, {report.requests} requests counted by the audit, {sent} seen by the "
                f"portal, median {results[label] * 1000:.0f} ms over {RUNS} runs"
            )
        print(f"QUERY_LIMIT_EXCEEDED refusals at the portal: {refusals}")
        ratio = results["page by page"] / results["batched"]
        print(f"page-by-page / batched time ratio: {ratio:.2f}x")


if __name__ == "__main__":
    main()
