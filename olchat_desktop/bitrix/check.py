""" "Test connection" / ``portal check``: who am I, am I admin, which scopes miss per feature.

``profile`` is the reference's "best who am I / am I admin probe" and ``scope`` lists the
scopes granted to this webhook or app (reference §4.3). A feature works only when every
scope it needs is granted.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.services import BitrixServices

FEATURE_SCOPES: dict[str, tuple[str, ...]] = {
    "send_workflow": ("bizproc",),
    "find_contact": ("crm",),
    "lines": ("imopenlines",),
}


@dataclass(frozen=True)
class PortalCheck:
    portal: str
    user_id: int
    user_name: str
    admin: bool
    scopes: tuple[str, ...]
    missing: dict[str, list[str]]

    def as_json(self) -> dict[str, Any]:
        return {
            "portal": self.portal,
            "user_id": self.user_id,
            "user_name": self.user_name,
            "admin": self.admin,
            "scopes": list(self.scopes),
            "missing": self.missing,
        }


def missing_scopes(granted: set[str]) -> dict[str, list[str]]:
    """Features that cannot work, each with the scopes it still needs."""
    missing: dict[str, list[str]] = {}
    for feature, needed in FEATURE_SCOPES.items():
        lacking = [scope for scope in needed if scope not in granted]
        if lacking:
            missing[feature] = lacking
    return missing


def check_portal(client: BitrixClient) -> PortalCheck:
    services = BitrixServices(client)
    profile = services.profile()
    scopes = services.scope()
    return PortalCheck(
        portal=client.domain,
        user_id=profile.id,
        user_name=profile.full_name,
        admin=profile.admin,
        scopes=tuple(sorted(scopes)),
        missing=missing_scopes(set(scopes)),
    )
