"""The dialog: a portal chooser above two tabs, "Publish" and "Audit".

Texts come in Russian and English through :func:`olchat_desktop.core.i18n.pick` with the
language the window shows. Every portal call runs in :func:`ui.tasks.start_task`.
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

from olchat_desktop.core.i18n import Lang, pick
from olchat_desktop.core.template import Template
from olchat_desktop.ui.robots.audit_tab import AuditTab
from olchat_desktop.ui.robots.portal_option import PortalOption
from olchat_desktop.ui.robots.publish_tab import PublishTab

__all__ = ["PortalOption", "RobotsDialog"]


class RobotsDialog(QDialog):
    def __init__(
        self,
        portals: list[PortalOption],
        lang: Lang,
        *,
        current_template: Callable[[], Template | None] = lambda: None,
        open_template: Callable[[Template], None] = lambda template: None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("robotsDialog")
        self.setWindowTitle(pick(lang, "Роботы портала", "Portal robots"))
        self.resize(980, 640)
        self.portals = portals
        self.lang = lang
        self.portalCombo = QComboBox()
        self.portalCombo.setObjectName("robotsPortalCombo")
        for option in portals:
            self.portalCombo.addItem(option.label)
        self.portalCombo.setAccessibleName(pick(lang, "Портал", "Portal"))
        self.noPortalLabel = QLabel(
            pick(
                lang,
                "Нет подключённых порталов. Подключите портал в «Подключениях».",
                "No portal is connected. Connect one under Connections.",
            )
        )
        self.noPortalLabel.setVisible(not portals)
        self.publishTab = PublishTab(self.current_portal, current_template, lang)
        self.auditTab = AuditTab(self.current_portal, open_template, lang)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("robotsTabs")
        self.tabs.addTab(self.publishTab, pick(lang, "Публикация", "Publish"))
        self.tabs.addTab(self.auditTab, pick(lang, "Аудит", "Audit"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(pick(lang, "Портал:", "Portal:"), self.portalCombo)
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
