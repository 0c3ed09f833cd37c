"""The message field's formatting toolbar: bold, italic, strike, monospace, code, lists,
quote (with their shortcuts, active while the message field has focus), emoji and Insert
field. Layout and texts only; ``controllers.window_actions`` wires the commands.

A plain class, not a QToolBar subclass: a Python subclass of a Qt class costs its type's
creation at start-up, for nothing here.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit, QToolBar, QToolButton, QWidget

from olchat_desktop.ui.i18n import ui_text


class FormatToolbar:
    def __init__(self, owner: QWidget, message_edit: QPlainTextEdit) -> None:
        toolbar = QToolBar()
        self.toolbar = toolbar
        toolbar.setObjectName("formatToolbar")
        toolbar.setIconSize(QSize(16, 16))
        # Toolbar buttons take no focus, so Tab goes from field to field.
        toolbar.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.boldAction = QAction("B", owner)
        self.boldAction.setShortcut(QKeySequence.StandardKey.Bold)
        self.italicAction = QAction("I", owner)
        self.italicAction.setShortcut(QKeySequence.StandardKey.Italic)
        self.strikeAction = QAction("S", owner)
        self.strikeAction.setShortcut(QKeySequence("Ctrl+Shift+X"))
        self.monoAction = QAction("```", owner)
        self.monoAction.setShortcut(QKeySequence("Ctrl+Shift+M"))
        self.codeAction = QAction("`", owner)
        self.codeAction.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.bulletAction = QAction("•", owner)
        self.numberedAction = QAction("1.", owner)
        self.quoteAction = QAction("❝", owner)
        self.formatActions = [
            self.boldAction,
            self.italicAction,
            self.strikeAction,
            self.monoAction,
            self.codeAction,
            self.bulletAction,
            self.numberedAction,
            self.quoteAction,
        ]
        for action in self.formatActions:
            # Shortcuts act only while the message field has focus.
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            message_edit.addAction(action)
            toolbar.addAction(action)
        bold_font = owner.font()
        bold_font.setBold(True)
        self.boldAction.setFont(bold_font)
        italic_font = owner.font()
        italic_font.setItalic(True)
        self.italicAction.setFont(italic_font)
        strike_font = owner.font()
        strike_font.setStrikeOut(True)
        self.strikeAction.setFont(strike_font)
        toolbar.addSeparator()
        self.emojiButton = QToolButton()
        self.emojiButton.setObjectName("emojiButton")
        # No "😊" text: measuring it would load the colour emoji font at start-up, for a
        # button that shows its icon (window_icons.apply_action_icons; the text is the
        # fallback).
        self.emojiButton.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addWidget(self.emojiButton)
        self.insertFieldButton = QToolButton()
        self.insertFieldButton.setObjectName("insertFieldButton")
        self.insertFieldButton.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addWidget(self.insertFieldButton)
        for button in toolbar.findChildren(QToolButton):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def retranslate(self) -> None:
        actions = (
            (self.boldAction, ui_text("Bold (*text*)")),
            (self.italicAction, ui_text("Italic (_text_)")),
            (self.strikeAction, ui_text("Strikethrough (~text~)")),
            (self.monoAction, ui_text("Monospace block (```text```)")),
            (self.codeAction, ui_text("Inline code (`text`)")),
            (self.bulletAction, ui_text("Bulleted list (- item)")),
            (self.numberedAction, ui_text("Numbered list (1. item)")),
            (self.quoteAction, ui_text("Quote (> text)")),
        )
        for action, tip in actions:
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} {shortcut}".strip())
            action.setStatusTip(tip)
        self.emojiButton.setToolTip(ui_text("Insert emoji"))
        self.emojiButton.setAccessibleName(ui_text("Insert emoji"))
        self.insertFieldButton.setText(ui_text("Insert field"))
        self.insertFieldButton.setAccessibleName(ui_text("Insert a Bitrix24 CRM field"))
        self.toolbar.setAccessibleName(ui_text("Message formatting"))
