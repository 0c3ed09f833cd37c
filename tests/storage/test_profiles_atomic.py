"""The atomic write helper that profiles (and other stores) save through."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from olchat_desktop.storage.atomic import write_bytes_atomic, write_json_atomic


def test_writes_json_readably_with_owner_only_permissions(tmp_path: Path) -> None:
    target = tmp_path / "nested" / "settings.json"
    write_json_atomic(target, {"имя": "Анна", "n": 1})
    assert json.loads(target.read_text(encoding="utf-8")) == {"имя": "Анна", "n": 1}
    assert "Анна" in target.read_text(encoding="utf-8")
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_replaces_existing_content(tmp_path: Path) -> None:
    target = tmp_path / "f.bin"
    write_bytes_atomic(target, b"old")
    write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]


def test_crash_before_rename_keeps_old_file_and_removes_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "f.json"
    write_json_atomic(target, {"v": 1})

    def crash(src: object, dst: object) -> None:
        raise OSError("simulated crash")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="simulated"):
        write_json_atomic(target, {"v": 2})
    assert json.loads(target.read_text(encoding="utf-8")) == {"v": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


def test_unserialisable_payload_touches_nothing(tmp_path: Path) -> None:
    target = tmp_path / "f.json"
    write_json_atomic(target, {"v": 1})
    with pytest.raises(TypeError):
        write_json_atomic(target, {"v": object()})
    assert json.loads(target.read_text(encoding="utf-8")) == {"v": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["f.json"]


@pytest.mark.skipif(os.name != "posix", reason="directories are fsynced on POSIX only")
def test_file_and_directory_are_fsynced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    synced: list[bool] = []
    real_fsync = os.fsync

    def recording_fsync(fd: int) -> None:
        synced.append(stat.S_ISDIR(os.fstat(fd).st_mode))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    write_bytes_atomic(tmp_path / "f.bin", b"data")
    assert synced == [False, True]  # the file's data first, then the directory entry
