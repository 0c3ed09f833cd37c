"""The progress dialog of a long import or export (issue 15): count, megabytes, time
left, and Cancel. Imported with the first import or export, never at start-up.

Workers report through ``ui.tasks``' text channel; ``encode``/``decode`` carry the
numbers across it as one tab-separated line, so the dialog can set its bar as well as
its text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from olchat_desktop.storage.library_import import ImportProgress
from olchat_desktop.ui.i18n import ui_text

SHOW_AFTER_MS = 400  # quick transfers finish without a dialog flashing up


def encode(progress: ImportProgress) -> str:
    return "\t".join(
        str(value)
        for value in (progress.done, progress.bytes_read, progress.total_bytes, progress.elapsed)
    )


def decode(text: str) -> ImportProgress | None:
    parts = text.split("\t")
    if len(parts) != 4:
        return None
    try:
        return ImportProgress(int(parts[0]), int(parts[1]), int(parts[2]), float(parts[3]))
    except ValueError:
        return None


def describe(progress: ImportProgress, exporting: bool) -> str:
    """ "12,000 templates · 14.1 of 25.0 MB · about 2 s left" (bytes only on import)."""

    parts = [
        (ui_text("Exported: {n}") if exporting else ui_text("Imported: {n}")).format(
            n=progress.done
        )
    ]
    if exporting:
        parts.append(ui_text("of {total}").format(total=progress.total_bytes))
    else:
        parts.append(
            ui_text("{read:.1f} of {total:.1f} MB").format(
                read=progress.bytes_read / 2**20, total=progress.total_bytes / 2**20
            )
        )
    eta = progress.eta_seconds()
    if eta is not None:
        parts.append(ui_text("about {s} s left").format(s=max(1, round(eta))))
    return " · ".join(parts)


def make_dialog(parent: QWidget, title: str) -> QProgressDialog:
    dialog = QProgressDialog(parent)
    dialog.setObjectName("transferProgress")
    dialog.setWindowTitle(title)
    dialog.setLabelText(title)
    dialog.setCancelButtonText(ui_text("Cancel"))
    dialog.setRange(0, 1000)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)
    return dialog


def show_progress(dialog: QProgressDialog, text: str, exporting: bool) -> None:
    progress = decode(text)
    if progress is None:
        dialog.setLabelText(text)
        return
    dialog.setLabelText(describe(progress, exporting))
    if progress.total_bytes > 0:
        dialog.setValue(min(1000, int(1000 * progress.bytes_read / progress.total_bytes)))
