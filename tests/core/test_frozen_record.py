"""FrozenRecord: the cheap immutable base of markup nodes and the template draft."""

from __future__ import annotations

import copy
import inspect
import pickle

import pytest

from olchat_desktop.core.frozen_record import FrozenRecord
from olchat_desktop.core.markup_nodes import (
    Code,
    ExpressionNode,
    MarkupTree,
    Paragraph,
    Quote,
    Styled,
    Text,
)
from olchat_desktop.core.template_draft import TemplateDraft


def test_records_of_different_types_with_equal_fields_differ() -> None:
    children = (Text("a"),)
    assert Paragraph(children) != Quote(children)
    assert Paragraph(children) == Paragraph((Text("a"),))
    assert hash(Paragraph(children)) != hash(Quote(children))
    assert Text("a") != ("a",)  # not a tuple, unlike a NamedTuple


def test_equal_trees_hash_equal_and_work_as_cache_keys() -> None:
    def tree(sample: str | None) -> MarkupTree:
        return MarkupTree(
            (Paragraph((Styled("bold", (Text("x"), ExpressionNode("{{A}}", sample))),)),)
        )

    cache = {tree("1"): "one"}
    assert cache[tree("1")] == "one"
    assert tree("1") != tree("2")
    assert tree(None) not in cache


def test_records_are_frozen() -> None:
    node = Text("a")
    with pytest.raises(AttributeError, match="frozen"):
        node.text = "b"
    with pytest.raises(AttributeError, match="frozen"):
        del node.text
    with pytest.raises(AttributeError):
        node.other = 1  # type: ignore[attr-defined]
    assert node.text == "a"


def test_repr_names_the_type_and_fields() -> None:
    assert repr(Code((Text("x"),), "```")) == "Code(children=(Text(text='x'),), fence='```')"


@pytest.mark.parametrize(
    "record",
    [
        Code((Text("x"),)),
        MarkupTree((Quote((ExpressionNode("{{A}}", None),)),)),
        TemplateDraft(id="t1", buttons=("Да",), samples={"{{A}}": "1"}),
    ],
)
def test_copy_and_pickle_rebuild_an_equal_record(record: object) -> None:
    assert copy.copy(record) == record
    assert copy.deepcopy(record) == record
    assert pickle.loads(pickle.dumps(record)) == record


def _all_records() -> list[type[FrozenRecord]]:
    import olchat_desktop.storage.library_records  # noqa: F401  (registers TagCount)

    found: list[type[FrozenRecord]] = []
    pending = list(FrozenRecord.__subclasses__())
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return found


def test_every_record_takes_its_fields_in_slot_order() -> None:
    # __reduce__ and repr rely on it; a tool that sorts __slots__ would break copying.
    records = _all_records()
    assert len(records) >= 13
    for cls in records:
        assert list(inspect.signature(cls).parameters) == list(cls.__slots__), cls
