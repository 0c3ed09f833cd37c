"""Bitrix24 template expressions inside robot fields: split a field into literal text and
expressions.

Recognised forms (``/work/shared/reference/olchat_whatsapp.md`` §6; Bitrix24 training
course 55, "Вставка значения"; Bitrix calculator lesson, course 57 lesson 3814):

- ``{{Display name}}``: the robot UI form; spaces, colons and Cyrillic are allowed, e.g.
  ``{{Контакт: Телефон}}``, ``{{Телефон (текст)}}``.
- ``{=Group:Field}``: the business-process form, e.g. ``{=Document:PHONE}``,
  ``{=Variable:x}``, ``{=Constant:x}``, ``{=Template:x}`` (parameters),
  ``{=A12_345_678:Result}`` (another activity's result), ``{=System:Now}``; an optional
  modifier after ``>``: ``{=Document:PHONE > printable}``.
- ``{{=expr}}``: the calculator inside text; nested expressions and quoted strings are
  skipped while looking for the closing ``}}``, so
  ``{{=DateAdd({=Document:CREATED}, '5d')}}`` is one expression.
- ``=expr`` as the whole field (``=if(...)``, ``={=A:B} & 'x'``): Bitrix runs the calculator
  on a field that starts with ``=``. Only a field whose ``=`` is followed by a function
  call or an expression counts, so that ``=== Акция ===`` stays text (Bitrix falls back
  to plain text when the calculator fails on it).

An unclosed or malformed brace is literal text. Expressions never span a line break,
except the whole-field calculator. Each expression keeps its exact source text: that is
the key of ``Template.samples``.
"""

# No "from __future__ import annotations": typing.NamedTuple compiles every string
# annotation into a ForwardRef, 30 µs a field on the start-up path (issue 5).
import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Literal, NamedTuple

ExpressionKind = Literal[
    "display", "document", "variable", "constant", "template", "activity", "system",
    "calculator", "other",
]  # fmt: skip

# Simple character classes only (no nested quantifiers), so that a long unclosed brace
# fails in linear time; blank names are refused in Python afterwards.
_DISPLAY_RE = re.compile(r"\{\{(?!=)([^{}\n]+)\}\}")
_PROCESS_RE = re.compile(r"\{=([A-Za-z][A-Za-z0-9_]*):([^{}\n>]+)(?:>([^{}\n]*))?\}")
_ACTIVITY_GROUP_RE = re.compile(r"A\d+(?:_\d+)+")
_WHOLE_FIELD_CALC_RE = re.compile(r"=\s*(?:[A-Za-z_]\w*\s*\(|\{)")
_GROUP_KINDS: dict[str, ExpressionKind] = {
    "document": "document",
    "variable": "variable",
    "constant": "constant",
    "globalconst": "constant",
    "globalvar": "variable",
    "template": "template",
    "system": "system",
    "workflow": "system",
    "user": "system",
}


class Expression(NamedTuple):
    """One expression; ``source`` is its exact text, ``[start, end)`` its span in the field."""

    source: str
    kind: ExpressionKind
    start: int
    end: int
    # The group of a ``{=Group:Field}`` form ("Document"); empty for the other forms.
    group: str = ""
    # The display name, the field code, or the calculator formula, stripped.
    name: str = ""
    # The modifier after ``>`` ("printable"), or "" when there is none.
    modifier: str = ""


class LiteralText(NamedTuple):
    """Text that Bitrix24 sends as typed."""

    text: str
    start: int
    end: int


Segment = LiteralText | Expression


def _kind_of_group(group: str) -> ExpressionKind:
    if _ACTIVITY_GROUP_RE.fullmatch(group):
        return "activity"
    return _GROUP_KINDS.get(group.casefold(), "other")


def _match_at(text: str, start: int) -> Expression | None:
    """The expression that starts exactly at ``start``, if any (``text[start]`` is ``{``)."""
    if text.startswith("{{=", start):
        end = _calculator_end(text, start)
        if end is None:
            return None
        source = text[start:end]
        return Expression(source, "calculator", start, end, name=source[3:-2].strip())
    if text.startswith("{{", start):
        display = _DISPLAY_RE.match(text, start)
        if display is None or not display.group(1).strip():
            return None
        return Expression(
            display.group(0), "display", start, display.end(), name=display.group(1).strip()
        )
    process = _PROCESS_RE.match(text, start)
    if process is None or not process.group(2).strip():
        return None
    group = process.group(1)
    return Expression(
        process.group(0),
        _kind_of_group(group),
        start,
        process.end(),
        group=group,
        name=process.group(2).strip(),
        modifier=(process.group(3) or "").strip(),
    )


def _calculator_end(text: str, start: int) -> int | None:
    """End of the ``{{=...}}`` starting at ``start``; nested expressions and quotes skipped."""
    position = start + 3
    length = len(text)
    while position < length:
        char = text[position]
        if char == "\n":
            return None
        if char == "}" and text.startswith("}}", position):
            return position + 2
        if char == "{":
            inner = _match_at(text, position)
            if inner is not None:
                position = inner.end
                continue
        elif char in "'\"":
            closing = text.find(char, position + 1)
            if closing != -1 and "\n" not in text[position:closing]:
                position = closing + 1
                continue
        position += 1
    return None


@lru_cache(maxsize=256)
def split_expressions(text: str) -> tuple[Segment, ...]:
    """Split a field into literal text and expressions, in order, covering it exactly.

    Cached: the editor calls this on every keystroke for every field, and the result is
    immutable.
    """
    if _WHOLE_FIELD_CALC_RE.match(text):
        return (Expression(text, "calculator", 0, len(text), name=text[1:].strip()),)
    segments: list[Segment] = []
    literal_start = 0
    position = text.find("{")
    while position != -1:
        expression = _match_at(text, position)
        if expression is None:
            position = text.find("{", position + 1)
            continue
        if position > literal_start:
            segments.append(LiteralText(text[literal_start:position], literal_start, position))
        segments.append(expression)
        literal_start = expression.end
        position = text.find("{", literal_start)
    if literal_start < len(text):
        segments.append(LiteralText(text[literal_start:], literal_start, len(text)))
    return tuple(segments)


def find_expressions(text: str) -> tuple[Expression, ...]:
    """Only the expressions of a field, in order."""
    return tuple(s for s in split_expressions(text) if isinstance(s, Expression))


def has_expressions(text: str) -> bool:
    return any(isinstance(s, Expression) for s in split_expressions(text))


def substitute(text: str, samples: Mapping[str, str] | None = None) -> str:
    """The field with each expression that has a sample replaced by it; others kept as typed."""
    if not samples:
        return text
    parts: list[str] = []
    for segment in split_expressions(text):
        if isinstance(segment, Expression):
            parts.append(samples.get(segment.source, segment.source))
        else:
            parts.append(segment.text)
    return "".join(parts)
