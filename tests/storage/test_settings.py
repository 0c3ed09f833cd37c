"""AppSettings on disk: defaults, round trip, bad files kept aside, newer files untouched."""

from __future__ import annotations

import json
from pathlib import Path

from olchat_desktop.storage.settings import SCHEMA_VERSION, AppSettings, SettingsStore


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    settings = SettingsStore(tmp_path / "settings.json").load()
    assert settings == AppSettings()
    assert (settings.language, settings.theme, settings.phone_width) == ("system", "system", 360)


def test_round_trip(tmp_path: Path) -> None:
    store = SettingsStore(tmp_path / "settings.json")
    settings = AppSettings(language="ru", theme="dark", phone_width=412)
    settings.splitter_sizes = {"main": [1, 2, 3]}
    settings.last_template_id = "abc"
    assert store.save(settings)
    again = SettingsStore(tmp_path / "settings.json").load()
    assert again == settings
    assert json.loads((tmp_path / "settings.json").read_text())["schema_version"] == SCHEMA_VERSION


def test_invalid_file_is_kept_aside_and_defaults_used(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text("{not json", encoding="utf-8")
    store = SettingsStore(path)
    assert store.load() == AppSettings()
    assert not path.exists()
    assert [p.name.startswith("settings.json.bad-") for p in tmp_path.iterdir()] == [True]
    path.write_text(json.dumps({"schema_version": 1, "theme": "purple"}), encoding="utf-8")
    assert SettingsStore(path).load().theme == "system"


def test_newer_file_is_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    newer = json.dumps({"schema_version": SCHEMA_VERSION + 1, "language": "en"})
    path.write_text(newer, encoding="utf-8")
    store = SettingsStore(path)
    assert store.load() == AppSettings()
    assert store.read_only
    assert store.save(AppSettings(language="ru")) is False
    assert path.read_text(encoding="utf-8") == newer


def test_odd_phone_width_snaps_to_an_offered_one() -> None:
    assert AppSettings(phone_width=400).phone_width == 412
    assert AppSettings(phone_width=10).phone_width == 320


def test_version_1_file_migrates_and_gains_keyring_backend(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 1, "language": "ru"}), encoding="utf-8")
    store = SettingsStore(path)
    settings = store.load()
    assert (settings.language, settings.keyring_backend) == ("ru", None)
    assert settings.schema_version == SCHEMA_VERSION == 2
    settings.keyring_backend = "keyring.backends.SecretService.Keyring"
    assert store.save(settings)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["schema_version"] == 2
    assert saved["keyring_backend"] == "keyring.backends.SecretService.Keyring"
    assert SettingsStore(path).load().keyring_backend == "keyring.backends.SecretService.Keyring"
