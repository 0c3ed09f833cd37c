"""SecretStore against a real Secret Service (gnome-keyring in a private D-Bus session).

``scripts/test.sh`` starts an unlocked throwaway gnome-keyring inside ``dbus-run-session``
and exports ``OLCHAT_REAL_KEYRING=1``. Without it these tests skip; in CI (``CI=true``) or
with the variable set, a missing Secret Service is a failure, not a skip.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from olchat_desktop.storage.secrets import SECRET_KINDS, SERVICE_NAME, SecretStore, StoreMode

pytestmark = pytest.mark.keyring

SECRET_SERVICE = "keyring.backends.SecretService.Keyring"
REQUIRED = os.environ.get("OLCHAT_REAL_KEYRING") == "1" or os.environ.get("CI") == "true"


@pytest.fixture
def real_store() -> Iterator[SecretStore]:
    if not REQUIRED:
        pytest.skip(
            "no real Secret Service: run via scripts/test.sh (gnome-keyring inside "
            "dbus-run-session, sets OLCHAT_REAL_KEYRING=1)"
        )
    store = SecretStore()
    if store.backend_name != SECRET_SERVICE:
        pytest.fail(
            f"a real Secret Service is required here, got {store.backend_name!r} "
            f"({store.mode.value}); is gnome-keyring running and unlocked?"
        )
    yield store


@pytest.fixture
def profile_id(real_store: SecretStore) -> Iterator[str]:
    # Unique per test so runs never see each other's items; cleaned up afterwards.
    pid = f"test-{uuid.uuid4().hex}"
    yield pid
    real_store.delete_profile(pid)


def items_in_secret_service(username: str) -> list[str]:
    """Read the daemon directly, bypassing keyring, to check what really is stored."""
    import secretstorage

    with closing(secretstorage.dbus_init()) as bus:
        collection = secretstorage.get_default_collection(bus)
        found = collection.search_items({"service": SERVICE_NAME, "username": username})
        return [item.get_secret().decode("utf-8") for item in found]


def test_round_trip_lands_in_the_secret_service(real_store: SecretStore, profile_id: str) -> None:
    value = "https://портал.рф/rest/1/тайна-🔑/"
    real_store.set(profile_id, "webhook", value)
    assert items_in_secret_service(f"{profile_id}:webhook") == [value]
    assert real_store.get(profile_id, "webhook") == value

    real_store.set(profile_id, "webhook", "second")
    assert items_in_secret_service(f"{profile_id}:webhook") == ["second"]

    real_store.delete(profile_id, "webhook")
    assert items_in_secret_service(f"{profile_id}:webhook") == []
    assert real_store.get(profile_id, "webhook") is None
    real_store.delete(profile_id, "webhook")  # already gone: no error


def test_status_and_remembered_backend(real_store: SecretStore, profile_id: str) -> None:
    assert real_store.mode is StoreMode.KEYRING
    assert real_store.persistent is True
    assert real_store.location_text("en") == "in GNOME Keyring"
    assert real_store.location_text("ru") == "в GNOME Keyring"
    real_store.set(profile_id, "olchat_token", "line-token")
    next_run = SecretStore(remembered_backend=real_store.backend_name)
    assert next_run.get(profile_id, "olchat_token") == "line-token"


def test_delete_profile_clears_every_kind(real_store: SecretStore, profile_id: str) -> None:
    other = f"test-{uuid.uuid4().hex}"
    for kind in SECRET_KINDS:
        real_store.set(profile_id, kind, f"{kind}-value")
    real_store.set(other, "webhook", "other-value")
    try:
        real_store.delete_profile(profile_id)
        for kind in SECRET_KINDS:
            assert items_in_secret_service(f"{profile_id}:{kind}") == []
        assert items_in_secret_service(f"{other}:webhook") == ["other-value"]
    finally:
        real_store.delete_profile(other)


LOCKED_SCRIPT = """
import json, secretstorage
from contextlib import closing
from olchat_desktop.storage.secrets import SecretStore, SecretStoreError
store = SecretStore()
store.set("locked-test", "webhook", "value-before-lock")
with closing(secretstorage.dbus_init()) as bus:
    secretstorage.get_default_collection(bus).lock()
try:
    store.get("locked-test", "webhook")
    print(json.dumps({"kind": None}))
except SecretStoreError as err:
    print(json.dumps({"kind": err.kind.value, "en": err.user_message("en")}))
"""


def test_a_locked_keyring_gives_a_locked_error(real_store: SecretStore, tmp_path: Path) -> None:
    """Locks a keyring of its own (a second private session) so the shared one stays open."""
    tools = [shutil.which("dbus-run-session"), shutil.which("gnome-keyring-daemon")]
    if None in tools:
        pytest.fail("dbus-run-session and gnome-keyring-daemon are needed for this test")
    runtime_dir = tmp_path / "runtime"
    runtime_dir.mkdir(mode=0o700)
    env = {**os.environ, "HOME": str(tmp_path), "XDG_RUNTIME_DIR": str(runtime_dir)}
    daemon = "echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null"
    session = ["dbus-run-session", "--", "sh", "-c", f'{daemon} && exec "$@"', "sh"]
    result = subprocess.run(
        [*session, sys.executable, "-c", LOCKED_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,  # a safety net against a hanging prompt, not a timing assertion
        check=False,
    )
    assert result.returncode == 0, result.stderr
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["kind"] == "locked"
    assert "GNOME Keyring" in outcome["en"]
    assert "value-before-lock" not in result.stdout + result.stderr
