"""Small pieces every connection form shares: a wrapping hint label and keyboard defaults.

Used by the portal forms (``portal_forms``, ``oauth_form``) and the OLChat line form
(``line_form``), so Return, Escape and Tab behave the same in each.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QPushButton, QWidget

from olchat_desktop.ui.i18n import LiveTexts, ui_text


def hint_label(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    return label


def keyboard_defaults(
    box: QDialogButtonBox, action_buttons: list[QPushButton], default: QPushButton, live: LiveTexts
) -> None:
    """Return presses the default action, Escape closes, Tab goes fields → actions → Close.

    ``setDefault`` on a button that is not yet inside the dialog registers nothing, and
    QDialog then makes the first auto-default button (Close, or Test) the default when
    shown, so Return in a field closed the dialog or ran Test. Set it again now that the
    button is placed, and keep Close out of Return's reach (Escape closes).
    """
    close = box.button(QDialogButtonBox.StandardButton.Close)
    close.setAutoDefault(False)
    # Own text: Qt's translation of standard buttons is not always installed.
    live.bind(close.setText, lambda: ui_text("Close"))
    default.setDefault(False)  # setDefault(True) on a default button is a no-op in Qt
    default.setDefault(True)
    previous: QWidget = action_buttons[0]
    for button in [*action_buttons[1:], close]:
        QWidget.setTabOrder(previous, button)
        previous = button
