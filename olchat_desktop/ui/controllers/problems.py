"""The problems list: the core's validation problems, each one leading to its field.

A click, double-click or Enter on a problem emits :attr:`ProblemsPresenter.activated`
with the problem's field name (``header``, ``buttons[1]``…); the editor focuses it.

A problem that carries a ``replacement`` (``unknown_field``: the expression with the
closest existing field) gets a second row right under it, "Replace with …"; one click
(or Enter) on it emits :attr:`fix_requested` with the problem and the editor applies it.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from olchat_desktop.core.validation import Problem
from olchat_desktop.ui import icons
from olchat_desktop.ui.i18n import ui_text

FIELD_ROLE = Qt.ItemDataRole.UserRole
CODE_ROLE = Qt.ItemDataRole.UserRole + 1
FIX_ROLE = Qt.ItemDataRole.UserRole + 2  # on fix rows: the problem's index


class ProblemsPresenter(QObject):
    activated = Signal(str)
    fix_requested = Signal(object)  # the Problem whose replacement to apply
    # (errors, warnings) after the list was rebuilt
    counts_changed = Signal(int, int)

    def __init__(self, view: QListWidget) -> None:
        super().__init__(view)
        self.view = view
        self.problems: list[Problem] = []
        self._shown: tuple[tuple[str, str, str, str, str], ...] | None = None
        # The app's own icons, not the style's standard ones: the same on every platform,
        # and asking the style would create the QStyle type (5 ms of start-up, issue 5).
        self._icons = {
            "error": icons.icon("problem-error"),
            "warning": icons.icon("problem-warning"),
        }
        view.itemClicked.connect(self._on_item)
        view.itemActivated.connect(self._on_item)

    def show(self, problems: list[Problem]) -> None:
        key = tuple((p.field, p.code, p.severity, p.message, _fix(p)) for p in problems)
        self.problems = problems
        if key == self._shown:
            return  # typing inside a field rarely changes the problems: skip the rebuild
        self._shown = key
        self.view.clear()
        for index, problem in enumerate(problems):
            item = QListWidgetItem(self._icons[problem.severity], problem.message)
            item.setData(FIELD_ROLE, problem.field)
            item.setData(CODE_ROLE, problem.code)
            item.setToolTip(problem.message)
            self.view.addItem(item)
            if _fix(problem):
                self.view.addItem(self._fix_item(problem, index))
        if not problems:
            ok = QListWidgetItem(ui_text("No problems found."))
            ok.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.view.addItem(ok)
        errors = sum(1 for p in problems if p.severity == "error")
        self.counts_changed.emit(errors, len(problems) - errors)
        self.view.setAccessibleDescription(
            ui_text("{errors} errors, {warnings} warnings").format(
                errors=errors, warnings=len(problems) - errors
            )
        )

    def clear_cache(self) -> None:
        self._shown = None

    def counts(self) -> tuple[int, int]:
        errors = sum(1 for p in self.problems if p.severity == "error")
        return errors, len(self.problems) - errors

    def fix_rows(self) -> list[int]:
        view = self.view
        return [row for row in range(view.count()) if view.item(row).data(FIX_ROLE) is not None]

    def _fix_item(self, problem: Problem, index: int) -> QListWidgetItem:
        text = ui_text("↳ Fix: replace {expression} with {replacement}")
        expression = getattr(problem, "expression", "")
        item = QListWidgetItem(
            text.replace("{expression}", expression).replace("{replacement}", _fix(problem))
        )
        item.setData(FIX_ROLE, index)
        item.setData(FIELD_ROLE, problem.field)
        item.setToolTip(ui_text("Click (or press Enter) to fix; Ctrl+Z in the field undoes it."))
        return item

    def _on_item(self, item: QListWidgetItem) -> None:
        fix = item.data(FIX_ROLE)
        if isinstance(fix, int) and 0 <= fix < len(self.problems):
            problem = self.problems[fix]
            # Deferred: the fix rebuilds this list, which must not happen inside its own
            # click handler (the clicked item would be deleted under Qt's feet).
            QTimer.singleShot(0, self, lambda: self.fix_requested.emit(problem))
            return
        field = item.data(FIELD_ROLE)
        if isinstance(field, str) and field:
            self.activated.emit(field)


def _fix(problem: Problem) -> str:
    """The replacement text a problem offers ("" when it offers none)."""
    replacement = getattr(problem, "replacement", "")
    return replacement if isinstance(replacement, str) else ""
