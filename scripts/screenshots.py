"""Render the README's main-window screenshots from the demo templates (offscreen).

    python scripts/screenshots.py
    # writes docs/screenshots/main-{light,dark}-{ru,en}.png and main-light-ru-problems.png

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
theme, lang, out, problems = sys.argv[1:5]
window = build_main_window(["--demo", "--lang", lang])
window.apply_theme(theme)
window.show()
if problems == "1":  # a header over the limit, markup in a button, an expression with no sample
    editor = window.editorView
    editor.headerEdit.setText("Очень длинный заголовок, который точно не поместится в лимит")
    editor.buttonEdits[0].setText("*Понравилось очень*")
    editor.footerEdit.setText("{{Менеджер}} из клиники «Здоровье» на улице Ленина, дом")
import time  # the editor reads the demo portal's fields in the background (issue 14)
catalogues = window.windowActions.catalogues
deadline = time.monotonic() + 20
while (catalogues.portal_catalogue is None or catalogues.busy) and time.monotonic() < deadline:
    QApplication.processEvents()
    time.sleep(0.02)
for _ in range(5):
    QApplication.processEvents()
window.grab().save(out)
window.windowActions.shutdown()
"""


def main() -> int:
    SHOTS.mkdir(parents=True, exist_ok=True)
    shots = [(theme, lang, "") for theme in ("light", "dark") for lang in ("ru", "en")]
    for theme, lang, suffix in [*shots, ("light", "ru", "-problems")]:
        out = SHOTS / f"main-{theme}-{lang}{suffix}.png"
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "OLCHAT_DESKTOP_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
            subprocess.run(
                [sys.executable, "-c", _SHOT, theme, lang, str(out), "1" if suffix else "0"],
                env=env,
                check=True,
            )
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
