"""Start-up stays lean: the picker, the fill dialog, their portal work and the catalogue
model load on first use, not when the main window opens (checked in a fresh process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import json, os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from olchat_desktop.app import build_main_window

window = build_main_window(["--lang", "en"])
window.show()
QApplication.processEvents()
lazy = [
    "olchat_desktop.ui.field_picker.popup",
    "olchat_desktop.ui.field_picker.model",
    "olchat_desktop.ui.fill_samples.dialog",
    "olchat_desktop.core.field_catalogue",
    "olchat_desktop.core.field_resolution",
    "olchat_desktop.bitrix.field_catalogue_fetch",
    "olchat_desktop.storage.field_catalogue_cache",
]
at_start = [name for name in lazy if name in sys.modules]
window.windowActions.insertField.open()
after_open = [name for name in lazy[:2] if name in sys.modules]
window.windowActions.shutdown()
print(json.dumps({"at_start": at_start, "after_open": after_open}))
"""


def test_the_picker_and_the_dialog_load_on_first_use(olchat_home: Path) -> None:
    olchat_home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "OLCHAT_DESKTOP_HOME": str(olchat_home)}
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, timeout=60
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["at_start"] == []
    assert result["after_open"] == [
        "olchat_desktop.ui.field_picker.popup",
        "olchat_desktop.ui.field_picker.model",
    ]
