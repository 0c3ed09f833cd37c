"""Which portal a window's sync talks to, and one sync run (called in a worker thread).

Demo mode: the window's sandbox, as its admin; the state is keyed by the sandbox's member
id, so a new sandbox (every demo start) starts a fresh sync state instead of mistaking
its empty folder for "everything was deleted". Otherwise: the profile chosen in the folder
dialog, else the first saved portal profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from olchat_desktop.cancel import CancelToken
from olchat_desktop.core.i18n import Lang, text


class NoPortalError(Exception):
    def __init__(self, lang: Lang) -> None:
        super().__init__(text(lang, "Connect a Bitrix24 portal first (File → Connections…)."))


@dataclass
class SyncTarget:
    client: Any  # BitrixClient
    profile: str
    demo_sandbox: Any = None


def demo_target(sandbox: Any) -> SyncTarget:
    from olchat_desktop.bitrix.auth import WebhookAuth
    from olchat_desktop.bitrix.client import BitrixClient

    client = BitrixClient(WebhookAuth(sandbox.webhook_url("admin")), rate_profile="off")
    return SyncTarget(client, f"demo:{sandbox.member_id}", sandbox)


def profile_target(service: Any, lang: Lang, preferred: str | None = None) -> SyncTarget:
    """The profile chosen in the folder dialog (``preferred``) if it still exists, else
    the first saved portal profile."""
    portals = list(service.profiles.portals)
    if not portals:
        raise NoPortalError(lang)
    profile = next((p for p in portals if p.id == preferred), portals[0])
    return SyncTarget(service.bitrix_client(profile.id), profile.id)


def run_sync(
    target: SyncTarget,
    library: Any,
    lang: Lang,
    token: CancelToken,
    share: list[str] | None = None,
) -> Any:
    """One sync (share ``share`` first); returns the SyncReport. Worker thread only."""
    from olchat_desktop.bitrix.disk import DiskClient
    from olchat_desktop.sharing.engine import SharedLibrarySync
    from olchat_desktop.sharing.folders import ensure_default_folder
    from olchat_desktop.sharing.state import SyncState

    state = SyncState()
    disk = DiskClient(target.client)
    try:
        if target.demo_sandbox is not None and state.folder(target.profile) is None:
            from olchat_desktop.sharing.demo import seed_colleague_template

            seed_colleague_template(target.demo_sandbox)
        ensure_default_folder(state, disk, target.profile)
        engine = SharedLibrarySync(library, state, disk, target.profile, lang=lang, cancel=token)
        if share:
            engine.share(share)
        report = engine.sync()
        if not report.offline:
            from olchat_desktop.sharing.editors import learn_editor_names

            learn_editor_names(state, target.client, target.profile)  # the sidebar's names
        return report
    finally:
        disk.close()
        target.client.close()
        state.close()


def file_versions(target: SyncTarget, file_id: int) -> list[dict[str, Any]]:
    """The Disk versions of a shared file, newest first (worker thread only)."""
    from olchat_desktop.bitrix.disk import DiskClient

    disk = DiskClient(target.client)
    try:
        return disk.versions(file_id)
    finally:
        disk.close()
        target.client.close()
