from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from olchat_desktop import __version__
from olchat_desktop.cli import main
from olchat_desktop.paths import data_home


def test_version_flag_prints_version(capsys) -> None:
    try:
        main(["--version"])
    except SystemExit as exit_:
        assert exit_.code == 0
    assert __version__ in capsys.readouterr().out


def test_python_dash_m_entry_point_prints_version() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "olchat_desktop", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0
    assert __version__ in done.stdout


def test_data_home_follows_environment(olchat_home: Path) -> None:
    assert not olchat_home.exists()
    assert data_home() == olchat_home
    assert olchat_home.is_dir()


def test_version_matches_pyproject() -> None:
    import tomllib

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    declared = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    assert __version__ == declared


def test_plain_gui_starts_skip_the_parser_and_everything_else_uses_it(monkeypatch) -> None:
    from olchat_desktop import cli

    started: list[list[str]] = []
    monkeypatch.setattr(cli, "_gui", lambda argv: started.append(argv) or 0)
    parsed: list[bool] = []
    real_build = cli.build_parser
    monkeypatch.setattr(cli, "build_parser", lambda: parsed.append(True) or real_build())
    for argv in (
        [],
        ["--demo"],
        ["--lang", "ru"],
        ["--lang=en", "--demo"],
        ["--demo", "--lang", "en"],
    ):
        assert cli.main(list(argv)) == 0
    assert parsed == [] and len(started) == 5
    # Qt's own arguments and anything unusual still go through the full parser.
    assert cli.main(["-style=fusion"]) == 0
    assert parsed == [True] and started[-1] == ["-style=fusion"]


def test_a_wrong_language_is_still_refused_by_the_parser(capsys) -> None:
    try:
        main(["--lang", "de"])
    except SystemExit as exit_:
        assert exit_.code == 2
    else:
        raise AssertionError("--lang de was accepted")
    assert "invalid choice" in capsys.readouterr().err


def test_gui_start_probe_reports_time_and_memory_and_resumes_gc(olchat_home: Path) -> None:
    """The real entry point, as the start-up benchmark runs it (probe set)."""
    import os

    from olchat_desktop.app import STARTUP_PROBE_ENV

    code = (
        "import gc, time; from olchat_desktop.cli import main; t = time.perf_counter();"
        " rc = main(['--lang', 'en']); print('gc', gc.isenabled(), rc)"
    )
    env = {**os.environ, STARTUP_PROBE_ENV: "1", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env
    )
    assert done.returncode == 0, done.stderr
    probe, final = done.stdout.strip().splitlines()[-2:]
    seconds, peak_kib = probe.split()
    assert float(seconds) > 0 and int(peak_kib) > 10_000  # a Qt process: tens of MB
    assert final == "gc True 0"
