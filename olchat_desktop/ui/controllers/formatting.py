"""Formatting commands for the message field: WhatsApp markers around the selection.

WhatsApp needs the markers to touch the text (``*bold*``, not ``* bold *``: reference
§3 a), so spaces selected at either end stay outside the markers. With no selection a
pair of markers is inserted and the cursor placed between them. Each command is one
undo step (``beginEditBlock``).
"""

from __future__ import annotations

from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit

BOLD = "*"
ITALIC = "_"
STRIKE = "~"
CODE = "`"
MONO = "```"


def wrap_selection(edit: QPlainTextEdit, marker: str) -> None:
    """Wrap the selection in ``marker`` (or insert a pair and put the cursor inside)."""
    cursor = edit.textCursor()
    cursor.beginEditBlock()
    selected = cursor.selectedText()
    if not selected:
        position = cursor.position()
        cursor.insertText(marker + marker)
        cursor.setPosition(position + len(marker))
    else:
        # QTextCursor uses U+2029 for line breaks inside selectedText.
        selected = selected.replace("\u2029", "\n")
        core = selected.strip()
        lead = selected[: len(selected) - len(selected.lstrip())]
        trail = selected[len(selected.rstrip()) :]
        start = cursor.selectionStart()
        cursor.insertText(f"{lead}{marker}{core}{marker}{trail}")
        inner_start = start + len(lead) + len(marker)
        cursor.setPosition(inner_start)
        cursor.setPosition(inner_start + len(core), QTextCursor.MoveMode.KeepAnchor)
    cursor.endEditBlock()
    edit.setTextCursor(cursor)


def wrap_block(edit: QPlainTextEdit) -> None:
    """A monospace block: fences on their own lines around the selected lines."""
    cursor = edit.textCursor()
    selected = cursor.selectedText().replace("\u2029", "\n")
    cursor.beginEditBlock()
    if not selected:
        position = cursor.position()
        cursor.insertText(MONO + MONO)
        cursor.setPosition(position + len(MONO))
    else:
        cursor.insertText(f"{MONO}{selected}{MONO}")
    cursor.endEditBlock()
    edit.setTextCursor(cursor)


def prefix_lines(edit: QPlainTextEdit, kind: str) -> None:
    """Start each selected line (or the current one) with ``- ``, ``1. `` or ``> ``.

    Lines that already carry the prefix lose it, so the button toggles.
    """
    cursor = edit.textCursor()
    document = edit.document()
    first = document.findBlock(cursor.selectionStart())
    last = document.findBlock(cursor.selectionEnd())
    blocks = []
    block = first
    while block.isValid():
        blocks.append(block)
        if block == last:
            break
        block = block.next()
    prefixes = [_prefix(kind, number) for number in range(1, len(blocks) + 1)]
    remove = all(b.text().startswith(p) for b, p in zip(blocks, prefixes, strict=True))
    cursor.beginEditBlock()
    for block, prefix in zip(blocks, prefixes, strict=True):
        line = QTextCursor(block)
        if remove:
            line.movePosition(
                QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor, len(prefix)
            )
            line.removeSelectedText()
        else:
            line.insertText(prefix)
    cursor.endEditBlock()


def _prefix(kind: str, number: int) -> str:
    if kind == "numbered":
        return f"{number}. "
    if kind == "quote":
        return "> "
    return "- "


def insert_text(edit: object, text: str) -> None:
    """Insert at the cursor of a line edit or a plain-text edit (replacing a selection)."""
    if isinstance(edit, QPlainTextEdit):
        edit.insertPlainText(text)
    else:
        insert = getattr(edit, "insert", None)
        if insert is not None:
            insert(text)


def replace_in_widget(widget: object, old: str, new: str) -> int:
    """Replace every ``old`` in a line or plain-text edit with ``new`` as one undo step
    of that widget (Ctrl+Z restores the text, as after typing); returns the count."""
    if isinstance(widget, QPlainTextEdit):
        text = widget.toPlainText()
        starts = _occurrences(text, old)
        if not starts:
            return 0
        cursor = QTextCursor(widget.document())
        cursor.beginEditBlock()
        for start in reversed(starts):  # from the end: earlier positions stay valid
            cursor.setPosition(start)
            cursor.setPosition(start + len(old), QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(new)
        cursor.endEditBlock()
        return len(starts)
    text_of, select_all, insert = (
        getattr(widget, name, None) for name in ("text", "selectAll", "insert")
    )
    if not (callable(text_of) and callable(select_all) and callable(insert)):
        return 0
    text = str(text_of())
    count = len(_occurrences(text, old))
    if count:
        # One insert over the whole text: QLineEdit records it as a single undo step.
        select_all()
        insert(text.replace(old, new))
    return count


def _occurrences(text: str, old: str) -> list[int]:
    starts: list[int] = []
    position = text.find(old)
    while old and position >= 0:
        starts.append(position)
        position = text.find(old, position + len(old))
    return starts
