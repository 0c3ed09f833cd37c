"""The preview's inspectable layout model: what was laid out, with which style, where.

Tests and accessibility tools read this instead of pixels: "a bold run 'Привет' in the
body", "button 2 is elided". It is rebuilt with every layout and holds plain values only.
"""

# No "from __future__ import annotations": typing.NamedTuple compiles every string
# annotation into a ForwardRef, 30 µs a field on the start-up path (issue 5).
from typing import Literal, NamedTuple

Part = Literal["header", "body", "footer"]
BlockKind = Literal["paragraph", "bullet", "numbered", "quote", "mono", "plain"]
ExpressionState = Literal["sample", "unknown"]
Perspective = Literal["customer", "operator"]
Rect = tuple[float, float, float, float]  # x, y, width, height in logical pixels


class Run(NamedTuple):
    """A stretch of text drawn with one style."""

    text: str
    part: Part
    block: BlockKind = "plain"
    bold: bool = False
    italic: bool = False
    strike: bool = False
    mono: bool = False
    link: bool = False
    # "sample": an expression shown with its sample; "unknown": no sample, a chip.
    expression: ExpressionState | None = None
    # The expression's source (``{{Имя}}``) when ``expression`` is set.
    source: str = ""


class ButtonRow(NamedTuple):
    title: str  # the title with samples substituted
    shown: str  # what fits in the row (``title`` or an elided form ending with "…")
    rect: Rect

    @property
    def elided(self) -> bool:
        return self.shown != self.title


class PreviewModel(NamedTuple):
    theme: str
    perspective: Perspective
    phone_width: int
    height: int
    bubble_rect: Rect
    time_text: str
    ticks: bool
    runs: tuple[Run, ...] = ()
    buttons: tuple[ButtonRow, ...] = ()

    def runs_in(self, part: Part) -> tuple[Run, ...]:
        return tuple(run for run in self.runs if run.part == part)

    def text_of(self, part: Part) -> str:
        return "".join(run.text for run in self.runs_in(part))
