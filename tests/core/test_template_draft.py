"""TemplateDraft, the pydantic-free template the editor holds: its stored JSON shape is
exactly ``Template.model_dump(mode="json")`` without the timestamps, it rejects every
wrong-typed field, and everything that reads a template reads a draft the same way."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from olchat_desktop.core.rendition import match_reply, render_text, reply_options
from olchat_desktop.core.robot_settings import format_robot_settings, robot_fields
from olchat_desktop.core.template import Template
from olchat_desktop.core.template_draft import TemplateDraft, new_template_id, utc_now
from olchat_desktop.core.validation import validate

TIMESTAMPS = ("created_at", "updated_at")
TEXT_FIELDS = ("id", "name", "line", "phone", "header", "message", "footer")

# Expressions, markup markers, digits and Cyrillic make validation, substitution and
# rendition take their interesting branches; st.characters() adds anything else.
EXPRESSIONS = ["{{Имя}}", "{=Document:ID}", "{{Контакт: Телефон}}", "{{=firstvalue({{Т}})}}"]
_pieces = st.sampled_from(
    [*EXPRESSIONS, "*", "_", "~", "`", "\n", " ", "7", "9", "+", "Да", "нет", "😀", "x"]
)
# codec="utf-8": no lone surrogates. Template files and the library are UTF-8, which cannot
# hold them, and pydantic's JSON dump replaces one in a mapping key (so a surrogate key
# never round-trips, in this app's code or not).
_chars = st.characters(codec="utf-8")
texts = st.lists(_pieces | _chars, max_size=30).map("".join)
short_texts = st.lists(_pieces | _chars, max_size=8).map("".join)
phones = st.sampled_from(["", " ", "79991234567", "+7 999 123-45-67", "12", *EXPRESSIONS])


@st.composite
def templates(draw: st.DrawFn) -> Template:
    return Template(
        id=draw(st.text(_chars, min_size=1, max_size=32)),
        name=draw(short_texts),
        line=draw(short_texts),
        phone=draw(phones | short_texts),
        header=draw(texts),
        message=draw(texts),
        footer=draw(short_texts),
        buttons=draw(st.lists(short_texts, max_size=12)),
        wait_for_reply=draw(st.booleans()),
        tags=draw(st.lists(short_texts, max_size=4)),
        samples=draw(st.dictionaries(st.sampled_from(EXPRESSIONS) | short_texts, short_texts)),
        sample_origins=draw(
            st.dictionaries(
                st.sampled_from(EXPRESSIONS) | short_texts,
                st.sampled_from(["deal:1", "contact:7"]) | short_texts,
                max_size=3,
            )
        ),
    )


def _dump_without_timestamps(template: Template) -> dict[str, Any]:
    dump = template.model_dump(mode="json")
    return {key: value for key, value in dump.items() if key not in TIMESTAMPS}


# -- the stored shape -------------------------------------------------------------------


@settings(max_examples=120, deadline=None)
@given(templates())
def test_from_stored_round_trips_a_template_dump(template: Template) -> None:
    dump = template.model_dump(mode="json")
    draft = TemplateDraft.from_stored(dump)
    stored = draft.to_stored()
    expected = _dump_without_timestamps(template)
    assert stored == expected
    # Same key order as the model: the robot form's field order.
    assert list(stored) == list(expected)
    assert TemplateDraft.from_stored(stored) == draft


@settings(max_examples=100, deadline=None)
@given(templates())
def test_a_template_built_from_to_stored_validates_and_equals_the_original(
    template: Template,
) -> None:
    stored = TemplateDraft.from_stored(template.model_dump(mode="json")).to_stored()
    # extra="forbid" on the model: to_stored holds no key the model does not know.
    rebuilt = Template.model_validate(stored)
    assert _dump_without_timestamps(rebuilt) == _dump_without_timestamps(template)
    timestamps = {key: getattr(template, key) for key in TIMESTAMPS}
    assert Template.model_validate({**stored, **timestamps}) == template


def test_a_default_draft_stores_what_a_default_template_dumps() -> None:
    template = Template()
    assert TemplateDraft(id=template.id).to_stored() == _dump_without_timestamps(template)


def test_missing_fields_take_their_defaults() -> None:
    assert TemplateDraft.from_stored({"id": "t1"}) == TemplateDraft(id="t1")


def test_unknown_keys_are_ignored() -> None:
    data = {
        "id": "t1",
        "name": "Отзыв",
        "created_at": "2025-01-01T00:00:00Z",
        "updated_at": 5,  # not even a date: timestamps are not the draft's business
        "from_a_newer_app": {"nested": [1, 2]},
    }
    assert TemplateDraft.from_stored(data) == TemplateDraft(id="t1", name="Отзыв")


def test_to_stored_gives_json_types_and_fresh_containers() -> None:
    draft = TemplateDraft(
        id="t1", buttons=("Да", "Нет"), tags=("продажи",), samples={"{{Имя}}": "Анна"}
    )
    stored = draft.to_stored()
    assert stored["buttons"] == ["Да", "Нет"] and isinstance(stored["buttons"], list)
    assert stored["tags"] == ["продажи"] and isinstance(stored["tags"], list)
    assert type(stored["samples"]) is dict
    stored["buttons"].append("x")
    stored["samples"]["{{Имя}}"] = "Борис"
    assert draft.to_stored()["buttons"] == ["Да", "Нет"]
    assert draft.samples == {"{{Имя}}": "Анна"}


# -- wrong types ------------------------------------------------------------------------

WRONG_TYPES: list[tuple[str, object]] = [
    *((name, value) for name in TEXT_FIELDS for value in (None, 1, True, ["a"], {"a": "b"})),
    *(
        (name, value)
        for name in ("buttons", "tags")
        for value in ("Да", None, ("Да",), {"Да": "Да"}, [1], ["Да", None], [["Да"]], [True])
    ),
    *(("wait_for_reply", value) for value in (1, 0, "true", "false", None, 1.0, [])),
    *(
        ("samples", value)
        for value in ([], "x", None, [["a", "b"]], {1: "a"}, {"a": 1}, {"a": None}, {"a": ["b"]})
    ),
]


@pytest.mark.parametrize(("field", "value"), WRONG_TYPES)
def test_a_wrong_typed_field_is_a_value_error(field: str, value: object) -> None:
    good = TemplateDraft(id="t1", name="Отзыв", buttons=("Да",)).to_stored()
    with pytest.raises(ValueError, match=field):
        TemplateDraft.from_stored({**good, field: value})


@pytest.mark.parametrize("data", [{}, {"name": "Отзыв", "message": "Текст"}])
def test_a_missing_id_is_a_value_error(data: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="id"):
        TemplateDraft.from_stored(data)


def test_booleans_themselves_are_accepted() -> None:
    for value in (True, False):
        draft = TemplateDraft.from_stored({"id": "t1", "wait_for_reply": value})
        assert draft.wait_for_reply is value


# -- copies, never shared containers ----------------------------------------------------


def test_replace_turns_lists_into_tuples_and_does_not_share_them() -> None:
    buttons, tags = ["Да", "Нет"], ["a"]
    draft = TemplateDraft(id="t1").replace(buttons=buttons, tags=tags, name="Новый")
    assert draft.buttons == ("Да", "Нет") and isinstance(draft.buttons, tuple)
    assert draft.tags == ("a",) and isinstance(draft.tags, tuple)
    assert (draft.id, draft.name) == ("t1", "Новый")
    buttons.append("Потом")
    tags.clear()
    assert (draft.buttons, draft.tags) == (("Да", "Нет"), ("a",))


def test_replace_accepts_any_iterable_for_lists() -> None:
    draft = TemplateDraft().replace(buttons=(title for title in ["Да", "Нет"]))
    assert draft.buttons == ("Да", "Нет")


def test_replace_copies_samples() -> None:
    samples = {"{{Имя}}": "Анна"}
    draft = TemplateDraft(id="t1").replace(samples=samples)
    samples["{{Имя}}"] = "Борис"
    samples["{{Город}}"] = "Омск"
    assert draft.samples == {"{{Имя}}": "Анна"}
    assert type(draft.samples) is dict


def test_replace_makes_a_read_only_mapping_a_plain_dict() -> None:
    draft = TemplateDraft().replace(samples=MappingProxyType({"a": "b"}))
    assert type(draft.samples) is dict and draft.samples == {"a": "b"}


def test_replace_leaves_the_original_unchanged() -> None:
    original = TemplateDraft(id="t1", message="Текст", buttons=("Да",))
    changed = original.replace(message="Другой", buttons=["Нет"])
    assert (original.message, original.buttons) == ("Текст", ("Да",))
    assert (changed.message, changed.buttons) == ("Другой", ("Нет",))


def test_replace_refuses_an_unknown_field() -> None:
    with pytest.raises(TypeError):
        TemplateDraft().replace(created_at=utc_now())


def test_from_stored_does_not_share_the_source_containers() -> None:
    data = {"id": "t1", "buttons": ["Да"], "tags": ["a"], "samples": {"{{Имя}}": "Анна"}}
    draft = TemplateDraft.from_stored(data)
    data["buttons"].append("Нет")
    data["tags"].append("b")
    data["samples"]["{{Имя}}"] = "Борис"
    assert (draft.buttons, draft.tags) == (("Да",), ("a",))
    assert draft.samples == {"{{Имя}}": "Анна"}


def test_a_draft_is_frozen() -> None:
    draft = TemplateDraft()
    with pytest.raises(AttributeError, match="frozen"):
        draft.message = "x"
    with pytest.raises(AttributeError, match="frozen"):
        del draft.message
    assert draft.message == ""


# -- ids and time -----------------------------------------------------------------------


def test_new_ids_are_hex_and_unique() -> None:
    ids = {new_template_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) == 32 and int(i, 16) >= 0 for i in ids)
    assert TemplateDraft().id != TemplateDraft().id


def test_utc_now_is_aware_utc() -> None:
    before = datetime.now(UTC)
    now = utc_now()
    after = datetime.now(UTC)
    assert now.utcoffset() == timedelta(0)
    assert before <= now <= after


# -- readers see a draft as they see the template ---------------------------------------


def _draft_of(template: Template) -> TemplateDraft:
    return TemplateDraft.from_stored(template.model_dump(mode="json"))


@settings(max_examples=120, deadline=None)
@given(templates())
def test_validation_is_the_same_for_a_template_and_its_draft(template: Template) -> None:
    draft = _draft_of(template)
    for lang in ("ru", "en"):
        assert validate(draft, lang) == validate(template, lang)


@settings(max_examples=120, deadline=None)
@given(templates(), st.booleans())
def test_rendition_is_the_same_for_a_template_and_its_draft(
    template: Template, substitute: bool
) -> None:
    draft = _draft_of(template)
    for lang in ("ru", "en"):
        assert render_text(draft, lang, substitute) == render_text(template, lang, substitute)
    assert reply_options(draft, substitute) == reply_options(template, substitute)
    for reply in ["1", "2.", *template.buttons[:2]]:
        assert match_reply(reply, draft, substitute) == match_reply(reply, template, substitute)


@settings(max_examples=120, deadline=None)
@given(templates())
def test_robot_settings_are_the_same_for_a_template_and_its_draft(template: Template) -> None:
    draft = _draft_of(template)
    assert robot_fields(draft) == robot_fields(template)
    assert format_robot_settings(draft) == format_robot_settings(template)


@settings(max_examples=100, deadline=None)
@given(templates())
def test_stored_from_values_is_to_stored_without_the_record(template: Template) -> None:
    """The bulk import's shortcut stores exactly what building a draft would."""
    values = _dump_without_timestamps(template)
    assert TemplateDraft.stored_from_values(values) == TemplateDraft(**values).to_stored()
    assert list(TemplateDraft.stored_from_values(values)) == list(TemplateDraft.__slots__)
    values.pop("id")
    fresh = TemplateDraft.stored_from_values(values)
    assert fresh["id"] and fresh["id"] != template.id
