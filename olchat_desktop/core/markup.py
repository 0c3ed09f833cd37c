"""Parse WhatsApp markup into a ``MarkupTree`` (node types in ``markup_nodes``).

Rules (``/work/shared/reference/olchat_whatsapp.md`` §3; OLChat's formatting page lists
the same eight styles):

- ``*bold*``, ``_italic_``, ``~strike~``: the markers must touch the text (``* a *`` is
  plain); the opening marker is not preceded, and the closing one not followed, by a
  letter or digit, so ``snake_case_words`` and ``2*3*4`` stay plain; styles never cross a
  line break; nesting works (``*_bold italic_*``).
- ```` ```mono``` ````: a block when the fences start a line and end a line (it may span
  lines), inline monospace otherwise; `` `code` `` inline. Nothing inside is formatted.
- Line starts: ``- `` / ``* `` bullets, ``1. `` numbered items, ``> `` quotes (a space
  after the marker is required, as in WhatsApp).
- Bare links ``http://``, ``https://``, ``www.``; trailing punctuation is not part of them.
- Bitrix24 expressions are atoms: their source is never parsed as markup (so
  ``{=Variable:my_var}`` stays whole), but they can sit inside styles (``*{{Имя}}*``),
  code and links. A sample's own characters are not parsed either: the preview shows
  what the manager typed around them.

Implementation: expressions, then code spans and links, are replaced by one private-use
character each (never one that occurs in the text), so the style regex sees each atom as
a single non-space, non-word character; atoms are mapped back to nodes afterwards.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from olchat_desktop.core.expressions import Expression, split_expressions
from olchat_desktop.core.markup_nodes import (
    Block,
    BulletItem,
    Code,
    ExpressionNode,
    Inline,
    InlineStyle,
    Link,
    MarkupTree,
    MonoBlock,
    NumberedItem,
    Paragraph,
    Plain,
    Quote,
    Styled,
    Text,
    iter_all_inline,
)

_ATOM_FIRST = 0xF0000  # Supplementary Private Use Area-A
_ATOM_RE = re.compile("[\U000f0000-\U000ffffd]")
_STYLE_RE = re.compile(r"(?<!\w)([*_~])(?=\S)(.+?)(?<=\S)\1(?!\w)")
_STYLES: dict[str, InlineStyle] = {"*": "bold", "_": "italic", "~": "strike"}
_OPAQUE_RE = re.compile(
    r"```(?P<mono>.+?)```"
    r"|`(?P<code>[^`]+)`"
    r"|(?P<link>(?<![\w@/.])(?:https?://|www\.)[^\s<>`]+)",
    re.IGNORECASE,
)
_LINK_PREFIX_RE = re.compile(r"https?://|www\.?", re.IGNORECASE)
_NUMBERED_RE = re.compile(r"(\d{1,9})\. ")
_LINK_TRAILING = ".,;:!?»\"'*_~"


class _Atoms:
    """Private-use placeholder characters standing for nodes while regexes run."""

    def __init__(self, text: str) -> None:
        self._nodes: dict[str, Inline] = {}
        self._next = _ATOM_FIRST
        # Rare: the text itself has private-use characters; never reuse those.
        self._taken = set(_ATOM_RE.findall(text))

    def add(self, node: Inline) -> str:
        char = chr(self._next)
        while char in self._taken:
            self._next += 1
            char = chr(self._next)
        self._next += 1
        self._nodes[char] = node
        return char

    def expand(self, text: str, nodes: list[Inline]) -> None:
        """Append the nodes of ``text`` (placeholders back into their nodes) to ``nodes``."""
        if not text:
            return
        if not _ATOM_RE.search(text):
            nodes.append(Text(text))
            return
        start = 0
        for match in _ATOM_RE.finditer(text):
            node = self._nodes.get(match.group(0))
            if node is None:
                continue
            if match.start() > start:
                nodes.append(Text(text[start : match.start()]))
            nodes.append(node)
            start = match.end()
        if start < len(text):
            nodes.append(Text(text[start:]))

    def expand_plain(self, text: str) -> tuple[Plain, ...]:
        # Only expression atoms exist while code and link contents are expanded.
        nodes: list[Inline] = []
        self.expand(text, nodes)
        return tuple(n for n in nodes if isinstance(n, Text | ExpressionNode))


def _trim_link(url: str) -> str:
    while url:
        last = url[-1]
        if last in _LINK_TRAILING or (last == ")" and url.count("(") < url.count(")")):
            url = url[:-1]
        else:
            break
    return url


def _styled(text: str, atoms: _Atoms) -> tuple[Inline, ...]:
    nodes: list[Inline] = []
    start = 0
    # Fast path (the regex cannot match without a marker): most text is unstyled.
    if "*" in text or "_" in text or "~" in text:
        for match in _STYLE_RE.finditer(text):
            atoms.expand(text[start : match.start()], nodes)
            nodes.append(Styled(_STYLES[match.group(1)], _styled(match.group(2), atoms)))
            start = match.end()
    atoms.expand(text[start:], nodes)
    return tuple(nodes)


def _inline(line: str, atoms: _Atoms) -> tuple[Inline, ...]:
    parts: list[str] = []
    start = 0
    for match in _OPAQUE_RE.finditer(line):
        parts.append(line[start : match.start()])
        start = match.end()
        if match.group("mono") is not None:
            parts.append(atoms.add(Code(atoms.expand_plain(match.group("mono")), "```")))
        elif match.group("code") is not None:
            parts.append(atoms.add(Code(atoms.expand_plain(match.group("code")))))
        else:
            url = _trim_link(match.group("link"))
            if _LINK_PREFIX_RE.fullmatch(url):  # "www..." or "http://," : nothing after it
                parts.append(match.group("link"))
                continue
            parts.append(atoms.add(Link(atoms.expand_plain(url))))
            parts.append(match.group("link")[len(url) :])
    parts.append(line[start:])
    return _styled("".join(parts), atoms)


def _line_block(line: str, atoms: _Atoms) -> Block:
    if line.startswith("> "):
        return Quote(_inline(line[2:], atoms))
    if line.startswith(("- ", "* ")):
        return BulletItem(line[0], _inline(line[2:], atoms))
    numbered = _NUMBERED_RE.match(line)
    if numbered:
        return NumberedItem(numbered.group(1), _inline(line[numbered.end() :], atoms))
    return Paragraph(_inline(line, atoms))


def _mono_block_end(text: str, start: int) -> int | None:
    """End of a ```` ``` ```` block opening at line start ``start``, if it closes at a line end."""
    if not text.startswith("```", start):
        return None
    closing = text.find("```", start + 4)
    if closing == -1:
        return None
    end = closing + 3
    return end if end == len(text) or text[end] == "\n" else None


def _blocks(text: str, atoms: _Atoms) -> tuple[Block, ...]:
    blocks: list[Block] = []
    position = 0
    while True:
        mono_end = _mono_block_end(text, position)
        if mono_end is not None:
            blocks.append(MonoBlock(atoms.expand_plain(text[position + 3 : mono_end - 3])))
            if mono_end == len(text):
                break
            position = mono_end + 1
            continue
        newline = text.find("\n", position)
        line_end = len(text) if newline == -1 else newline
        blocks.append(_line_block(text[position:line_end], atoms))
        if newline == -1:
            break
        position = newline + 1
    return tuple(blocks)


@lru_cache(maxsize=2048)
def _parse(text: str, samples: tuple[tuple[str, str], ...]) -> MarkupTree:
    atoms = _Atoms(text)
    known = dict(samples)
    masked: list[str] = []
    for segment in split_expressions(text):
        if isinstance(segment, Expression):
            masked.append(atoms.add(ExpressionNode(segment.source, known.get(segment.source))))
        else:
            masked.append(segment.text)
    return MarkupTree(_blocks("".join(masked), atoms))


def _lines_are_independent(text: str) -> bool:
    """Whether each line parses the same alone as within the text (calculators and inline
    markers never cross a line break). Two things do: a monospace block opened at a line
    start and closed on a later line, and a line starting with "=", which alone would be
    taken for a whole-field calculator."""
    if text.startswith("=") or "\n=" in text:
        return False
    if "```" in text:
        for line in text.split("\n"):
            if line.startswith("```") and line.find("```", 4) == -1:
                return False
    return True


def parse_markup(text: str, samples: Mapping[str, str] | None = None) -> MarkupTree:
    """Parse a field's WhatsApp markup; expressions carry their sample from ``samples``.

    Cached line by line on the text and the samples that matter to it: a keystroke
    changes one line, so the preview re-parses only that one. Lines are independent
    except where ``_lines_are_independent`` says not.
    """
    if "\n" not in text or not _lines_are_independent(text):
        return _parse_whole(text, samples)
    blocks: list[Block] = []
    for line in text.split("\n"):
        blocks.extend(_parse_whole(line, samples).blocks)
    return MarkupTree(tuple(blocks))


def _parse_whole(text: str, samples: Mapping[str, str] | None) -> MarkupTree:
    relevant: tuple[tuple[str, str], ...] = ()
    if samples:
        relevant = tuple(
            sorted(
                (segment.source, samples[segment.source])
                for segment in split_expressions(text)
                if isinstance(segment, Expression) and segment.source in samples
            )
        )
    return _parse(text, relevant)


@lru_cache(maxsize=256)
def contains_markup(text: str) -> bool:
    """Whether the field has inline formatting (bold, italic, strike, code, monospace).

    Used for fields where WhatsApp shows markers literally (header, button titles). Line
    prefixes such as ``- `` or ``1. `` are not counted: without formatting they read the
    same as typed.
    """
    tree = parse_markup(text)
    if any(isinstance(block, MonoBlock) for block in tree.blocks):
        return True
    return any(isinstance(node, Styled | Code) for node in iter_all_inline(tree))
