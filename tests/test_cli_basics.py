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
