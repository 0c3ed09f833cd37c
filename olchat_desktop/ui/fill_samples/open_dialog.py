""" "Fill samples from CRM…" and "Refill from deal #12" from the main window.

Imported on first use (the dialog and its portal work are not on the start-up path).
"""

from __future__ import annotations

from typing import Any

from olchat_desktop.ui.fill_samples import work
from olchat_desktop.ui.fill_samples.dialog import FillSamplesDialog
from olchat_desktop.ui.fill_samples.origin import ItemOrigin
from olchat_desktop.ui.i18n import ui_text


def open_fill_samples(window: Any) -> FillSamplesDialog:
    """Open the dialog (window-modal, not blocking); a fill updates the editor."""
    editor = window.editor
    catalogues = window.windowActions.catalogues
    origin = editor.sample_origin()
    dialog = FillSamplesDialog(
        catalogues.finder,
        editor.draft(),
        catalogues.catalogue(),
        entity=origin.entity if origin is not None else "deal",
        parent=window,
    )
    dialog.filled.connect(editor.fill_samples)
    dialog.finished.connect(dialog.deleteLater)
    window.fillSamplesDialog = dialog  # for tests and screenshots
    dialog.open()
    dialog.search_now()  # the latest items, before anything is typed
    return dialog


def refill_samples(window: Any) -> None:
    """Read the item the samples came from again, in the background."""
    from olchat_desktop.connections.errors import user_message
    from olchat_desktop.ui.tasks import start_task

    editor = window.editor
    origin: ItemOrigin | None = editor.sample_origin()
    if origin is None:
        return
    catalogues = window.windowActions.catalogues
    finder, template, catalogue = catalogues.finder, editor.draft(), catalogues.catalogue()
    status = window.statusBar()
    status.showMessage(
        ui_text("Reading {origin}…").replace(
            "{origin}", origin.text(window.language()).split(" ", 1)[1]
        )
    )

    def done(result: work.FillResult) -> None:
        status.clearMessage()
        if editor.draft().id == template.id:  # still the same template open
            editor.fill_samples(result.samples, result.origin)

    def failed(error: object) -> None:
        failure = error if isinstance(error, BaseException) else RuntimeError(str(error))
        status.showMessage(user_message(failure, window.language()), 15_000)

    task = start_task(
        lambda token, _r: work.fill(finder, template, catalogue, origin, token), window
    )
    task.succeeded.connect(done)
    task.failed.connect(failed)
    window.refillTask = task
