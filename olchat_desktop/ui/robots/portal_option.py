"""A portal the robots dialog can work on; shared by the dialog and its two tabs.

Kept apart from ``dialog`` so that the tabs, which the dialog composes, never import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from olchat_desktop.bitrix.client import BitrixClient


@dataclass(frozen=True)
class PortalOption:
    """A connected portal. ``open_client`` runs on a worker thread; the caller closes it."""

    label: str
    open_client: Callable[[], BitrixClient]
    webhook: bool
    app_domain: str = ""
