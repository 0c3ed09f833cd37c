"""The dialog: a portal chooser above two tabs, "Publish" and "Audit".

Texts follow the window's language live (``ui.i18n.LiveTexts``).
Every portal call runs in :func:`ui.tasks.start_task`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop.core.template import Template
from olchat_desktop.ui.i18n import LiveTexts, ui_text
from olchat_desktop.ui.robots.audit_tab import AuditTab
from olchat_desktop.ui.robots.portal_option import PortalOption
from olchat_desktop.ui.robots.publish_tab import PublishTab

__all__ = ["PortalOption", "RobotsDialog"]


class RobotsDialog(QDialog):
    def __init__(
        self,
        portals: list[PortalOption],
        *,
        current_template: Callable[[], Template | None] = lambda: None,
        open_template: Callable[[Template], None] = lambda template: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.live = LiveTexts(self)
        self.setObjectName("robotsDialog")
        self.live.bind(self.setWindowTitle, lambda: ui_text("Portal robots"))
        self.resize(980, 640)
        self.portals = portals
        self.portalCombo = QComboBox()
        self.portalCombo.setObjectName("robotsPortalCombo")
        for option in portals:
            self.portalCombo.addItem(option.label)
        self.live.bind(self.portalCombo.setAccessibleName, lambda: ui_text("Portal"))
        self.noPortalLabel = QLabel()
        self.live.bind(
            self.noPortalLabel.setText,
            lambda: ui_text("No portal is connected. Connect one under Connections."),
        )
        self.noPortalLabel.setVisible(not portals)
        self.publishTab = PublishTab(self.current_portal, current_template)
        self.auditTab = AuditTab(self.current_portal, open_template)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("robotsTabs")
        self.tabs.addTab(self.publishTab, "")
        self.tabs.addTab(self.auditTab, "")
        self.live.bind(lambda shown: self.tabs.setTabText(0, shown), lambda: ui_text("Publish"))
        self.live.bind(lambda shown: self.tabs.setTabText(1, shown), lambda: ui_text("Audit"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        portal_label = QLabel()
        self.live.set(portal_label, lambda: ui_text("Portal:"))
        form.addRow(portal_label, self.portalCombo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.noPortalLabel)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.portalCombo.currentIndexChanged.connect(self._portal_changed)
        self._portal_changed()

    def current_portal(self) -> PortalOption | None:
        index = self.portalCombo.currentIndex()
        return self.portals[index] if 0 <= index < len(self.portals) else None

    def _portal_changed(self) -> None:
        self.publishTab.portal_changed()
        self.auditTab.portal_changed()

    def reject(self) -> None:
        # Closing cancels what still runs; late results are dropped by the task handles.
        self.publishTab.cancel()
        self.auditTab.cancel()
        super().reject()
