from __future__ import annotations

import os
import subprocess
import sys

import pytest

from olchat_desktop import smoke


def test_smoke_test_flag_passes_and_reports_every_step(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("OLCHAT_DESKTOP_HOME", None)
    env["HOME"] = str(tmp_path)  # the smoke test must not need (or touch) a real data home
    done = subprocess.run(
        [sys.executable, "-m", "olchat_desktop", "--smoke-test"],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    steps = ("main window (library)", "sandbox portal call", "keyring", "preview render")
    for step in (*steps, "translations"):
        assert step in done.stdout
    assert "FAILED" not in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / ".local" / "share" / "olchat-desktop").exists()


def test_an_unexpected_qt_warning_fails_the_smoke_test(
    qapp, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from PySide6.QtCore import qWarning

    monkeypatch.setattr(smoke, "_render_preview", lambda: qWarning("preview plugin missing"))
    assert smoke.run_smoke_test([]) == 1
    assert "Qt: preview plugin missing" in capsys.readouterr().err


def test_a_failing_step_is_one_line_not_a_traceback(
    qapp, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    def broken() -> None:
        raise smoke.SmokeFailure("the preview rendered an empty image")

    monkeypatch.setattr(smoke, "_render_preview", broken)
    assert smoke.run_smoke_test([]) == 1
    err = capsys.readouterr().err
    assert "SmokeFailure: the preview rendered an empty image" in err
    assert "Traceback" not in err


def test_a_missing_translation_catalogue_fails_the_smoke_test(
    qapp, monkeypatch: pytest.MonkeyPatch, tmp_path, capsys
) -> None:
    from olchat_desktop.ui import i18n

    monkeypatch.setattr(i18n, "catalogue_path", lambda lang: tmp_path / "missing.mo")
    assert smoke.run_smoke_test([]) == 1
    assert "translation catalogue did not load" in capsys.readouterr().err
