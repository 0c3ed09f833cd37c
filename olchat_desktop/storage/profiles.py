"""ProfileStore: portals and OLChat lines in ``profiles.json``, saved crash-safely.

The file carries a ``schema_version`` (qt_anchors.md §6.7): an older file is copied to
``profiles.v{N}.{timestamp}.bak.json`` and migrated step by step; a file from a newer app is
refused and never overwritten; a corrupt file is renamed ``profiles.json.corrupt-<ts>`` and
reported, never silently replaced. Secrets are not here: removing a profile deletes its
keyring entries through :class:`~olchat_desktop.storage.secrets.SecretStore`.
"""

from __future__ import annotations

import json
import shutil
import ssl
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, TypeVar, cast

from pydantic import BaseModel, ConfigDict, ValidationError

from olchat_desktop import paths
from olchat_desktop.storage.atomic import write_json_atomic
from olchat_desktop.storage.profile_errors import ProfilesError, ProfilesErrorKind
from olchat_desktop.storage.profile_models import (
    OlchatLineProfile,
    PortalProfile,
    Profile,
    new_profile_id,
)
from olchat_desktop.storage.secrets import SecretStore

__all__ = [
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "OlchatLineProfile",
    "PortalProfile",
    "Profile",
    "ProfileStore",
    "ProfilesError",
    "ProfilesErrorKind",
    "check_ca_bundle",
    "new_profile_id",
]

SCHEMA_VERSION = 1
# MIGRATIONS[n] turns a version-n payload into version n+1. Read at call time (tests add
# steps); each step is a small pure function over the parsed JSON.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}

_P = TypeVar("_P", bound=PortalProfile | OlchatLineProfile)


class _ProfilesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: int
    portals: list[PortalProfile] = []
    lines: list[OlchatLineProfile] = []


def check_ca_bundle(path: str) -> None:
    """Refuse a CA bundle that is missing, unreadable or holds no usable certificate."""
    bundle = Path(path)
    if not bundle.is_file():
        raise ProfilesError(ProfilesErrorKind.CA_BUNDLE, path=path, reason="no such file")
    try:
        # Loading it exactly as the HTTP client will proves it is readable PEM.
        ssl.create_default_context(cafile=str(bundle))
    except PermissionError:
        raise ProfilesError(ProfilesErrorKind.CA_BUNDLE, path=path, reason="not readable") from None
    except (ssl.SSLError, OSError, ValueError):
        raise ProfilesError(
            ProfilesErrorKind.CA_BUNDLE, path=path, reason="no PEM certificates in it"
        ) from None


def _timestamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S")


def _unused(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        candidate, n = path.with_name(f"{path.name}-{n}"), n + 1
    return candidate


class ProfileStore:
    """All portal and line profiles; every change is saved at once, atomically."""

    _lock = threading.RLock()  # the GUI thread and workers (302 renames) both write

    def __init__(self, secrets: SecretStore, path: Path | None = None) -> None:
        self.secrets = secrets
        self.path = path if path is not None else paths.profiles_path()
        self._profiles: dict[str, Profile] = {}

    # -- reading -----------------------------------------------------------------------

    @property
    def portals(self) -> tuple[PortalProfile, ...]:
        return tuple(p for p in self._profiles.values() if isinstance(p, PortalProfile))

    @property
    def lines(self) -> tuple[OlchatLineProfile, ...]:
        return tuple(p for p in self._profiles.values() if isinstance(p, OlchatLineProfile))

    def get(self, profile_id: str) -> Profile:
        try:
            return self._profiles[profile_id]
        except KeyError:
            raise ProfilesError(ProfilesErrorKind.NOT_FOUND, name=profile_id) from None

    def load(self) -> None:
        """Read the file (a missing file is an empty store). Raises ProfilesError."""
        with self._lock:
            self._profiles = {}
            if not self.path.exists():
                return
            data = self._read_json()
            version = data.get("schema_version")
            if type(version) is not int or version < 1:
                self._quarantine("no valid schema_version")
            if version > SCHEMA_VERSION:
                raise ProfilesError(
                    ProfilesErrorKind.NEWER_VERSION, path=str(self.path), version=str(version)
                )
            migrated = version < SCHEMA_VERSION
            if migrated:
                data = self._migrate(data, version)
            try:
                parsed = _ProfilesFile.model_validate(data)
            except ValidationError as exc:
                self._quarantine(f"{exc.error_count()} invalid field(s)")
            profiles: list[Profile] = [*parsed.portals, *parsed.lines]
            if len({p.id for p in profiles}) != len(profiles):
                self._quarantine("duplicate profile ids")
            self._profiles = {p.id: p for p in profiles}
            if migrated:
                self.save()

    # -- writing -----------------------------------------------------------------------

    def save(self) -> None:
        with self._lock:
            self._refuse_if_newer_on_disk()
            payload = {
                "schema_version": SCHEMA_VERSION,
                "portals": [p.model_dump(mode="json") for p in self.portals],
                "lines": [p.model_dump(mode="json") for p in self.lines],
            }
            try:
                write_json_atomic(self.path, payload)
            except OSError as exc:
                raise ProfilesError(
                    ProfilesErrorKind.WRITE_FAILED,
                    path=str(self.path),
                    reason=exc.strerror or type(exc).__name__,
                ) from None

    def add(self, profile: _P) -> _P:
        with self._lock:
            if profile.id in self._profiles:
                raise ProfilesError(ProfilesErrorKind.DUPLICATE_NAME, name=profile.id)
            self._check(profile)
            self._commit({**self._profiles, profile.id: profile})
            return profile

    def update(self, profile: _P) -> _P:
        """Replace the stored profile that has ``profile.id`` (same kind)."""
        with self._lock:
            current = self.get(profile.id)
            if type(current) is not type(profile):
                raise ProfilesError(ProfilesErrorKind.NOT_FOUND, name=profile.id)
            self._check(profile)
            self._commit({**self._profiles, profile.id: profile})
            return profile

    def rename(self, profile_id: str, new_name: str) -> Profile:
        with self._lock:
            return self.update(self._changed(self.get(profile_id), name=new_name))

    def update_domain(self, profile_id: str, new_domain: str) -> PortalProfile:
        """Persist a portal's new domain after Bitrix24 answered 302 (portal renamed)."""
        with self._lock:
            portal = self.get(profile_id)
            if not isinstance(portal, PortalProfile):
                raise ProfilesError(ProfilesErrorKind.NOT_FOUND, name=profile_id)
            return self.update(self._changed(portal, domain=new_domain))

    def remove(self, profile_id: str) -> None:
        """Delete the profile's secrets, then the profile; lines lose a removed portal link.

        Secrets go first: if the keyring refuses (SecretStoreError), nothing is removed,
        so no orphaned secret is left behind a profile the user can no longer see.
        """
        with self._lock:
            self.get(profile_id)
            self.secrets.delete_profile(profile_id)
            remaining: dict[str, Profile] = {}
            for pid, profile in self._profiles.items():
                if pid == profile_id:
                    continue
                if isinstance(profile, OlchatLineProfile) and profile.portal_id == profile_id:
                    profile = self._changed(profile, portal_id=None)
                remaining[pid] = profile
            self._commit(remaining)

    # -- internals ---------------------------------------------------------------------

    @staticmethod
    def _changed(profile: _P, **changes: object) -> _P:
        # model_copy(update=...) skips validation; a round trip through the model does not.
        # Same class in, same class out (mypy sees the union through the bound).
        return cast(_P, type(profile).model_validate({**profile.model_dump(), **changes}))

    def _check(self, profile: Profile) -> None:
        wanted = profile.name.casefold()
        for other in self._profiles.values():
            same_kind = type(other) is type(profile)
            if same_kind and other.id != profile.id and other.name.casefold() == wanted:
                raise ProfilesError(ProfilesErrorKind.DUPLICATE_NAME, name=profile.name)
        if isinstance(profile, PortalProfile):
            self._check_ca_bundle_change(profile)
        elif profile.portal_id is not None and not isinstance(
            self._profiles.get(profile.portal_id), PortalProfile
        ):
            raise ProfilesError(ProfilesErrorKind.NOT_FOUND, name=profile.portal_id)

    def _check_ca_bundle_change(self, portal: PortalProfile) -> None:
        # Checked when chosen or changed; a later rename must not fail on a moved file.
        previous = self._profiles.get(portal.id)
        unchanged = isinstance(previous, PortalProfile) and (
            previous.ca_bundle_path == portal.ca_bundle_path
        )
        if portal.ca_bundle_path and not unchanged:
            check_ca_bundle(portal.ca_bundle_path)

    def _commit(self, profiles: dict[str, Profile]) -> None:
        previous, self._profiles = self._profiles, profiles
        try:
            self.save()
        except BaseException:
            self._profiles = previous  # memory and disk stay in agreement
            raise

    def _read_json(self) -> dict[str, Any]:
        try:
            data = json.loads(self.path.read_bytes().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            self._quarantine("not valid JSON")
        if not isinstance(data, dict):
            self._quarantine("not a JSON object")
        return data

    def _quarantine(self, reason: str) -> NoReturn:
        """Move the unreadable file aside (kept for the user) and raise. Never returns."""
        kept = _unused(self.path.with_name(f"{self.path.name}.corrupt-{_timestamp()}"))
        self.path.rename(kept)
        self._profiles = {}
        raise ProfilesError(ProfilesErrorKind.CORRUPT, reason=reason, path=str(kept))

    def _migrate(self, data: dict[str, Any], version: int) -> dict[str, Any]:
        stem = self.path.name.removesuffix(".json")
        backup = _unused(self.path.with_name(f"{stem}.v{version}.{_timestamp()}.bak.json"))
        shutil.copy2(self.path, backup)
        for step in range(version, SCHEMA_VERSION):
            try:
                data = MIGRATIONS[step](data)
            except Exception as exc:
                self._quarantine(f"migration from version {step} failed: {type(exc).__name__}")
            data["schema_version"] = step + 1
        return data

    def _refuse_if_newer_on_disk(self) -> None:
        try:
            version = json.loads(self.path.read_bytes()).get("schema_version")
        except (OSError, ValueError, AttributeError):
            return  # missing or unreadable: nothing newer to protect
        if type(version) is int and version > SCHEMA_VERSION:
            raise ProfilesError(
                ProfilesErrorKind.NEWER_VERSION, path=str(self.path), version=str(version)
            )
