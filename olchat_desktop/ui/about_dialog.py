"""Help → About OLChat Desktop: icon, name, version, data home and bundled licences."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from olchat_desktop import APP_NAME, __version__
from olchat_desktop.licenses import library_rows
from olchat_desktop.paths import data_home
from olchat_desktop.ui.i18n import follow_language, ui_text
from olchat_desktop.ui.icons import app_icon

ICON_SIZE = 64


class AboutDialog(QDialog):
    """Read-only facts about the app. Library versions are read when it is built."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        layout = QVBoxLayout(self)

        header = QHBoxLayout()
        self.iconLabel = QLabel()
        self.iconLabel.setObjectName("aboutIcon")
        # QIcon.pixmap(QSize, dpr) renders the SVG at the screen's pixel density.
        self.iconLabel.setPixmap(
            app_icon().pixmap(QSize(ICON_SIZE, ICON_SIZE), self.devicePixelRatioF())
        )
        self.iconLabel.setAlignment(Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.iconLabel)
        titles = QVBoxLayout()
        self.nameLabel = QLabel(APP_NAME)
        self.nameLabel.setObjectName("aboutName")
        font = self.nameLabel.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.nameLabel.setFont(font)
        self.versionLabel = QLabel()
        self.versionLabel.setObjectName("aboutVersion")
        self.versionLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.descriptionLabel = QLabel()
        self.descriptionLabel.setObjectName("aboutDescription")
        self.descriptionLabel.setWordWrap(True)
        for widget in (self.nameLabel, self.versionLabel, self.descriptionLabel):
            titles.addWidget(widget)
        titles.addStretch(1)
        header.addLayout(titles, 1)
        layout.addLayout(header)

        self.dataHomeLabel = QLabel()
        self.dataHomeLabel.setObjectName("aboutDataHome")
        self.dataHomeLabel.setWordWrap(True)
        self.dataHomeLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.dataHomeLabel.setOpenExternalLinks(False)
        self.dataHomeLabel.linkActivated.connect(self._open_data_home)
        layout.addWidget(self.dataHomeLabel)

        self.librariesTitle = QLabel()
        layout.addWidget(self.librariesTitle)
        self.rows = library_rows()
        self.librariesTable = QTableWidget(len(self.rows), 3)
        self.librariesTable.setObjectName("librariesTable")
        self.librariesTitle.setBuddy(self.librariesTable)
        table = self.librariesTable
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setAlternatingRowColors(True)
        for row, (library, version) in enumerate(self.rows):
            for column, text in enumerate((library.name, version, library.licence)):
                item = QTableWidgetItem(text)
                item.setToolTip(library.url)
                table.setItem(row, column, item)
        head = table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        head.setStretchLastSection(True)
        table.resizeRowsToContents()
        # Tall enough for every row: the table is short, a scroll bar would only hide rows.
        rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
        table.setMinimumHeight(rows_height + head.sizeHint().height() + 2 * table.frameWidth())
        table.setMaximumHeight(table.minimumHeight())
        layout.addWidget(table)
        layout.addStretch(1)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.retranslate()
        follow_language(self, self.retranslate)
        self.setMinimumWidth(520)

    def _open_data_home(self, _link: str) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(data_home())))

    def retranslate(self) -> None:
        self.setWindowTitle(ui_text("About %1").replace("%1", APP_NAME))
        self.versionLabel.setText(ui_text("Version %1").replace("%1", __version__))
        self.descriptionLabel.setText(
            ui_text(
                "Design, check and test-send WhatsApp button messages for Bitrix24 "
                "automation through OLChat."
            )
        )
        home = str(data_home())
        self.dataHomeLabel.setText(
            ui_text("Data folder: %1").replace(
                "%1", f'<a href="open">{home.replace("&", "&amp;").replace("<", "&lt;")}</a>'
            )
        )
        self.dataHomeLabel.setToolTip(ui_text("Templates, settings, history and logs live here"))
        self.librariesTitle.setText(ui_text("Bundled libraries"))
        self.librariesTable.setHorizontalHeaderLabels(
            [ui_text("Library"), ui_text("Version"), ui_text("Licence")]
        )
        self.librariesTable.setAccessibleName(ui_text("Bundled libraries"))
