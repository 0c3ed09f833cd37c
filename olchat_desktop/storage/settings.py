"""Application settings: language, theme, phone width and window state, as versioned JSON.

The file lives in the data home (``settings.json``) and is written atomically (temp file,
fsync, ``os.replace``: ``storage.atomic``), so a crash mid-write leaves the old settings.
Loading never raises for the user's sake: a missing file gives defaults; an unreadable or
invalid file is kept aside as ``settings.json.bad-<timestamp>`` and defaults are used; a
file written by a newer version of the app is left untouched (``read_only``) so that an
older build does not destroy settings it does not understand (qt_anchors.md §6.7).
"""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from olchat_desktop.storage.atomic import write_json_atomic

SCHEMA_VERSION = 2  # 2: keyring_backend

LanguageSetting = Literal["system", "ru", "en"]
ThemeSetting = Literal["system", "light", "dark"]

# Phone widths the preview offers (small, default, large), in logical pixels.
PHONE_WIDTHS: tuple[int, ...] = (320, 360, 412)
DEFAULT_PHONE_WIDTH = 360


class AppSettings(BaseModel):
    """Everything the app remembers between runs apart from templates and connections."""

    model_config = ConfigDict(validate_assignment=True, extra="ignore")

    schema_version: int = SCHEMA_VERSION
    language: LanguageSetting = "system"
    theme: ThemeSetting = "system"
    phone_width: int = DEFAULT_PHONE_WIDTH
    # QMainWindow.saveGeometry()/saveState() as base64 text (opaque to us).
    window_geometry: str = ""
    window_state: str = ""
    # Splitter name -> sizes in pixels, e.g. {"main": [240, 620, 420]}.
    splitter_sizes: dict[str, list[int]] = Field(default_factory=dict)
    last_template_id: str | None = None
    # How "Insert field" inserts a CRM field: display form {{Имя}} or code {=Document:NAME}.
    insert_field_form: Literal["display", "code"] = "display"
    # Dotted class path of the OS keyring that holds the secrets (SecretStore.backend_name),
    # saved after the first successful secret write so later runs use exactly that keyring.
    keyring_backend: str | None = None

    @field_validator("phone_width")
    @classmethod
    def _known_width(cls, value: int) -> int:
        # An odd width from a hand-edited file snaps to the nearest offered one.
        return min(PHONE_WIDTHS, key=lambda width: abs(width - value))


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
            return AppSettings.model_validate(_migrate(data, version))
        except (ValueError, TypeError, ValidationError):
            self._keep_bad_file()
            return AppSettings()

    def save(self, settings: AppSettings) -> bool:
        """Write the settings atomically; False (and nothing written) when read-only."""
        if self.read_only:
            return False
        write_json_atomic(self.path, settings.model_dump(mode="json"))
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
    if version < 1:
        # Version 0 never shipped; an unversioned file is read as version 1.
        data = {**data, "schema_version": 1}
    if version < 2:
        # Version 2 added keyring_backend; older files never chose one.
        data = {**data, "schema_version": 2, "keyring_backend": None}
    return data
