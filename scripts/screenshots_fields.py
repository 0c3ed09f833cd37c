"""Render the README's portal-field screenshots in demo mode (offscreen, real sandbox).

    python scripts/screenshots_fields.py
    # writes docs/screenshots/field-picker-ru.png, samples-from-crm-ru.png and
    # fill-samples-dialog-ru.png

Each shot runs in its own process with a fresh data home: the demo sandbox starts, the
editor reads its field catalogue in the background, then the shot drives the real UI.
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
import sys, time
from PySide6.QtCore import QPoint
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QApplication
from olchat_desktop.app import build_main_window

kind, out = sys.argv[1:3]
window = build_main_window(["--demo", "--lang", "ru"])
window.apply_theme("light")
window.show()
catalogues = window.windowActions.catalogues


def wait(condition, seconds=30.0):
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out; status: {catalogues.status()}")
        QApplication.processEvents()
        time.sleep(0.02)


wait(lambda: catalogues.portal_catalogue is not None and not catalogues.busy)
window.libraryController.new_template()
editor = window.editorView
editor.nameEdit.setText("Напоминание о визите")
editor.headerEdit.setText("Визит {{Дата визита}}")
editor.messageEdit.setPlainText(
    "Здравствуйте! Ждём вас в филиале *{{Филиал > printable}}*.\\n"
    "Ваш менеджер: {{Ответственный менеджер > printable}}.\\n"
    "Предоплата: {{Сумма предоплаты > printable}}, промокоды: {{Промокоды}}."
)
editor.buttonEdits[0].setText("Приду")
editor.buttonEdits[1].setText("Перенести")
if kind == "picker":
    picker = window.windowActions.insertField
    picker.open()
    picker.popup.searchEdit.setText("дата")
    for _ in range(5):
        QApplication.processEvents()
    shot = window.grab()
    painter = QPainter(shot)
    painter.drawPixmap(window.mapFromGlobal(picker.popup.pos()), picker.popup.grab())
    painter.end()
    shot.save(out)
else:
    window.windowActions.portalFields.open_fill_samples()
    dialog = window.fillSamplesDialog
    dialog.searchEdit.setText("Консультация")
    dialog.search_now()
    wait(lambda: dialog.resultsList.count() > 0)
    for _ in range(5):
        QApplication.processEvents()
    if kind == "dialog":
        dialog.grab().save(out)
    else:
        dialog.fill_chosen()
        wait(lambda: window.editor.sample_origin() is not None)
        scroll = editor.verticalScrollBar()
        scroll.setValue(scroll.maximum())  # down to the samples table
        for _ in range(5):
            QApplication.processEvents()
        window.grab().save(out)
window.windowActions.shutdown()
"""


def main() -> int:
    SHOTS.mkdir(parents=True, exist_ok=True)
    shots = {
        "picker": "field-picker-ru.png",
        "samples": "samples-from-crm-ru.png",
        "dialog": "fill-samples-dialog-ru.png",
    }
    for kind, name in shots.items():
        out = SHOTS / name
        with tempfile.TemporaryDirectory() as home:
            env = {**os.environ, "OLCHAT_DESKTOP_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
            subprocess.run([sys.executable, "-c", _SHOT, kind, str(out)], env=env, check=True)
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
