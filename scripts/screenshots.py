"""Render the README's main-window screenshots from the demo templates (offscreen).

    python scripts/screenshots.py     # writes docs/screenshots/main-{light,dark}-{ru,en}.png

Each shot runs in its own process with a fresh data home, so the demo library, the
default window size and the language are exactly what a new user sees.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"

_SHOT = """
import sys
from PySide6.QtWidgets import QApplication
from olchat_desktop.app import build_main_window
theme, lang, out = sys.argv[1:4]
window = build_main_window(["--demo", "--lang", lang])
window.apply_theme(theme)
window.show()
for _ in range(5):
    QApplication.processEvents()
window.grab().save(out)
window.windowActions.shutdown()
"""


def main() -> int:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for theme, lang in (("light", "ru"), ("dark", "ru"), ("light", "en"), ("dark", "en")):
        out = SHOTS / f"main-{theme}-{lang}.png"
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "OLCHAT_DESKTOP_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
            subprocess.run(
                [sys.executable, "-c", _SHOT, theme, lang, str(out)], env=env, check=True
            )
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
