"""Open "Check on real data…" from the editor (Message menu) — the hook stays this small.

The window and everything it needs (httpx, the portal clients, the preview) are imported
when it opens, never at start-up. Portals are those of the robots dialog: the connected
profiles, or the demo sandbox (which demo mode seeds with a few thousand deals).
"""

from __future__ import annotations

from typing import Any


def open_dry_run_window(window: Any) -> Any:
    """Show the window (one per main window; shown again with its report if reopened)."""
    existing = getattr(window, "dryRunWindow", None)
    if existing is not None:  # closed windows are only hidden: the last report is kept
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    from olchat_desktop.ui.busy import busy_cursor

    with busy_cursor():  # the first opening loads httpx and the portal clients
        from olchat_desktop.ui.dry_run.controller import DryRunController
        from olchat_desktop.ui.dry_run.view import DryRunView
        from olchat_desktop.ui.robots.open_dialog import profile_portals, sandbox_portals

        portals = profile_portals()
        if not portals:
            from olchat_desktop.ui.demo_sandbox import running_sandbox

            sandbox = running_sandbox(window)
            if sandbox is not None:
                portals = [_seeding(p, sandbox) for p in sandbox_portals(sandbox) if p.webhook]
        view = DryRunView(window)
        view.controller = DryRunController(view, portals, window.editor.draft)
    view.show()
    window.dryRunWindow = view
    return view


def _seeding(option: Any, sandbox: Any) -> Any:
    """The demo sandbox's portal option, seeding its bulk deals on first use (worker)."""
    from dataclasses import replace

    def open_client() -> Any:
        from olchat_desktop.sandbox.seed_bulk import ensure_demo_items

        ensure_demo_items(sandbox.portal)
        return option.open_client()

    return replace(option, open_client=open_client)
