"""Two app libraries syncing through the sandbox portal's Disk (issue 19 acceptance)."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import httpx

from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sharing import conflicts
from olchat_desktop.sharing.shared_file import decode
from tests.sharing.conftest import App, moved


def remote_files(portal: Sandbox, app: App) -> dict[str, bytes]:
    disk = portal.portal.disk
    folder = disk.objects[app.folder.folder_id]
    return {obj.name: obj.content for obj in disk.children(folder)}


def upload_raw(portal: Sandbox, folder_id: int, name: str, data: bytes) -> dict[str, object]:
    answer = httpx.post(
        portal.webhook_url("admin") + "disk.folder.uploadfile",
        json={
            "id": folder_id,
            "data": {"NAME": name},
            "fileContent": [name, base64.b64encode(data).decode()],
        },
    ).json()
    return answer["result"]  # type: ignore[no-any-return]


def test_create_and_edit_on_a_appear_on_b(apps: tuple[App, App], portal: Sandbox) -> None:
    a, b = apps
    assert a.folder.folder_id == b.folder.folder_id  # both found «OLChat шаблоны»
    t = a.add("Подтверждение записи", "Вы записаны на {{Дата}}")
    local_only = a.add("Черновик", share=False)
    first = a.sync()
    assert moved(first, "uploaded") == [t.id] and first.exit_code == 0
    names = list(remote_files(portal, a))
    assert names == [f"Подтверждение записи [{t.id}].json"]
    body = json.loads(remote_files(portal, a)[names[0]])
    assert body["format"] == "olchat-button-template" and body["id"] == t.id
    assert decode(remote_files(portal, a)[names[0]], t.id).hash == body["content_hash"]

    got = b.sync()
    assert moved(got, "added_local") == [t.id]
    assert b.message(t.id) == "Вы записаны на {{Дата}}"
    assert local_only.id not in {x.id for x in b.library.list_templates()}

    a.edit(t.id, "Ждём вас {{Дата}}")
    assert moved(a.sync(), "pushed") == [t.id]
    assert moved(b.sync(), "pulled") == [t.id]
    assert b.message(t.id) == "Ждём вас {{Дата}}"
    versions = a.disk.versions(
        next(iter(portal.portal.disk.children(portal.portal.disk.objects[a.folder.folder_id]))).id
    )
    assert len(versions) == 2  # Disk's history is the audit trail
    # In sync: nothing moves, and the quiet sync costs one listing request.
    quiet = a.sync()
    assert quiet.moved_count == 0 and quiet.requests == 1 and quiet.exit_code == 0


def test_concurrent_edit_is_a_conflict_with_both_versions(apps: tuple[App, App]) -> None:
    a, b = apps
    t = a.add("Доставка", "v0")
    a.sync()
    b.sync()
    a.edit(t.id, "edited on A")
    b.edit(t.id, "edited on B")
    assert a.sync().exit_code == 0  # first to sync wins the portal
    second = b.sync()
    assert second.exit_code == 1
    assert [c.template_id for c in second.conflicts] == [t.id]
    assert b.message(t.id) == "edited on B"  # the local version is kept...
    conflict = b.state.conflicts("team")[t.id]
    assert conflict.remote_body is not None
    assert conflict.remote_body["message"] == "edited on A"  # ...and the portal's too
    both = conflicts.versions(b.engine(), t.id)
    assert both is not None and both.local is not None and both.remote is not None
    assert (both.local.message, both.remote.message) == ("edited on B", "edited on A")
    assert both.remote_updated_by == 1  # A is the admin: who changed it there
    # The conflict blocks that template: another sync changes nothing and still reports it.
    again = b.sync()
    assert again.moved_count == 0 and again.exit_code == 1
    assert a.sync().moved_count == 0 and a.message(t.id) == "edited on A"
    # Keep both: the portal's version stays shared, ours becomes a local copy.
    b.engine().resolve(t.id, "both")
    assert b.message(t.id) == "edited on A"
    copies = [x for x in b.library.list_templates() if x.message == "edited on B"]
    assert len(copies) == 1 and copies[0].id != t.id
    assert b.sync().exit_code == 0


def test_keep_local_resolution_pushes_ours(apps: tuple[App, App]) -> None:
    a, b = apps
    t = a.add("Отзыв", "v0")
    a.sync()
    b.sync()
    a.edit(t.id, "A")
    b.edit(t.id, "B")
    a.sync()
    assert b.sync().exit_code == 1
    b.engine().resolve(t.id, "local")
    assert moved(b.sync(), "pushed") == [t.id]
    assert moved(a.sync(), "pulled") == [t.id] and a.message(t.id) == "B"


def test_delete_on_b_moves_to_trash_on_a(apps: tuple[App, App], portal: Sandbox) -> None:
    a, b = apps
    keep, gone = a.add("Остаётся"), a.add("Удалится")
    a.sync()
    b.sync()
    b.library.delete(gone.id)
    assert moved(b.sync(), "deleted_remote") == [gone.id]
    assert [name for name in remote_files(portal, a)] == [f"Остаётся [{keep.id}].json"]
    report = a.sync()
    assert moved(report, "trashed_local") == [gone.id]
    assert [entry.template.id for entry in a.library.list_trash()] == [gone.id]
    assert a.library.get(gone.id).message == "Текст"  # in the trash, not destroyed


def test_edit_against_remote_delete_is_a_conflict(apps: tuple[App, App]) -> None:
    a, b = apps
    t = a.add("Спорный")
    a.sync()
    b.sync()
    b.library.delete(t.id)
    b.sync()
    a.edit(t.id, "changed while B deleted it")
    report = a.sync()
    assert report.exit_code == 1 and a.message(t.id) == "changed while B deleted it"
    a.engine().resolve(t.id, "local")  # share it again
    assert moved(a.sync(), "uploaded") == [t.id]
    # B had deleted it: it comes back out of B's trash with A's version.
    assert moved(b.sync(), "restored") == [t.id]
    assert b.message(t.id) == "changed while B deleted it" and not b.library.list_trash()


def test_read_only_user_gets_local_copies(
    apps: tuple[App, App], portal: Sandbox, tmp_path: Path
) -> None:
    a, _b = apps
    t = a.add("Общий", "original")
    a.sync()
    portal.portal.disk.set_access(a.folder.folder_id, 3, "read")
    reader = App(tmp_path / "home-c", portal.add_webhook(3, ["disk"]))
    try:
        assert moved(reader.sync(), "added_local") == [t.id]
        reader.edit(t.id, "my change")
        report = reader.sync()
        assert report.read_only and report.exit_code == 0
        assert any("read" in note for note in report.notes)
        copies = report.moved["local_copies"]
        assert len(copies) == 1 and reader.message(copies[0].template_id) == "my change"
        assert reader.message(t.id) == "original"  # the shared one follows the portal
        assert reader.state.folder("team").read_only  # type: ignore[union-attr]
        # Once known read-only, later edits become copies without trying to write.
        reader.edit(t.id, "second change")
        requests_before = reader.client.requests_sent
        assert len(reader.sync().moved["local_copies"]) == 1
        assert reader.client.requests_sent - requests_before == 1  # just the listing
        a.edit(t.id, "from the owner")
        a.sync()
        assert moved(reader.sync(), "pulled") == [t.id]
        assert reader.message(t.id) == "from the owner"
    finally:
        reader.close()


def test_non_template_listed_once_and_broken_file_never_imported(
    apps: tuple[App, App], portal: Sandbox
) -> None:
    a, b = apps
    t = a.add("Хороший", "good")
    a.sync()
    b.sync()
    upload_raw(portal, a.folder.folder_id, "Прайс.xlsx", b"PK\x03\x04")
    disk = portal.portal.disk
    shared = next(o for o in disk.children(disk.objects[a.folder.folder_id]) if t.id in o.name)
    with portal.lock:
        disk.upload_version(shared, b'{"format": "olchat-button-template", "mess', 1)
    report = b.sync()
    assert [item.name for item in report.ignored] == ["Прайс.xlsx"]
    assert [item.template_id for item in report.broken] == [t.id]
    assert "JSON" in report.broken[0].detail
    assert b.message(t.id) == "good"  # never imported over the good local copy
    again = b.sync()
    assert again.ignored == [] and again.broken == []  # each is listed once
    assert b.message(t.id) == "good"
    # A local edit repairs the broken file (the broken one stays in Disk's history).
    a.edit(t.id, "fixed")
    repaired = a.sync()
    assert [i.template_id for i in repaired.broken] == [t.id]  # A sees it broken once too
    assert moved(repaired, "pushed") == [t.id]
    assert moved(b.sync(), "pulled") == [t.id] and b.message(t.id) == "fixed"


def test_specific_errors(apps: tuple[App, App], portal: Sandbox) -> None:
    a, b = apps
    t = a.add("Квота")
    a.sync()
    portal.portal.disk.common_storage().quota_bytes = 10
    a.edit(t.id, "longer text " * 20)
    quota = a.sync()
    assert quota.exit_code == 2 and "out of space" in quota.errors[0]
    portal.portal.disk.common_storage().quota_bytes = None
    assert moved(a.sync(), "pushed") == [t.id]  # kept locally, sent once there is room

    portal.portal.disk.set_access(b.folder.folder_id, 2, "none")
    denied = b.sync()
    assert denied.exit_code == 2 and "No access to the folder" in denied.errors[0]
    portal.portal.disk.set_access(b.folder.folder_id, 2, None)

    with portal.lock:
        folder = portal.portal.disk.objects[a.folder.folder_id]
        portal.portal.disk.mark_deleted(folder, 1)
    gone = a.sync()
    assert gone.exit_code == 2 and "was deleted from Bitrix24 Disk" in gone.errors[0]
    assert a.library.get(t.id).message.startswith("longer text")  # local untouched


def test_dropped_upload_answer_is_recognised_not_a_conflict(
    apps: tuple[App, App], portal: Sandbox
) -> None:
    a, b = apps
    t1, t2 = a.add("Один"), a.add("Два")
    a.sync()
    b.sync()
    a.edit(t1.id, "one")
    a.edit(t2.id, "two")
    portal.faults.drop_next("disk.file.uploadversion", after_apply=True)
    dropped = a.sync()
    assert dropped.exit_code == 2 and "connection dropped" in dropped.errors[0]
    a.edit(t1.id, "one, then more")  # edited again before the next sync
    report = a.sync()
    assert report.exit_code == 0, report.errors
    assert moved(report, "pushed") == [t1.id]
    b.sync()
    assert (b.message(t1.id), b.message(t2.id)) == ("one, then more", "two")


def test_dropped_before_applied_and_new_file_upload(apps: tuple[App, App], portal: Sandbox) -> None:
    a, b = apps
    t = a.add("Новый")
    portal.faults.drop_next("disk.folder.uploadfile", after_apply=True)
    assert a.sync().exit_code == 2
    assert len(remote_files(portal, a)) == 1  # it landed; the answer did not
    report = a.sync()
    assert report.exit_code == 0 and report.moved_count == 0  # linked, not uploaded twice
    assert len(remote_files(portal, a)) == 1
    a.edit(t.id, "second")
    portal.faults.drop_next("disk.file.uploadversion", after_apply=False)
    assert a.sync().exit_code == 2
    assert moved(a.sync(), "pushed") == [t.id]
    assert moved(b.sync(), "added_local") == [t.id] and b.message(t.id) == "second"


def test_sandbox_restart_between_list_and_download(apps: tuple[App, App], portal: Sandbox) -> None:
    a, b = apps
    ids = [a.add(f"Шаблон {i}").id for i in range(3)]
    a.sync()
    restarted: list[bool] = []

    def restart_once(phase: str, done: int, total: int) -> None:
        if phase == "download" and not restarted:
            restarted.append(True)
            portal.restart()  # every DOWNLOAD_URL listed so far is now invalid

    report = b.sync(progress=restart_once)
    assert restarted and report.exit_code == 0, report.errors
    assert sorted(moved(report, "added_local")) == sorted(ids)


def test_typing_during_a_sync_is_never_overwritten_by_a_pull(apps: tuple[App, App]) -> None:
    a, b = apps
    t = a.add("Во время синхронизации", "v0")
    a.sync()
    b.sync()
    a.edit(t.id, "from A")
    a.sync()

    def type_meanwhile(phase: str, done: int, total: int) -> None:
        if phase == "download":  # after B's snapshot, before the pull is written
            b.edit(t.id, "typed on B during the sync")

    report = b.sync(progress=type_meanwhile)
    assert moved(report, "pulled") == [] and report.exit_code == 1  # a conflict instead
    assert b.message(t.id) == "typed on B during the sync"
    remote = b.state.conflicts("team")[t.id].remote_body
    assert remote is not None and remote["message"] == "from A"
