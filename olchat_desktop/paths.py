"""Where the app keeps everything it writes.

Everything lives under one data home: the platform's user data dir, or the folder named by
``OLCHAT_DESKTOP_HOME`` (tests and portable use). Nothing here creates files on import.
"""

from __future__ import annotations

import os
from pathlib import Path

from olchat_desktop import APP_ID

HOME_ENV = "OLCHAT_DESKTOP_HOME"


def data_home() -> Path:
    """The folder that holds library, settings, logs and history (created on demand)."""
    override = os.environ.get(HOME_ENV)
    if override:
        home = Path(override).expanduser()
    else:
        # platformdirs is imported lazily: it is not needed on the CLI's fast paths.
        import platformdirs

        home = Path(platformdirs.user_data_dir(APP_ID, appauthor=False, roaming=True))
    home.mkdir(parents=True, exist_ok=True)
    return home


def library_path() -> Path:
    return data_home() / "library.sqlite3"


def settings_path() -> Path:
    return data_home() / "settings.json"


def profiles_path() -> Path:
    return data_home() / "profiles.json"


def history_path() -> Path:
    return data_home() / "history.sqlite3"


def logs_dir() -> Path:
    path = data_home() / "logs"
    path.mkdir(parents=True, exist_ok=True)
    return path
