"""Field length as the robot's server counts it, aware of Bitrix24 expressions.

The robot runs on PHP and checks lengths with ``mb_strlen``, which counts Unicode code
points: Python's ``len``. Bitrix24 substitutes expressions before the robot sees the
text, so each expression counts by its sample value; an expression without a sample
counts as 0 and is reported in ``unknown`` (the field "may exceed" its limit).

Graphemes (what a reader sees as one character: an emoji ZWJ sequence, a letter with a
combining mark) are counted with the ``regex`` package's ``\\X`` (extended grapheme
clusters, UAX #29; https://github.com/mrabarnett/mrab-regex), for a tooltip where the two
counts differ. ``regex`` costs about 10 ms and 2 MB to import, so it stays off the app's
start-up path: a text of plain characters (``core.unicode_text``: by UAX #29 each is its
own cluster, CR LF aside) is counted without it, and ``regex`` is imported on first need.
"""

# No "from __future__ import annotations": typing.NamedTuple compiles every string
# annotation into a ForwardRef, 30 µs a field on the start-up path (issue 5).
from collections.abc import Mapping
from functools import lru_cache
from typing import NamedTuple

from olchat_desktop.core.expressions import Expression, LiteralText, split_expressions
from olchat_desktop.core.unicode_text import is_plain_text, lazy_pattern

# ``regex`` patterns, compiled by ``lazy_pattern`` on first use.
_GRAPHEME_PATTERN = r"\X"
# Characters that can join a grapheme cluster with a neighbour (UAX #29 rules GB3-GB9c,
# GB12-13). A text without any of them has one cluster per code point, and a single scan
# for them is about three times cheaper than splitting into clusters.
_CLUSTER_JOINER_PATTERN = (
    r"[\r\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=Prepend}"
    r"\p{GCB=Regional_Indicator}\p{GCB=L}\p{GCB=V}\p{GCB=T}\p{GCB=LV}\p{GCB=LVT}]"
)


class ExpressionCount(NamedTuple):
    """One expression of a field and the length of its sample (None: no sample)."""

    expression: Expression
    sample_length: int | None


class FieldCount(NamedTuple):
    """The counted length of one field and what it is made of."""

    # Code points after substitution: the number the limits apply to (PHP mb_strlen).
    code_points: int
    # Extended grapheme clusters of the same text, for display.
    graphemes: int
    # Code points of the literal text alone.
    literal_length: int
    # Every expression in field order, with its sample length.
    expressions: tuple[ExpressionCount, ...]

    @property
    def unknown(self) -> tuple[Expression, ...]:
        """Expressions without a sample: the field may be longer than ``code_points``."""
        return tuple(e.expression for e in self.expressions if e.sample_length is None)

    @property
    def is_exact(self) -> bool:
        return all(e.sample_length is not None for e in self.expressions)


@lru_cache(maxsize=256)
def count_graphemes(text: str) -> int:
    """Extended grapheme clusters in ``text``."""
    if is_plain_text(text):
        # Fast path without ``regex``: among plain characters only CR LF forms a cluster
        # of two code points (UAX #29 GB3).
        return len(text) - text.count("\r\n")
    if not lazy_pattern(_CLUSTER_JOINER_PATTERN).search(text):
        return len(text)
    return len(lazy_pattern(_GRAPHEME_PATTERN).findall(text))


def count_field(text: str, samples: Mapping[str, str] | None = None) -> FieldCount:
    """Count a field the way the server will, after substituting known samples."""
    samples = samples or {}
    literal_length = 0
    counted_parts: list[str] = []
    expression_counts: list[ExpressionCount] = []
    for segment in split_expressions(text):
        if isinstance(segment, LiteralText):
            literal_length += len(segment.text)
            counted_parts.append(segment.text)
            continue
        sample = samples.get(segment.source)
        if sample is None:
            expression_counts.append(ExpressionCount(segment, None))
        else:
            expression_counts.append(ExpressionCount(segment, len(sample)))
            counted_parts.append(sample)
    counted_text = "".join(counted_parts)
    return FieldCount(
        code_points=len(counted_text),
        graphemes=count_graphemes(counted_text),
        literal_length=literal_length,
        expressions=tuple(expression_counts),
    )
