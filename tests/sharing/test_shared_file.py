"""The shared file: names carry the id, the hash ignores identity, bad bodies are broken."""

from __future__ import annotations

import json

import pytest

from olchat_desktop.core.fileformat import loads_templates
from olchat_desktop.core.template import Template
from olchat_desktop.sharing.shared_file import (
    BrokenFileError,
    decode,
    encode,
    file_name,
    id_from_file_name,
    template_hash,
)


def test_name_round_trip_and_unsafe_characters() -> None:
    name = file_name('Запись: "вторник"/среда?', "abc123")
    assert name == "Запись_ _вторник__среда_ [abc123].json"
    assert id_from_file_name(name) == "abc123"
    assert id_from_file_name("Прайс.xlsx") is None
    assert id_from_file_name("notes [x].json.bak") is None
    assert len(file_name("я" * 500, "id")) < 80


def test_hash_is_content_only_and_file_still_imports() -> None:
    template = Template(name="Тест", message="Привет", buttons=["Да", "Нет"])
    other = template.model_copy(update={"id": "another"})
    assert template_hash(template) == template_hash(other)
    assert template_hash(template) != template_hash(template.model_copy(update={"footer": "."}))
    data = encode(template)
    body = json.loads(data)
    assert body["id"] == template.id and body["content_hash"] == template_hash(template)
    shared = decode(data, template.id)
    assert (shared.template.id, shared.template.buttons) == (template.id, ["Да", "Нет"])
    assert shared.hash == template_hash(template)
    assert loads_templates(data)[0].message == "Привет"  # a plain template file too


def test_hand_edited_file_gets_its_real_hash() -> None:
    template = Template(name="Тест", message="one")
    body = json.loads(encode(template))
    body["message"] = "two"  # edited on Disk by hand; content_hash is now stale
    shared = decode(json.dumps(body).encode(), template.id)
    assert shared.hash == template_hash(template.model_copy(update={"message": "two"}))


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xff\xfe", "UTF-8"),
        (b'{"format": "olchat-button-template", "mess', "JSON"),
        (b"[1, 2]", "not a template"),
        (b'{"format": "something-else"}', "not an OLChat Desktop template"),
        (b'{"format": "olchat-button-template", "buttons": "x"}', "buttons"),
        (b'{"format": "olchat-button-template", "id": "other"}', "does not match"),
    ],
)
def test_broken_bodies_say_why(data: bytes, reason: str) -> None:
    with pytest.raises(BrokenFileError) as caught:
        decode(data, "abc")
    assert reason in caught.value.message("en")
    assert caught.value.message("ru")
