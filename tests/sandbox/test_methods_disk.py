"""The sandbox's Disk over real HTTP: storages, folders, uploads, versions, rights, faults."""

from __future__ import annotations

import base64
from typing import Any

import httpx
import pytest

from olchat_desktop.sandbox import Sandbox


def call(client: httpx.Client, hook: str, method: str, **params: Any) -> dict[str, Any]:
    return client.post(hook + method, json=params).json()  # type: ignore[no-any-return]


def content(text: str) -> list[str]:
    return ["t.json", base64.b64encode(text.encode()).decode()]


def common_root(client: httpx.Client, hook: str) -> str:
    storages = call(client, hook, "disk.storage.getlist")["result"]
    common = next(s for s in storages if s["ENTITY_TYPE"] == "common")
    return str(common["ROOT_OBJECT_ID"])


def make_folder(client: httpx.Client, sandbox: Sandbox) -> str:
    admin = sandbox.webhook_url("admin")
    root = common_root(client, admin)
    folder = call(
        client, admin, "disk.folder.addsubfolder", id=root, data={"NAME": "OLChat шаблоны"}
    )
    return str(folder["result"]["ID"])


def test_storages_per_user(sandbox: Sandbox, client: httpx.Client) -> None:
    admin = call(client, sandbox.webhook_url("admin"), "disk.storage.getlist")["result"]
    manager = call(client, sandbox.webhook_url("manager"), "disk.storage.getlist")["result"]
    kinds = {(s["ENTITY_TYPE"], s["ENTITY_ID"]) for s in admin}
    assert {("common", "0"), ("group", "1"), ("user", "1")} <= kinds
    assert ("user", "2") not in kinds  # another user's own storage stays private
    assert ("user", "2") in {(s["ENTITY_TYPE"], s["ENTITY_ID"]) for s in manager}


def test_upload_get_download_version_and_delete(sandbox: Sandbox, client: httpx.Client) -> None:
    admin, manager = sandbox.webhook_url("admin"), sandbox.webhook_url("manager")
    folder = make_folder(client, sandbox)
    up = call(
        client,
        admin,
        "disk.folder.uploadfile",
        id=folder,
        data={"NAME": "a.json"},
        fileContent=content("first"),
    )["result"]
    assert (up["NAME"], up["SIZE"], up["UPDATED_BY"], up["TYPE"]) == ("a.json", "5", "1", "file")
    # The manager sees the admin's file in the common storage and downloads it by plain GET.
    got = call(client, manager, "disk.file.get", id=up["ID"])["result"]
    assert client.get(got["DOWNLOAD_URL"]).content == b"first"
    new = call(
        client, manager, "disk.file.uploadversion", id=up["ID"], fileContent=content("second!")
    )["result"]
    assert (new["SIZE"], new["UPDATED_BY"]) == ("7", "2")
    assert client.get(got["DOWNLOAD_URL"]).content == b"second!"  # the current version
    versions = call(client, admin, "disk.file.getVersions", id=up["ID"])["result"]
    assert [v["SIZE"] for v in versions] == ["7", "5"]  # newest first
    assert client.get(versions[1]["DOWNLOAD_URL"]).content == b"first"
    call(client, admin, "disk.file.markdeleted", id=up["ID"])
    assert call(client, admin, "disk.folder.getchildren", id=folder)["result"] == []
    gone = call(client, admin, "disk.file.get", id=up["ID"])
    assert gone["error"] == "ERROR_NOT_FOUND"
    assert client.get(got["DOWNLOAD_URL"]).status_code == 404


def test_names_unique_and_children_filter_and_pages(sandbox: Sandbox, client: httpx.Client) -> None:
    sandbox.rate_profile = "off"  # 60 uploads in a row would hit the leaky bucket
    admin = sandbox.webhook_url("admin")
    folder = make_folder(client, sandbox)
    args: dict[str, Any] = {"id": folder, "data": {"NAME": "x.json"}, "fileContent": content("1")}
    call(client, admin, "disk.folder.uploadfile", **args)
    clash = call(client, admin, "disk.folder.uploadfile", **args)
    assert clash["error"] == "DISK_OBJ_22000"
    renamed = call(client, admin, "disk.folder.uploadfile", generateUniqueName=True, **args)
    assert renamed["result"]["NAME"] == "x (1).json"
    for i in range(60):
        call(
            client,
            admin,
            "disk.folder.uploadfile",
            id=folder,
            data={"NAME": f"f{i}.json"},
            fileContent=content(str(i)),
        )
    page = call(client, admin, "disk.folder.getchildren", id=folder)
    assert (len(page["result"]), page["total"], page["next"]) == (50, 62, 50)
    rest = call(client, admin, "disk.folder.getchildren", id=folder, start=50)
    assert len(rest["result"]) == 12 and "next" not in rest
    only = call(client, admin, "disk.folder.getchildren", id=folder, filter={"NAME": "f7.json"})
    assert [row["NAME"] for row in only["result"]] == ["f7.json"]


def test_rights_read_only_and_no_access(sandbox: Sandbox, client: httpx.Client) -> None:
    admin = sandbox.webhook_url("admin")
    folder = make_folder(client, sandbox)
    up = call(
        client,
        admin,
        "disk.folder.uploadfile",
        id=folder,
        data={"NAME": "a.json"},
        fileContent=content("x"),
    )["result"]
    reader = sandbox.add_webhook(3, ["disk"])
    sandbox.portal.disk.set_access(int(folder), 3, "read")
    assert len(call(client, reader, "disk.folder.getchildren", id=folder)["result"]) == 1
    denied = call(client, reader, "disk.file.uploadversion", id=up["ID"], fileContent=content("y"))
    assert denied["error"] == "ACCESS_DENIED"
    # The admin's own storage is private unless shared.
    own = next(
        s
        for s in call(client, admin, "disk.storage.getlist")["result"]
        if s["ENTITY_TYPE"] == "user"
    )
    manager = sandbox.webhook_url("manager")
    blocked = call(client, manager, "disk.folder.getchildren", id=own["ROOT_OBJECT_ID"])
    assert blocked["error"] == "ACCESS_DENIED"
    sandbox.portal.disk.set_access(int(own["ROOT_OBJECT_ID"]), 2, "edit")
    assert "result" in call(client, manager, "disk.folder.getchildren", id=own["ROOT_OBJECT_ID"])


def test_quota_and_deleted_folder(sandbox: Sandbox, client: httpx.Client) -> None:
    admin = sandbox.webhook_url("admin")
    folder = make_folder(client, sandbox)
    sandbox.portal.disk.common_storage().quota_bytes = 10
    full = call(
        client,
        admin,
        "disk.folder.uploadfile",
        id=folder,
        data={"NAME": "a"},
        fileContent=content("x" * 11),
    )
    assert full["error"] == "DISK_QUOTA_EXCEEDED"
    call(client, admin, "disk.folder.markdeleted", id=folder)
    assert call(client, admin, "disk.folder.getchildren", id=folder)["error"] == "ERROR_NOT_FOUND"


def test_download_url_needs_its_token(sandbox: Sandbox, client: httpx.Client) -> None:
    admin = sandbox.webhook_url("admin")
    folder = make_folder(client, sandbox)
    up = call(
        client,
        admin,
        "disk.folder.uploadfile",
        id=folder,
        data={"NAME": "a"},
        fileContent=content("secret"),
    )["result"]
    url = up["DOWNLOAD_URL"]
    assert client.get(url.split("&token=")[0]).status_code == 401
    assert client.get(url[:-1] + ("0" if url[-1] != "0" else "1")).status_code == 401
    token = url.rsplit("token=", 1)[1]
    assert not any(token[-8:] in path for _m, path in sandbox.request_log)  # logged redacted
    sandbox.restart()  # data kept, earlier URLs invalid
    assert client.get(url).status_code == 401
    fresh = call(client, admin, "disk.file.get", id=up["ID"])["result"]["DOWNLOAD_URL"]
    assert client.get(fresh).content == b"secret"


@pytest.mark.parametrize("after_apply", [False, True])
def test_fault_hook_drops_connection(
    sandbox: Sandbox, client: httpx.Client, after_apply: bool
) -> None:
    admin = sandbox.webhook_url("admin")
    folder = make_folder(client, sandbox)
    sandbox.faults.drop_next("disk.folder.uploadfile", after_apply=after_apply)
    with pytest.raises(httpx.RemoteProtocolError):
        client.post(
            admin + "disk.folder.uploadfile",
            json={"id": folder, "data": {"NAME": "a"}, "fileContent": content("x")},
        )
    children = call(client, admin, "disk.folder.getchildren", id=folder)["result"]
    assert len(children) == (1 if after_apply else 0)
    assert sandbox.faults.dropped == 1
