"""Fixtures for the portal-fields UI tests: a portal catalogue, typing Cyrillic, and a
main window whose editor uses that catalogue."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from olchat_desktop.core.field_catalogue import FieldCatalogue, build_catalogue
from olchat_desktop.sandbox.user_fields import USER_FIELDS
from olchat_desktop.ui.catalogue.portal import ActivePortal
from olchat_desktop.ui.main_window import MainWindow

STANDARD: dict[str, dict[str, Any]] = {
    "TITLE": {"type": "string", "title": "Название"},
    "NAME": {"type": "string", "title": "Имя"},
    "OPPORTUNITY": {"type": "double", "title": "Сумма"},
    "STAGE_ID": {"type": "crm_status", "title": "Стадия сделки", "statusType": "DEAL_STAGE"},
    "ASSIGNED_BY_ID": {"type": "user", "title": "Ответственный"},
}


def make_portal_catalogue() -> FieldCatalogue:
    """Standard fields plus the sandbox portal's user fields, for every entity."""
    raw = {
        entity: {**STANDARD, **{uf.code: uf.describe() for uf in fields}}
        for entity, fields in USER_FIELDS.items()
    }
    return build_catalogue(raw, fetched_at=1.0)  # type: ignore[arg-type]


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` as key presses. QTest.keyClicks asserts on non-ASCII characters, so
    each character goes as a key event carrying its text, as a keyboard layout sends it."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char)
            QApplication.sendEvent(widget, event)


@pytest.fixture
def portal_catalogue() -> FieldCatalogue:
    return make_portal_catalogue()


@pytest.fixture
def portal_window(window: MainWindow) -> MainWindow:
    """The main window with the test portal catalogue in use (no background loading)."""
    catalogues = window.windowActions.catalogues
    catalogues.shutdown()
    catalogues.portal_catalogue = make_portal_catalogue()
    catalogues.portal = ActivePortal("Тестовый портал", "test", lambda: None)  # type: ignore[arg-type, return-value]
    catalogues.changed.emit()
    return window
