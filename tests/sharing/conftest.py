"""Two (or three) app instances sharing one sandbox portal's Disk folder.

Each :class:`App` has its own data home (library and sync state files) and its own
webhook, as two colleagues' computers would: the admin (user 1) and the manager (user 2).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.disk import DiskClient
from olchat_desktop.core.template import Template
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sharing.engine import SharedLibrarySync
from olchat_desktop.sharing.folders import ensure_default_folder
from olchat_desktop.sharing.report import SyncReport
from olchat_desktop.sharing.state import SyncState
from olchat_desktop.storage.library import TemplateLibrary

PROFILE = "team"


class App:
    def __init__(self, home: Path, webhook: str) -> None:
        self.home = home
        self.library = TemplateLibrary(home / "library.sqlite3")
        self.state = SyncState(home / "shared_sync.sqlite3")
        self.client = BitrixClient(WebhookAuth(webhook), rate_profile="off", sleep=lambda _s: None)
        self.disk = DiskClient(self.client)
        self.folder = ensure_default_folder(self.state, self.disk, PROFILE)

    def engine(self, **kwargs: Any) -> SharedLibrarySync:
        return SharedLibrarySync(self.library, self.state, self.disk, PROFILE, lang="en", **kwargs)

    def sync(self, **kwargs: Any) -> SyncReport:
        return self.engine(**kwargs).sync()

    def add(self, name: str, message: str = "Текст", *, share: bool = True) -> Template:
        template = self.library.create(Template(name=name, message=message))
        if share:
            self.engine().share([template.id])
        return template

    def edit(self, template_id: str, message: str) -> None:
        current = self.library.get(template_id)
        self.library.save(current.model_copy(update={"message": message}))

    def message(self, template_id: str) -> str:
        return self.library.get(template_id).message

    def close(self) -> None:
        self.disk.close()
        self.client.close()
        self.state.close()
        self.library.close()


@pytest.fixture
def portal(sandbox: Sandbox) -> Sandbox:
    sandbox.rate_profile = "off"
    return sandbox


@pytest.fixture
def apps(portal: Sandbox, tmp_path: Path) -> Iterator[tuple[App, App]]:
    a = App(tmp_path / "home-a", portal.webhook_url("admin"))
    b = App(tmp_path / "home-b", portal.webhook_url("manager"))
    yield a, b
    a.close()
    b.close()


def moved(report: SyncReport, kind: str) -> list[str]:
    return [item.template_id for item in report.moved[kind]]
