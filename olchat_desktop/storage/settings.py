"""Application settings: language, theme, phone width and window state, as versioned JSON.

The file lives in the data home (``settings.json``) and is written atomically (temp file,
fsync, ``os.replace``: ``storage.atomic``), so a crash mid-write leaves the old settings.
Loading never raises for the user's sake: a missing file gives defaults; an unreadable or
invalid file is kept aside as ``settings.json.bad-<timestamp>`` and defaults are used; a
file written by a newer version of the app is left untouched (``read_only``) so that an
older build does not destroy settings it does not understand (qt_anchors.md §6.7).

This module is read on every start-up, so it is deliberately stdlib-only: pydantic's
import and model build cost about 100 ms and 21 MB there (issue 5). The few checks pydantic
gave us are written out below: each field's type or allowed value is checked on
construction and on every assignment, unknown keys in the file are ignored, and one
invalid value rejects the whole file (kept aside as ``.bad-<timestamp>``, defaults used),
exactly as the pydantic model did. Unlike pydantic's lax mode nothing is coerced: ``"360"``
or ``true`` is not an integer and ``5`` is not a string.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

from olchat_desktop.storage.atomic import write_json_atomic

SCHEMA_VERSION = 2  # 2: keyring_backend

LanguageSetting = Literal["system", "ru", "en"]
ThemeSetting = Literal["system", "light", "dark"]
InsertFieldForm = Literal["display", "code"]

# Phone widths the preview offers (small, default, large), in logical pixels.
PHONE_WIDTHS: tuple[int, ...] = (320, 360, 412)
DEFAULT_PHONE_WIDTH = 360
RECENT_MAX = 10


class AppSettings:
    """Everything the app remembers between runs apart from templates and connections.

    Mutable (the window assigns fields as the user works), but every assignment is checked
    by :meth:`__setattr__`, so a wrong value fails where it is made, not as a rejected file
    on the next start. A plain class, not a dataclass: this one is built on every start-up,
    where a dataclass compiles its generated methods (issue 5).
    """

    schema_version: int
    language: LanguageSetting
    theme: ThemeSetting
    phone_width: int
    # QMainWindow.saveGeometry()/saveState() as base64 text (opaque to us).
    window_geometry: str
    window_state: str
    # Splitter name -> sizes in pixels, e.g. {"main": [240, 620, 420]}.
    splitter_sizes: dict[str, list[int]]
    last_template_id: str | None
    # How "Insert field" inserts a CRM field: display form {{Имя}} or code {=Document:NAME}.
    insert_field_form: InsertFieldForm
    # Dotted class path of the OS keyring that holds the secrets (SecretStore.backend_name),
    # saved after the first successful secret write so later runs use exactly that keyring.
    keyring_backend: str | None
    # Template files opened lately (File → Open recent), newest first, at most RECENT_MAX.
    recent_files: list[str]

    def __init__(
        self,
        *,
        schema_version: int = SCHEMA_VERSION,
        language: LanguageSetting = "system",
        theme: ThemeSetting = "system",
        phone_width: int = DEFAULT_PHONE_WIDTH,
        window_geometry: str = "",
        window_state: str = "",
        splitter_sizes: dict[str, list[int]] | None = None,
        last_template_id: str | None = None,
        insert_field_form: InsertFieldForm = "display",
        keyring_backend: str | None = None,
        recent_files: list[str] | None = None,
    ) -> None:
        # Each assignment goes through __setattr__, so construction is checked too.
        self.schema_version = schema_version
        self.language = language
        self.theme = theme
        self.phone_width = phone_width
        self.window_geometry = window_geometry
        self.window_state = window_state
        self.splitter_sizes = {} if splitter_sizes is None else splitter_sizes
        self.last_template_id = last_template_id
        self.insert_field_form = insert_field_form
        self.keyring_backend = keyring_backend
        self.recent_files = [] if recent_files is None else recent_files

    # Hidden from mypy: a visible __setattr__ would make it accept any attribute name, and
    # a typo such as ``settings.them = ...`` should stay a type error, not only a runtime one.
    if not TYPE_CHECKING:

        def __setattr__(self, name: str, value: object) -> None:
            check = _FIELD_CHECKS.get(name)
            if check is None:
                raise AttributeError(f"AppSettings has no setting {name!r}")
            object.__setattr__(self, name, check(name, value))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AppSettings):
            return NotImplemented
        return self.to_json_dict() == other.to_json_dict()

    __hash__ = None  # type: ignore[assignment]  # mutable: not hashable, as before

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={value!r}" for name, value in self.to_json_dict().items())
        return f"AppSettings({shown})"

    @classmethod
    def from_json_dict(cls, data: dict[str, Any]) -> AppSettings:
        """Build settings from a decoded JSON object; unknown keys are ignored.

        Raises ValueError or TypeError naming the first invalid setting.
        """
        known = {name: value for name, value in data.items() if name in _FIELD_CHECKS}
        return cls(**known)

    def to_json_dict(self) -> dict[str, Any]:
        """A JSON-ready copy (plain dicts, lists, str, int, None) in field order."""
        data = {name: getattr(self, name) for name in _FIELD_CHECKS}
        data["splitter_sizes"] = {key: list(sizes) for key, sizes in self.splitter_sizes.items()}
        data["recent_files"] = list(self.recent_files)
        return data


def _type_error(name: str, expected: str, value: object) -> TypeError:
    return TypeError(f"setting {name} must be {expected}, not {type(value).__name__}")


def _check_int(name: str, value: object) -> int:
    # bool is an int subclass, but `true` in a settings file is a mistake, not a number.
    if isinstance(value, bool) or not isinstance(value, int):
        raise _type_error(name, "an integer", value)
    return value


def _check_str(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise _type_error(name, "a string", value)
    return value


def _check_optional_str(name: str, value: object) -> str | None:
    return None if value is None else _check_str(name, value)


def _check_phone_width(name: str, value: object) -> int:
    # An odd width from a hand-edited file snaps to the nearest offered one.
    width = _check_int(name, value)
    return min(PHONE_WIDTHS, key=lambda offered: abs(offered - width))


def _check_splitter_sizes(name: str, value: object) -> dict[str, list[int]]:
    if not isinstance(value, dict):
        raise _type_error(name, "an object of splitter name -> list of sizes", value)
    sizes: dict[str, list[int]] = {}
    for splitter, widths in value.items():
        _check_str(f"{name} key", splitter)
        if not isinstance(widths, list | tuple):
            raise _type_error(f"{name}[{splitter!r}]", "a list of integers", widths)
        # A fresh copy, as pydantic made: later changes to the caller's lists do not leak in.
        sizes[splitter] = [_check_int(f"{name}[{splitter!r}]", width) for width in widths]
    return sizes


def _check_str_list(name: str, value: object) -> list[str]:
    if not isinstance(value, list | tuple):
        raise _type_error(name, "a list of strings", value)
    return [_check_str(name, item) for item in value][:RECENT_MAX]


def _choice_check(allowed: tuple[str, ...]) -> Callable[[str, object], str]:
    def check(name: str, value: object) -> str:
        if value not in allowed:
            choices = ", ".join(allowed)
            raise ValueError(f"setting {name} must be one of {choices}, not {value!r:.40}")
        return _check_str(name, value)

    return check


# One check per field (tests assert none is missing); __setattr__ refuses any other name.
_FIELD_CHECKS: dict[str, Callable[[str, Any], Any]] = {
    "schema_version": _check_int,
    "language": _choice_check(get_args(LanguageSetting)),
    "theme": _choice_check(get_args(ThemeSetting)),
    "phone_width": _check_phone_width,
    "window_geometry": _check_str,
    "window_state": _check_str,
    "splitter_sizes": _check_splitter_sizes,
    "last_template_id": _check_optional_str,
    "insert_field_form": _choice_check(get_args(InsertFieldForm)),
    "keyring_backend": _check_optional_str,
    "recent_files": _check_str_list,
}


class SettingsStore:
    """Loads and saves :class:`AppSettings` at one path (default: the data home)."""

    def __init__(self, path: Path | None = None) -> None:
        if path is None:
            from olchat_desktop.paths import settings_path

            path = settings_path()
        self.path = Path(path)
        # True when the file on disk came from a newer app: we then never overwrite it.
        self.read_only = False
        # A short English note about what went wrong while loading, for the log.
        self.load_note = ""

    def load(self) -> AppSettings:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return AppSettings()
        except OSError as error:
            self.load_note = f"settings unreadable ({error.strerror}); defaults used"
            return AppSettings()
        try:
            data: Any = json.loads(raw)
            if not isinstance(data, dict):
                raise ValueError("not an object")
            version = int(data.get("schema_version", 0))
            if version > SCHEMA_VERSION:
                self.read_only = True
                self.load_note = f"settings from a newer version ({version}); not overwritten"
                return AppSettings()
            # One invalid value rejects the whole file, as the pydantic model did: half-applied
            # settings would be harder to explain than defaults plus the file kept aside.
            return AppSettings.from_json_dict(_migrate(data, version))
        except (ValueError, TypeError):
            self._keep_bad_file()
            return AppSettings()

    def save(self, settings: AppSettings) -> bool:
        """Write the settings atomically; False (and nothing written) when read-only."""
        if self.read_only:
            return False
        write_json_atomic(self.path, settings.to_json_dict())
        return True

    def _keep_bad_file(self) -> None:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        aside = self.path.with_name(f"{self.path.name}.bad-{stamp}")
        try:
            os.replace(self.path, aside)
            self.load_note = f"invalid settings kept as {aside.name}; defaults used"
        except OSError:
            self.load_note = "invalid settings; defaults used"


def _migrate(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Bring an older settings dict up to SCHEMA_VERSION (one small step per version)."""
    # The version was read leniently (int("2") == 2); store the number that was read.
    data = {**data, "schema_version": version}
    if version < 1:
        # Version 0 never shipped; an unversioned file is read as version 1.
        data = {**data, "schema_version": 1}
    if version < 2:
        # Version 2 added keyring_backend; older files never chose one.
        data = {**data, "schema_version": 2, "keyring_backend": None}
    return data
