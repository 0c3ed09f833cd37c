"""AppSettings on disk: defaults, round trip, bad files kept aside, newer files untouched."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from pathlib import Path

import pytest

from olchat_desktop.storage.settings import (
    _FIELD_CHECKS,
    SCHEMA_VERSION,
    AppSettings,
    SettingsStore,
)


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


# --- hand-written validation (the model is a stdlib dataclass, pydantic-free) -------------

INVALID_VALUES: list[tuple[str, object]] = [
    ("schema_version", "two"),
    ("language", "de"),
    ("language", 1),
    ("theme", "purple"),
    ("theme", None),
    ("insert_field_form", "html"),
    ("phone_width", "360"),
    ("phone_width", True),
    ("phone_width", 360.5),
    ("window_geometry", 5),
    ("window_state", None),
    ("splitter_sizes", [1, 2]),
    ("splitter_sizes", {"main": "1,2"}),
    ("splitter_sizes", {"main": [1, "2"]}),
    ("last_template_id", 7),
    ("keyring_backend", ["keyring"]),
]


@pytest.mark.parametrize(("name", "value"), INVALID_VALUES)
def test_one_invalid_value_rejects_the_whole_file(tmp_path: Path, name: str, value: object) -> None:
    path = tmp_path / "settings.json"
    data = {"schema_version": SCHEMA_VERSION, "language": "ru", "theme": "dark", name: value}
    path.write_text(json.dumps(data), encoding="utf-8")
    store = SettingsStore(path)
    assert store.load() == AppSettings()
    assert not path.exists()
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("settings.json.bad-")]
    assert len(kept) == 1
    assert json.loads(kept[0].read_text(encoding="utf-8")) == data
    assert "defaults used" in store.load_note
    assert not store.read_only


@pytest.mark.parametrize(("name", "value"), INVALID_VALUES)
def test_assigning_an_invalid_value_raises_and_keeps_the_old_one(name: str, value: object) -> None:
    settings = AppSettings(language="ru", theme="dark", splitter_sizes={"main": [1, 2]})
    before = settings.to_json_dict()
    with pytest.raises((ValueError, TypeError), match=name):
        setattr(settings, name, value)
    assert settings.to_json_dict() == before


def test_invalid_constructor_argument_raises() -> None:
    with pytest.raises(ValueError, match="theme"):
        AppSettings(theme="purple")  # type: ignore[arg-type]


def test_unknown_setting_cannot_be_assigned() -> None:
    settings = AppSettings()
    with pytest.raises(AttributeError, match="colour"):
        settings.colour = "red"  # type: ignore[attr-defined]


def test_valid_assignments_are_kept_and_phone_width_snaps() -> None:
    settings = AppSettings()
    settings.theme = "light"
    settings.insert_field_form = "code"
    settings.last_template_id = None
    settings.phone_width = 330
    assert (settings.theme, settings.insert_field_form, settings.phone_width) == (
        "light",
        "code",
        320,
    )


def test_assigned_splitter_sizes_are_copied() -> None:
    sizes = {"main": [1, 2, 3]}
    settings = AppSettings()
    settings.splitter_sizes = sizes
    sizes["main"].append(4)
    assert settings.splitter_sizes == {"main": [1, 2, 3]}


def test_every_field_has_a_check() -> None:
    # A new field without a check would make its construction raise AttributeError.
    parameters = inspect.signature(AppSettings).parameters
    assert list(_FIELD_CHECKS) == list(parameters)
    assert list(_FIELD_CHECKS) == list(AppSettings.__annotations__)
    assert list(AppSettings().to_json_dict()) == list(parameters)


def test_json_dict_round_trip_ignores_unknown_keys() -> None:
    settings = AppSettings(
        language="en",
        theme="dark",
        phone_width=320,
        window_geometry="AdnQ",
        window_state="AAA=",
        splitter_sizes={"main": [240, 620, 420], "side": [10]},
        last_template_id="t1",
        insert_field_form="code",
        keyring_backend="keyring.backends.SecretService.Keyring",
    )
    data = settings.to_json_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["splitter_sizes"] == {"main": [240, 620, 420], "side": [10]}
    assert AppSettings.from_json_dict({**data, "from_the_future": 1}) == settings
    data["splitter_sizes"]["main"].append(1)
    assert settings.splitter_sizes["main"] == [240, 620, 420]


def test_unknown_keys_in_the_file_are_ignored(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    data = {"schema_version": SCHEMA_VERSION, "theme": "light", "old_option": [1]}
    path.write_text(json.dumps(data), encoding="utf-8")
    assert SettingsStore(path).load() == AppSettings(theme="light")
    assert path.exists()


def test_importing_settings_does_not_import_pydantic() -> None:
    code = (
        "import sys, olchat_desktop.storage.settings\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == "[]"
