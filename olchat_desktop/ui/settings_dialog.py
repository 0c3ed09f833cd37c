"""Settings: interface language, theme and preview phone width, applied at once.

Language changes need no restart: installing the other translator sends LanguageChange
to every widget and the main window retranslates itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel

from olchat_desktop.storage.settings import PHONE_WIDTHS
from olchat_desktop.ui import i18n

if TYPE_CHECKING:
    from olchat_desktop.ui.window_parts import WindowParts


class SettingsDialog(QDialog):
    def __init__(self, window: WindowParts) -> None:
        super().__init__(window)
        self.setObjectName("settingsDialog")
        self.main_window = window
        settings = window.settings
        self.languageCombo = QComboBox()
        self.languageCombo.setObjectName("languageCombo")
        self.themeCombo = QComboBox()
        self.themeCombo.setObjectName("themeCombo")
        self.widthCombo = QComboBox()
        self.widthCombo.setObjectName("phoneWidthCombo")
        for value in ("system", "ru", "en"):
            self.languageCombo.addItem("", value)
        for value in ("system", "light", "dark"):
            self.themeCombo.addItem("", value)
        for width in PHONE_WIDTHS:
            self.widthCombo.addItem("", width)
        self.languageCombo.setCurrentIndex(self.languageCombo.findData(settings.language))
        self.themeCombo.setCurrentIndex(self.themeCombo.findData(settings.theme))
        self.widthCombo.setCurrentIndex(self.widthCombo.findData(settings.phone_width))
        self.note = QLabel()
        self.note.setWordWrap(True)
        form = QFormLayout(self)
        self.languageLabel = QLabel()
        self.themeLabel = QLabel()
        self.widthLabel = QLabel()
        for label, combo in (
            (self.languageLabel, self.languageCombo),
            (self.themeLabel, self.themeCombo),
            (self.widthLabel, self.widthCombo),
        ):
            label.setBuddy(combo)
            form.addRow(label, combo)
        form.addRow(self.note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)
        self.languageCombo.currentIndexChanged.connect(self._apply)
        self.themeCombo.currentIndexChanged.connect(self._apply)
        self.widthCombo.currentIndexChanged.connect(self._apply)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.languageLabel.setText(self.tr("&Language"))
        self.themeLabel.setText(self.tr("&Theme"))
        self.widthLabel.setText(self.tr("&Phone width in preview"))
        for combo, texts in (
            (self.languageCombo, (self.tr("As the system"), "Русский", "English")),
            (self.themeCombo, (self.tr("As the system"), self.tr("Light"), self.tr("Dark"))),
            (
                self.widthCombo,
                (self.tr("Small (320)"), self.tr("Default (360)"), self.tr("Large (412)")),
            ),
        ):
            for index, text in enumerate(texts):
                combo.setItemText(index, text)
        self.languageCombo.setAccessibleName(self.tr("Language"))
        self.themeCombo.setAccessibleName(self.tr("Theme"))
        self.widthCombo.setAccessibleName(self.tr("Phone width in preview"))
        self.note.setText(self.tr("Changes apply at once and are remembered."))

    def _apply(self) -> None:
        window, settings = self.main_window, self.main_window.settings
        language = self.languageCombo.currentData()
        theme = self.themeCombo.currentData()
        width = int(self.widthCombo.currentData())
        if language != settings.language:
            settings.language = language
            i18n.install_language(i18n.resolve_language(language))
            self.retranslate()
        if theme != settings.theme:
            settings.theme = theme
            window.apply_theme(theme)
        if width != settings.phone_width:
            settings.phone_width = width
            window.apply_phone_width(width)
        window.save_settings()
