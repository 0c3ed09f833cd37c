"""Settings: interface language, theme and preview phone width, applied at once.

Language changes need no restart: ``i18n.install_language`` sends LanguageChange to every
window and dialog, and each retranslates itself (this one too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel

from olchat_desktop.storage.settings import PHONE_WIDTHS
from olchat_desktop.ui import i18n
from olchat_desktop.ui.i18n import follow_language, ui_text

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
        follow_language(self, self.retranslate)

    def retranslate(self) -> None:
        self.setWindowTitle(ui_text("Settings"))
        self.languageLabel.setText(ui_text("&Language"))
        self.themeLabel.setText(ui_text("&Theme"))
        self.widthLabel.setText(ui_text("&Phone width in preview"))
        for combo, texts in (
            (self.languageCombo, (ui_text("As the system"), "Русский", "English")),
            (self.themeCombo, (ui_text("As the system"), ui_text("Light"), ui_text("Dark"))),
            (
                self.widthCombo,
                (ui_text("Small (320)"), ui_text("Default (360)"), ui_text("Large (412)")),
            ),
        ):
            for index, text in enumerate(texts):
                combo.setItemText(index, text)
        self.languageCombo.setAccessibleName(ui_text("Language"))
        self.themeCombo.setAccessibleName(ui_text("Theme"))
        self.widthCombo.setAccessibleName(ui_text("Phone width in preview"))
        self.note.setText(ui_text("Changes apply at once and are remembered."))

    def _apply(self) -> None:
        window, settings = self.main_window, self.main_window.settings
        language = self.languageCombo.currentData()
        theme = self.themeCombo.currentData()
        width = int(self.widthCombo.currentData())
        if language != settings.language:
            settings.language = language
            i18n.install_language(i18n.resolve_language(language))
            self.retranslate()  # at once here; the other windows follow a moment later
        if theme != settings.theme:
            settings.theme = theme
            window.apply_theme(theme)
        if width != settings.phone_width:
            settings.phone_width = width
            window.apply_phone_width(width)
        window.save_settings()
