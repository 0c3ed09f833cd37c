"""Where the Connections dialog's secrets live, and the warning when they do not persist.

The location line names the keyring in use; with no system keyring a yellow banner says
secrets are kept in memory for this run only, and its "Check again" looks for a keyring
again off the GUI thread (the user may have started or unlocked one). The first look-up of
the keyring talks to D-Bus, so it too runs in the background.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from olchat_desktop.core.i18n import text
from olchat_desktop.storage.secrets import SecretStore
from olchat_desktop.ui.connections.task_row import TaskRow
from olchat_desktop.ui.i18n import current_language, ui_text
from olchat_desktop.ui.tasks import CancelToken, Report, TaskHandle, start_task


class SecretsBanner(QWidget):
    """The location line and the no-keyring banner; :meth:`show_location` updates both."""

    # After "Check again": the keyring may have changed where the profiles' secrets live.
    rechecked = Signal()

    def __init__(
        self, secrets: SecretStore, task_row: TaskRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.secrets, self.task_row = secrets, task_row
        self.bannerFrame = QFrame()
        self.bannerFrame.setObjectName("secretsBannerFrame")
        self.bannerFrame.setStyleSheet(
            "#secretsBannerFrame { background: #fff3cd; border-radius: 4px; }"
            " #secretsBanner { color: #664d03; }"
        )
        self.banner = QLabel()
        self.banner.setObjectName("secretsBanner")
        self.banner.setWordWrap(True)
        self.locationLabel = QLabel()
        self.locationLabel.setObjectName("secretsLocation")
        self.locationLabel.setWordWrap(True)  # the Russian "not stored" text is long
        self.recheckButton = QPushButton()
        self.recheckButton.setObjectName("recheckButton")
        self.recheckButton.setAutoDefault(False)
        self.recheckButton.clicked.connect(self.recheck_keyring)
        banner_layout = QHBoxLayout(self.bannerFrame)
        banner_layout.setContentsMargins(8, 8, 8, 8)
        banner_layout.addWidget(self.banner, 1)
        banner_layout.addWidget(self.recheckButton)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.bannerFrame)
        layout.addWidget(self.locationLabel)
        self._keyring_lookup: TaskHandle | None = None

    def retranslate(self) -> None:
        """The button's text; the dialog's refresh shows the location in the new language."""
        self.recheckButton.setText(ui_text("C&heck again"))

    def show_location(self) -> None:
        lang, secrets = current_language(), self.secrets
        if not secrets.resolved and self._keyring_lookup is None:
            # The first look-up of the keyring talks to D-Bus: do it off the GUI thread,
            # once; a keyring that is still missing afterwards is reported as it is.
            self.locationLabel.setText(text(lang, "Checking the system keyring…"))
            self.bannerFrame.setVisible(False)
            self._keyring_lookup = start_task(lambda _token, _report: secrets.mode, self)
            self._keyring_lookup.finished.connect(self.show_location)
            return
        if self._keyring_lookup is not None and self._keyring_lookup.running:
            return  # the look-up in flight will show it
        self.locationLabel.setText(
            text(lang, "Where secrets are stored: ") + secrets.location_text(lang)
        )
        self.banner.setText(
            text(
                lang,
                "No system keyring: secrets are kept in memory only and are forgotten "
                "when the app closes.",
            )
        )
        persistent = secrets.persistent
        self.banner.setVisible(not persistent)
        self.bannerFrame.setVisible(not persistent)

    def recheck_keyring(self) -> None:
        """Look for a system keyring again; secrets held in memory move into it if found."""
        secrets = self.secrets

        def work(token: CancelToken, report: Report) -> Any:
            return secrets.recheck()  # may block on D-Bus or an unlock prompt

        def done(_mode: Any) -> None:
            self.rechecked.emit()
            if secrets.persistent:
                text = ui_text("Keyring found: secrets are stored in it.")
            else:
                text = ui_text("Still no usable keyring.")
            self.task_row.show_text(text)

        self.task_row.run(work, ui_text("Looking for a keyring…"), done)
