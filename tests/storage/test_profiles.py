"""ProfileStore: CRUD, secrets removed with the profile, crash-safe file handling."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import certifi
import keyring
import pytest

from olchat_desktop import paths
from olchat_desktop.storage import profiles
from olchat_desktop.storage.profiles import (
    OlchatLineProfile,
    PortalProfile,
    ProfilesError,
    ProfilesErrorKind,
    ProfileStore,
)
from olchat_desktop.storage.secrets import SECRET_KINDS, SecretStore, SecretStoreError
from tests.conftest import MemoryKeyring

WEBHOOK = "https://example.bitrix24.ru/rest/7/w3bh00kS3cret/"


def make_store() -> ProfileStore:
    store = ProfileStore(SecretStore())
    store.load()
    return store


def add_portal(store: ProfileStore, name: str = "Main", **fields: Any) -> PortalProfile:
    defaults: dict[str, Any] = {"domain": "example.bitrix24.ru", "auth_kind": "webhook"}
    return store.add(PortalProfile.model_validate({**defaults, "name": name, **fields}))


def file_payload() -> dict[str, Any]:
    return json.loads(paths.profiles_path().read_text(encoding="utf-8"))


def test_profiles_round_trip_through_the_file() -> None:
    store = make_store()
    portal = add_portal(store, user_id=7, user_name="Анна", is_admin=True, scopes=["crm"])
    line = store.add(
        OlchatLineProfile(
            name="Продажи",
            line_phone="79991234567",
            portal_id=portal.id,
            base_url="https://olchat.example",
        )
    )
    assert file_payload()["schema_version"] == profiles.SCHEMA_VERSION
    reloaded = make_store()
    assert reloaded.portals == (portal,)
    assert reloaded.lines == (line,)
    assert reloaded.get(line.id) == line
    assert "Анна" in paths.profiles_path().read_text(encoding="utf-8")  # readable UTF-8


def test_a_missing_file_is_an_empty_store() -> None:
    store = make_store()
    assert store.portals == () and store.lines == ()
    assert not paths.profiles_path().exists()


def test_rename_update_and_duplicate_names() -> None:
    store = make_store()
    portal = add_portal(store)
    renamed = store.rename(portal.id, "Главный")
    assert make_store().get(portal.id).name == "Главный" == renamed.name
    add_portal(store, "Second")
    with pytest.raises(ProfilesError) as caught:
        store.rename(portal.id, "second")  # names are compared case-insensitively
    assert caught.value.kind is ProfilesErrorKind.DUPLICATE_NAME
    assert make_store().get(portal.id).name == "Главный"
    with pytest.raises(ProfilesError):
        store.rename("no-such-id", "x")


def test_update_domain_after_a_302_rename() -> None:
    store = make_store()
    portal = add_portal(store, member_id="abc123")
    updated = store.update_domain(portal.id, "https://new-name.bitrix24.ru/")
    assert updated.domain == "new-name.bitrix24.ru"
    assert updated.member_id == "abc123"
    assert make_store().get(portal.id).domain == "new-name.bitrix24.ru"
    with pytest.raises(ValueError):
        store.update_domain(portal.id, "new-name.bitrix24.ru/rest/1/secret")


def test_remove_deletes_every_secret_of_the_profile(memory_keyring: MemoryKeyring) -> None:
    store = make_store()
    portal = add_portal(store)
    kept = add_portal(store, "Kept")
    line = store.add(
        OlchatLineProfile(
            name="L", line_phone="79991234567", portal_id=portal.id, base_url="https://o.example"
        )
    )
    for kind in SECRET_KINDS:
        store.secrets.set(portal.id, kind, f"{kind}-secret")
    store.secrets.set(kept.id, "webhook", WEBHOOK)

    store.remove(portal.id)
    assert [u for (_, u) in memory_keyring.passwords] == [f"{kept.id}:webhook"]
    reloaded = make_store()
    assert reloaded.portals == (kept,)
    assert reloaded.get(line.id).portal_id is None  # the line no longer points at it


class LockedKeyring(MemoryKeyring):
    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


def test_remove_keeps_the_profile_when_the_keyring_refuses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from olchat_desktop.storage import keyring_backends

    locked = LockedKeyring()
    keyring.set_keyring(locked)
    monkeypatch.setattr(
        keyring_backends, "ALLOWED_BACKENDS", frozenset({keyring_backends.backend_path(locked)})
    )
    store = make_store()
    portal = add_portal(store)
    with pytest.raises(SecretStoreError):
        store.remove(portal.id)
    assert make_store().portals == (portal,)


def test_line_must_point_at_an_existing_portal() -> None:
    store = make_store()
    with pytest.raises(ProfilesError) as caught:
        store.add(
            OlchatLineProfile(
                name="L", line_phone="79991234567", portal_id="nope", base_url="https://o.example"
            )
        )
    assert caught.value.kind is ProfilesErrorKind.NOT_FOUND
    assert not paths.profiles_path().exists()


def test_ca_bundle_is_checked_when_chosen_not_on_every_later_change(tmp_path: Path) -> None:
    store = make_store()
    with pytest.raises(ProfilesError) as caught:
        add_portal(store, ca_bundle_path=str(tmp_path / "missing.pem"))
    assert caught.value.kind is ProfilesErrorKind.CA_BUNDLE
    bundle = tmp_path / "ca.pem"
    shutil.copy(certifi.where(), bundle)
    portal = add_portal(store, ca_bundle_path=str(bundle))
    bundle.unlink()
    # A 302 rename must still be saved although the bundle moved since it was chosen.
    assert store.update_domain(portal.id, "moved.example.ru").ca_bundle_path == str(bundle)


def test_no_secret_ever_reaches_profiles_json(memory_keyring: MemoryKeyring) -> None:
    store = make_store()
    portal = add_portal(store, auth_kind="oauth", client_id="local.abc123")
    line = store.add(
        OlchatLineProfile(name="L", line_phone="79991234567", base_url="https://o.example")
    )
    secret_values = {
        (portal.id, "client_secret"): "cl1entS3cret",
        (portal.id, "access_token"): "acc3ssT0ken",
        (portal.id, "refresh_token"): "r3freshT0ken",
        (line.id, "olchat_token"): "0lchatT0ken",
    }
    for (pid, kind), value in secret_values.items():
        store.secrets.set(pid, kind, value)  # type: ignore[arg-type]
    store.rename(portal.id, "Renamed")
    text = paths.profiles_path().read_text(encoding="utf-8")
    for value in secret_values.values():
        assert value not in text
    assert "local.abc123" in text  # the public client id is stored, as intended


def test_a_failed_write_leaves_the_old_file_and_memory_intact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = make_store()
    portal = add_portal(store)
    before = paths.profiles_path().read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(ProfilesError) as caught:
        add_portal(store, "Second")
    assert caught.value.kind is ProfilesErrorKind.WRITE_FAILED
    assert "No space left" in caught.value.user_message("en")
    assert paths.profiles_path().read_bytes() == before
    assert store.portals == (portal,)  # the in-memory list was rolled back too
    leftovers = [p.name for p in paths.profiles_path().parent.iterdir()]
    assert leftovers == ["profiles.json"]  # the temporary file was cleaned up


def test_a_file_from_a_newer_version_is_refused_and_never_overwritten() -> None:
    path = paths.profiles_path()
    newer = {"schema_version": profiles.SCHEMA_VERSION + 1, "portals": [], "future": True}
    path.write_text(json.dumps(newer), encoding="utf-8")
    store = ProfileStore(SecretStore())
    with pytest.raises(ProfilesError) as caught:
        store.load()
    assert caught.value.kind is ProfilesErrorKind.NEWER_VERSION
    assert "newer version" in caught.value.user_message("en")
    assert "более новой версией" in caught.value.user_message("ru")
    with pytest.raises(ProfilesError):
        add_portal(store)
    with pytest.raises(ProfilesError):
        store.save()
    assert json.loads(path.read_text(encoding="utf-8")) == newer
    assert store.portals == ()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not valid JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"portals": []}', "schema_version"),
        (b'{"schema_version": "1"}', "schema_version"),
        (b'{"schema_version": 1, "portals": [{"name": "x"}]}', "invalid field"),
    ],
)
def test_a_corrupt_file_is_kept_aside_and_reported(content: bytes, reason: str) -> None:
    path = paths.profiles_path()
    path.write_bytes(content)
    store = ProfileStore(SecretStore())
    with pytest.raises(ProfilesError) as caught:
        store.load()
    err = caught.value
    assert err.kind is ProfilesErrorKind.CORRUPT
    assert reason in err.user_message("en")
    kept = Path(err.details["path"])
    assert kept.name.startswith("profiles.json.corrupt-")
    assert kept.read_bytes() == content
    assert not path.exists()
    # The store is usable afterwards and does not overwrite the kept copy.
    add_portal(store)
    assert kept.read_bytes() == content


def test_duplicate_ids_in_the_file_are_corruption() -> None:
    store = make_store()
    portal = add_portal(store)
    payload = file_payload()
    payload["portals"].append({**payload["portals"][0], "name": "Copy"})
    paths.profiles_path().write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(ProfilesError) as caught:
        make_store()
    assert caught.value.kind is ProfilesErrorKind.CORRUPT
    assert portal.id in Path(caught.value.details["path"]).read_text(encoding="utf-8")


def test_an_older_file_is_backed_up_then_migrated(monkeypatch: pytest.MonkeyPatch) -> None:
    """A made-up v1 -> v2 step (names upper-cased) exercises the migration ladder."""
    store = make_store()
    portal = add_portal(store, rate_profile="enterprise")
    v1_bytes = paths.profiles_path().read_bytes()

    def v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
        for p in data["portals"]:
            p["name"] = p["name"].upper()
        return data

    monkeypatch.setattr(profiles, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(profiles, "MIGRATIONS", {1: v1_to_v2})
    migrated = make_store()
    assert migrated.get(portal.id).name == "MAIN"
    assert file_payload()["schema_version"] == 2
    backups = list(paths.profiles_path().parent.glob("profiles.v1.*.bak.json"))
    assert len(backups) == 1
    assert backups[0].read_bytes() == v1_bytes


def test_a_failing_migration_keeps_backup_and_original(monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store()
    add_portal(store)
    v1_bytes = paths.profiles_path().read_bytes()

    def broken(data: dict[str, Any]) -> dict[str, Any]:
        raise KeyError("field")

    monkeypatch.setattr(profiles, "SCHEMA_VERSION", 2)
    monkeypatch.setattr(profiles, "MIGRATIONS", {1: broken})
    with pytest.raises(ProfilesError) as caught:
        make_store()
    assert "migration from version 1 failed" in caught.value.user_message("en")
    folder = paths.profiles_path().parent
    assert next(folder.glob("profiles.v1.*.bak.json")).read_bytes() == v1_bytes
    assert Path(caught.value.details["path"]).read_bytes() == v1_bytes
