"""``olchat-desktop library sync`` against the sandbox: exit 0 synced, 1 conflicts, 2 errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from olchat_desktop import cli
from olchat_desktop.commands import library_sync
from olchat_desktop.connections.service import ConnectionService
from olchat_desktop.core.template import Template
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sharing.demo import COLLEAGUE_TEMPLATE
from olchat_desktop.storage.library import TemplateLibrary
from olchat_desktop.storage.profiles import ProfileStore
from olchat_desktop.storage.secret_store_factory import shared_secret_store
from tests.sharing.conftest import App


def test_demo_pulls_the_colleague_template_and_shares_ours(
    tmp_path: Path, olchat_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "lib.sqlite3"
    with TemplateLibrary(path) as library:
        mine = library.create(Template(name="Мой", message="Текст"))
    args = ["--lang", "en", "library", "--library", str(path), "sync", "--demo", "--share-all"]
    assert cli.main([*args, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [i["id"] for i in report["moved"]["added_local"]] == [COLLEAGUE_TEMPLATE.id]
    assert [i["id"] for i in report["moved"]["uploaded"]] == [mine.id]
    with TemplateLibrary(path) as library:
        assert library.get(COLLEAGUE_TEMPLATE.id).buttons == ["Приду", "Перенести"]
    # Without --library the demo works on a scratch copy: the real library stays as it was.
    assert cli.main(["--lang", "ru", "library", "sync", "--demo"]) == 0
    assert "новых с портала: Напоминание о встрече" in capsys.readouterr().out
    with TemplateLibrary(olchat_home / "library.sqlite3") as library:
        assert library.is_empty()


def test_profile_sync_conflict_then_error(
    sandbox: Sandbox, tmp_path: Path, olchat_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox.rate_profile = "off"
    profiles = ProfileStore(shared_secret_store())
    profiles.load()
    ConnectionService(profiles).save_webhook_portal("Продажи", sandbox.webhook_url("admin"))
    with TemplateLibrary() as library:
        t = library.create(Template(name="Запись", message="v0"))
    sync = ["--lang", "en", "library", "sync", "--profile", "продажи"]
    assert cli.main([*sync, "--share-all"]) == 0
    assert "shared to the portal: Запись" in capsys.readouterr().out

    colleague = App(tmp_path / "colleague", sandbox.webhook_url("manager"))
    try:
        colleague.sync()
        colleague.edit(t.id, "colleague's text")
        colleague.sync()
    finally:
        colleague.close()
    with TemplateLibrary() as library:
        library.save(library.get(t.id).model_copy(update={"message": "my text"}))
    assert cli.main(sync) == 1
    out = capsys.readouterr().out
    assert "conflict: Запись — edited here and there" in out and "conflicts: 1" in out
    assert cli.main(sync) == 1  # the conflict stays until it is resolved
    capsys.readouterr()

    with sandbox.lock:
        disk = sandbox.portal.disk
        folder = next(o for o in disk.objects.values() if o.name == "OLChat шаблоны")
        disk.mark_deleted(folder, 1)
    assert cli.main([*sync, "--json"]) == 2
    report = json.loads(capsys.readouterr().out)
    assert "was deleted from Bitrix24 Disk" in report["errors"][0]
    secret = sandbox.webhook_url("admin").rstrip("/").rsplit("/", 1)[1]
    assert secret not in json.dumps(report)


def test_unknown_profile_and_missing_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--lang", "en", "library", "sync", "--profile", "nope"]) == 2
    assert capsys.readouterr().err.startswith("error: no portal profile named 'nope'")
    with pytest.raises(SystemExit):
        cli.main(["library", "sync"])
    assert library_sync.EXIT_ERRORS == 2


def test_folder_option_picks_an_existing_folder(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    sandbox.rate_profile = "off"
    disk = sandbox.portal.disk
    group = next(s for s in disk.storages.values() if s.entity_type == "group")
    with sandbox.lock:
        folder = disk.add_folder(disk.objects[group.root_id], "Шаблоны отдела", 1)
    profiles = ProfileStore(shared_secret_store())
    profiles.load()
    ConnectionService(profiles).save_webhook_portal("Отдел", sandbox.webhook_url("admin"))
    with TemplateLibrary() as library:
        t = library.create(Template(name="Групповой", message="x"))
    args = ["--lang", "en", "library", "sync", "--profile", "Отдел", "--json", "--share-all"]
    assert cli.main([*args, "--folder", str(folder.id)]) == 0
    assert [i["id"] for i in json.loads(capsys.readouterr().out)["moved"]["uploaded"]] == [t.id]
    assert [o.name for o in disk.children(folder)] == [f"Групповой [{t.id}].json"]
    assert cli.main([*args, "--folder", "999999"]) == 2  # no such folder: a clear message
    assert "Bitrix24 Disk has no folder with ID 999999" in capsys.readouterr().err
