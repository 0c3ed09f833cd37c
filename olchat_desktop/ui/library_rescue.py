"""When the library cannot be opened at start-up (damaged, locked by another program, or
from a newer version): say why, and offer to save what can be read (issue 15).

Nothing here writes to the library file: ``storage.library_salvage`` reads it read-only
and writes a bundle where the user chooses; the app then exits, leaving the file for a
backup restore (``*.bak-*``) or another try once the other program is done.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.storage.library_errors import LibraryError


def rescue_text(error: LibraryError, lang: Lang) -> str:

    return (
        error.message(lang)
        + "\n\n"
        + text(
            lang,
            "The file is unchanged. “Save what can be read…” writes every readable "
            "template to a bundle you can import (from the shell: olchat-desktop "
            "library salvage FILE).",
        )
    )


def offer_rescue(
    error: LibraryError, library: Path, lang: Lang, parent: QWidget | None = None
) -> QMessageBox:
    """The message box (not yet shown: ``exec()`` it); its "save" button runs a salvage."""

    box = QMessageBox(parent)
    box.setObjectName("libraryRescue")
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(text(lang, "Template library"))
    box.setText(rescue_text(error, lang))
    save = box.addButton(
        text(lang, "Save what can be read…"),
        QMessageBox.ButtonRole.ActionRole,
    )
    box.addButton(QMessageBox.StandardButton.Close)

    def on_save() -> None:
        from olchat_desktop.storage.library_salvage import salvage

        target, _filter = QFileDialog.getSaveFileName(
            box, save.text(), str(Path.home() / "olchat-templates-rescued.json")
        )
        if not target:
            return
        try:
            result = salvage(library, Path(target))
        except LibraryError as failure:
            QMessageBox.warning(box, box.windowTitle(), failure.message(lang))
            return
        QMessageBox.information(
            box,
            box.windowTitle(),
            text(lang, "Saved {saved} template(s) to {target}; unreadable: {unreadable}.").format(
                saved=result.saved, target=target, unreadable=result.unreadable
            ),
        )

    save.clicked.disconnect()  # keep the box open after saving
    save.clicked.connect(on_save)
    return box
