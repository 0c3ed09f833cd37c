"""At the default window size, no toolbar hides actions behind its » overflow button."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from olchat_desktop.app import build_main_window


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_no_toolbar_overflows_at_the_default_size(qtbot: QtBot, lang: str) -> None:
    window = build_main_window(["--lang", lang])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)
    toolbars = window.findChildren(QToolBar)
    assert toolbars
    for toolbar in toolbars:
        overflow = toolbar.findChild(QToolButton, "qt_toolbar_ext_button")
        hidden = overflow is not None and overflow.isVisible()
        assert not hidden, f"{toolbar.objectName()} overflows in {lang}"
    preview = window.preview
    for action in (preview.darkAction, preview.exportAction, preview.copyAction):
        assert not action.icon().isNull()
        assert action.text()  # kept for the context menu, tooltips and screen readers
    window.windowActions.shutdown()
