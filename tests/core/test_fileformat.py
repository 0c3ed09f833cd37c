from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from olchat_desktop.core.fileformat import (
    BUNDLE_FORMAT,
    TEMPLATE_FORMAT,
    TemplateFileError,
    dumps_bundle,
    dumps_template,
    loads_templates,
    template_to_dict,
)
from olchat_desktop.core.template import Template

CONTENT_FIELDS = (
    "name",
    "line",
    "phone",
    "header",
    "message",
    "footer",
    "buttons",
    "wait_for_reply",
    "tags",
    "samples",
)


def content(template: Template) -> dict[str, object]:
    return {key: getattr(template, key) for key in CONTENT_FIELDS}


def feedback() -> Template:
    return Template(
        name="Отзыв",
        line="Основная",
        phone="{=Document:PHONE_PRINTABLE}",
        header="Как прошёл визит?",
        message="{{Имя}}, *оцените* нас",
        footer="Клиника",
        buttons=["Понравилось", "Не понравилось"],
        wait_for_reply=True,
        tags=["отзывы"],
        samples={"{{Имя}}": "Анна"},
    )


def test_single_file_has_exact_keys_in_robot_order() -> None:
    data = json.loads(dumps_template(feedback()))
    assert list(data) == ["format", "version", *CONTENT_FIELDS]
    assert data["format"] == TEMPLATE_FORMAT
    assert data["version"] == 1
    assert data["samples"] == {"{{Имя}}": "Анна"}


def test_single_round_trip_gives_fresh_id() -> None:
    original = feedback()
    (loaded,) = loads_templates(dumps_template(original))
    assert content(loaded) == content(original)
    assert loaded.id != original.id


def test_bundle_round_trip_and_bytes_with_bom() -> None:
    templates = [feedback(), Template(name="Пусто")]
    text = dumps_bundle(templates)
    assert json.loads(text)["format"] == BUNDLE_FORMAT
    loaded = loads_templates(("\ufeff" + text).encode("utf-8"))
    assert [content(t) for t in loaded] == [content(t) for t in templates]


def test_missing_optional_keys_take_defaults() -> None:
    (loaded,) = loads_templates('{"format": "olchat-button-template", "message": "Привет"}')
    assert loaded.message == "Привет"
    assert loaded.buttons == [] and loaded.wait_for_reply is False and loaded.samples == {}
    (nulls,) = loads_templates('{"format": "olchat-button-template", "header": null}')
    assert nulls.header == ""


@pytest.mark.parametrize(
    ("text", "fragment_en", "fragment_ru"),
    [
        ("{not json", "not valid JSON (line 1", "это не JSON"),
        ("[1, 2]", "not an OLChat Desktop template", "не файл шаблона"),
        ('{"format": "something-else"}', "not an OLChat Desktop template", "не файл шаблона"),
        ('{"format": "olchat-button-template", "version": 2}', "newer version", "новой"),
        ('{"format": "olchat-button-template", "version": "1"}', "version is invalid", "версия"),
        ('{"format": "olchat-button-template", "buttons": "Да"}', '"buttons"', "«buttons»"),
        ('{"format": "olchat-button-template", "buttons": [1]}', '"buttons"', "«buttons»"),
        ('{"format": "olchat-button-template", "wait_for_reply": 1}', "wait_for_reply", "wait"),
        ('{"format": "olchat-button-template", "header": true}', '"header"', "«header»"),
        ('{"format": "olchat-button-template", "samples": {"a": 1}}', "samples", "samples"),
        (
            '{"format": "olchat-button-template-bundle", "templates": {}}',
            "must be a list",
            "списком",
        ),
        ('{"format": "olchat-button-template-bundle", "templates": [3]}', "Template #1", "№1"),
        (
            '{"format": "olchat-button-template-bundle", "templates": [{"format": "x"}]}',
            "not an OLChat",
            "не файл",
        ),
    ],
)
def test_refusals_say_what_is_wrong(text: str, fragment_en: str, fragment_ru: str) -> None:
    with pytest.raises(TemplateFileError) as caught:
        loads_templates(text)
    assert fragment_en in caught.value.message("en")
    assert fragment_ru in caught.value.message("ru")


def test_non_utf8_bytes_are_refused() -> None:
    with pytest.raises(TemplateFileError) as caught:
        loads_templates(b'{"format": "\xff"}')
    assert "UTF-8" in caught.value.message("en")


text_values = st.text(max_size=80)


@given(
    name=text_values,
    message=st.text(max_size=400),
    buttons=st.lists(text_values, max_size=4),
    tags=st.lists(text_values, max_size=3),
    samples=st.dictionaries(text_values, text_values, max_size=3),
    wait=st.booleans(),
)
def test_export_import_round_trips(
    name: str,
    message: str,
    buttons: list[str],
    tags: list[str],
    samples: dict[str, str],
    wait: bool,
) -> None:
    original = Template(
        name=name,
        message=message,
        buttons=buttons,
        tags=tags,
        samples=samples,
        wait_for_reply=wait,
    )
    assert [content(t) for t in loads_templates(dumps_template(original))] == [content(original)]
    assert template_to_dict(loads_templates(dumps_bundle([original]))[0]) == template_to_dict(
        original
    )


def test_sample_origins_round_trip_and_are_written_only_when_present() -> None:
    from olchat_desktop.core.fileformat import dumps_template, loads_templates
    from olchat_desktop.core.template import Template
    from olchat_desktop.core.template_draft import TemplateDraft

    plain = Template(name="a", message="{{Имя}}", samples={"{{Имя}}": "Анна"})
    assert "sample_origins" not in dumps_template(plain)  # older files stay byte-identical
    marked = plain.model_copy(update={"sample_origins": {"{{Имя}}": "contact:7"}})
    (loaded,) = loads_templates(dumps_template(marked).encode())
    assert loaded.sample_origins == {"{{Имя}}": "contact:7"}
    draft = TemplateDraft.from_stored(marked.model_dump(mode="json"))
    assert draft.sample_origins == {"{{Имя}}": "contact:7"}
    assert draft.to_stored()["sample_origins"] == {"{{Имя}}": "contact:7"}
    bad = dumps_template(plain).replace('"samples"', '"sample_origins": {"x": 1},\n  "samples"')
    with pytest.raises(TemplateFileError):
        loads_templates(bad.encode())
