"""What the "Check on real data" window does with a report: its summary, the worst case
in a WhatsApp preview of its own, and the export to CSV or JSON.

Kept apart from :mod:`.controller`, which runs the check and shows its progress; these
work on a finished (or partial) :class:`~olchat_desktop.core.dry_run_report.DryRunReport`.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from olchat_desktop.core.dry_run_report import DryRunReport, Rendered, problem_title
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.ui.i18n import current_language, ui_text


def summary_text(report: DryRunReport) -> str:
    lang = current_language()
    counts = ", ".join(
        f"{problem_title(code, lang)}: {p['count']}" for code, p in report.problems.items()
    )
    breaks = ui_text("Would break the message: {n} of {t}.").format(
        n=report.items_with_errors, t=report.items_checked
    )
    unknown = (
        "\n" + ui_text("Not on the portal: ") + ", ".join(report.unknown_expressions)
        if report.unknown_expressions
        else ""
    )
    return f"{breaks} {counts}{unknown}"


def worst_case_dialog(parent: QWidget, draft: TemplateDraft, worst: Rendered) -> QDialog:
    """A window with the worst item's message rendered in the preview (not shown yet)."""
    from olchat_desktop.ui.preview import PreviewView  # only when asked for

    rendered = draft.replace(
        header=worst.header,
        message=worst.message,
        footer=worst.footer,
        buttons=list(worst.buttons),
        samples={},
    )
    dialog = QDialog(parent)
    dialog.setObjectName("dryRunPreview")
    dialog.setWindowTitle(ui_text("Worst case: ID {id}").format(id=worst.item_id))
    preview = PreviewView(dialog)
    preview.set_template(rendered)
    QVBoxLayout(dialog).addWidget(preview)
    dialog.resize(420, 720)
    return dialog


def write_report(report: DryRunReport, path: Path, kind: str) -> None:
    """CSV (UTF-8 with BOM, so Excel reads Cyrillic) or the JSON report; OSError passes."""
    if kind == "csv":
        path.write_text(report.to_csv(), encoding="utf-8-sig")
    else:
        text = json.dumps(report.to_dict(), ensure_ascii=False, indent=2)
        path.write_text(text, encoding="utf-8")
