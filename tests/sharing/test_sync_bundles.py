"""Sync bundles (issue 19): a pull of 100 files changed in one colleague's sync costs a few
requests instead of 100 downloads, and a bundle is only ever a cache checked against
Disk's per-file content counter: a file changed again after the bundle, a damaged bundle
or an expired one never gives a wrong pull."""

from __future__ import annotations

from pathlib import Path

import pytest

from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sharing import bundles
from tests.sharing.conftest import App, moved


def _bundle_files(portal: Sandbox, app: App) -> list[str]:
    disk = portal.portal.disk
    folder = disk.objects[app.folder.folder_id]
    return [o.name for o in disk.children(folder) if bundles.is_bundle(o.name)]


def _share_100(a: App, b: App) -> list[str]:
    ids = [a.add(f"Шаблон {n:03d}", f"Версия 1 №{n}").id for n in range(100)]
    a.sync()
    b.sync()
    return ids


def test_pull_of_100_changed_files_in_a_few_requests(
    apps: tuple[App, App], portal: Sandbox
) -> None:
    a, b = apps
    ids = _share_100(a, b)
    for n, tid in enumerate(ids):
        a.edit(tid, f"Версия 2 №{n}")
    pushed = a.sync()
    assert len(moved(pushed, "pushed")) == 100
    assert len(_bundle_files(portal, a)) == 2  # the first upload's and this push's

    pulled = b.sync()
    assert sorted(moved(pulled, "pulled")) == sorted(ids)
    assert all(b.message(tid) == f"Версия 2 №{n}" for n, tid in enumerate(ids))
    # 2 REST (the listing: 1 page + 1 batch of pages) + 1 bundle GET, instead of 2 + 100.
    assert pulled.downloads == 1
    assert pulled.requests + pulled.downloads <= 10
    assert not pulled.ignored  # bundles are not "files that are not templates"


def test_a_file_changed_after_the_bundle_is_downloaded_itself(
    apps: tuple[App, App], portal: Sandbox, tmp_path: Path
) -> None:
    a, b = apps
    ids = _share_100(a, b)
    for n, tid in enumerate(ids):
        a.edit(tid, f"Версия 2 №{n}")
    a.sync()
    c = App(tmp_path / "home-c", portal.webhook_url("manager"))  # a third colleague
    try:
        c.sync()
        c.edit(ids[7], "Версия Ц")
        c.sync()  # one file: below the bundle threshold, so no bundle of its own
    finally:
        c.close()
    pulled = b.sync()
    assert b.message(ids[7]) == "Версия Ц"  # not the bundle's older content
    assert all(b.message(tid) == f"Версия 2 №{n}" for n, tid in enumerate(ids) if n != 7)
    assert pulled.downloads == 2  # the bundle, and the one file it no longer matches


def test_a_damaged_bundle_costs_one_get_and_nothing_else(
    apps: tuple[App, App], portal: Sandbox
) -> None:
    a, b = apps
    ids = _share_100(a, b)
    for n, tid in enumerate(ids[:20]):
        a.edit(tid, f"Версия 2 №{n}")
    a.sync()
    disk = portal.portal.disk
    folder = disk.objects[a.folder.folder_id]
    newest = max(
        (o for o in disk.children(folder) if bundles.is_bundle(o.name)), key=lambda o: o.id
    )
    disk.upload_version(newest, b'{"format": "olchat-sync-bundle", "files": [{"id": ', 1)
    pulled = b.sync()
    assert all(b.message(tid) == f"Версия 2 №{n}" for n, tid in enumerate(ids[:20]))
    assert pulled.downloads == 21 and not pulled.errors and not pulled.broken


def test_small_pushes_write_no_bundle_and_old_ones_expire(
    apps: tuple[App, App], portal: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, _b = apps
    for n in range(bundles.MIN_FILES - 1):
        a.add(f"t{n}")
    a.sync()
    assert _bundle_files(portal, a) == []
    for n in range(bundles.MIN_FILES):
        a.add(f"u{n}")
    a.sync()
    first = _bundle_files(portal, a)
    assert len(first) == 1
    monkeypatch.setattr(bundles, "TTL_SECONDS", -1)  # every earlier bundle is old now
    for n in range(bundles.MIN_FILES):
        a.add(f"v{n}")
    a.sync()
    left = _bundle_files(portal, a)
    assert len(left) == 1 and left != first  # the old one went to Disk's trash
