"""The library's pydantic-free API (``*_draft``, ``untrash``, ``is_empty``, ``used_lines``,
``search_summaries``) and its interplay with the ``Template`` API on the same rows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from olchat_desktop.core.template import Template
from olchat_desktop.core.template_draft import TemplateDraft
from olchat_desktop.storage.library import LibraryError, TemplateLibrary, TemplateSummary
from olchat_desktop.storage.library_records import HINT_LENGTH

TIMESTAMPS = ("created_at", "updated_at")


def draft(name: str, **fields: Any) -> TemplateDraft:
    values: dict[str, Any] = {"message": f"Текст {name}", "buttons": ["Да"], **fields}
    return TemplateDraft(name=name).replace(**values)


def content(template: Template) -> dict[str, Any]:
    """A Template's JSON without timestamps: what ``TemplateDraft.to_stored`` gives."""
    dump = template.model_dump(mode="json")
    return {key: value for key, value in dump.items() if key not in TIMESTAMPS}


def raw_row(path: Path, template_id: str) -> tuple[str, str]:
    """``(body, updated_at)`` of a row, read past the library."""
    with closing(sqlite3.connect(path)) as conn:
        row = conn.execute(
            "SELECT body, updated_at FROM templates WHERE id = ?", (template_id,)
        ).fetchone()
    assert row is not None
    return row[0], row[1]


def write_body(path: Path, template_id: str, body: str) -> None:
    """Replace a row's JSON body behind the library's back (a damaged or foreign file)."""
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("UPDATE templates SET body = ? WHERE id = ?", (body, template_id))


FULL = dict(
    line="line-1",
    phone="{{Телефон}}",
    header="Запись",
    message="Здравствуйте, {{Имя}}!",
    footer="OLChat",
    buttons=["Да", "Нет"],
    wait_for_reply=True,
    tags=["продажи", "Записи"],
    samples={"{{Имя}}": "Анна", "{{Телефон}}": "79991234567"},
)


# -- create, get, save ------------------------------------------------------------------


def test_create_draft_stores_every_field_and_reads_back_both_ways(
    library: TemplateLibrary,
) -> None:
    original = draft("Встреча", **FULL)
    created = library.create_draft(original)
    assert created == original
    assert library.get_draft(original.id) == original
    as_template = library.get(original.id)
    assert content(as_template) == original.to_stored()
    assert as_template.created_at == as_template.updated_at
    assert [v.summary for v in library.versions(original.id)] == ["created"]


def test_create_draft_refuses_a_taken_id_whichever_api_took_it(library: TemplateLibrary) -> None:
    taken_by_template = library.create(Template(name="a"))
    taken_by_draft = library.create_draft(draft("b"))
    for taken in (taken_by_template.id, taken_by_draft.id):
        with pytest.raises(LibraryError) as caught:
            library.create_draft(draft("c").replace(id=taken))
        assert caught.value.code == "already_exists"
        with pytest.raises(LibraryError):
            library.create(Template(name="c", id=taken))
    assert len(library.list_templates()) == 2


def test_save_draft_creates_an_unknown_template(library: TemplateLibrary) -> None:
    new = draft("Новый", **FULL)
    assert library.save_draft(new) == new
    assert library.get_draft(new.id) == new
    assert [v.summary for v in library.versions(new.id)] == ["created"]


def test_save_draft_records_a_version_only_when_content_changed(
    library: TemplateLibrary,
) -> None:
    path = library.path
    created = library.create_draft(draft("Отзыв", **FULL))
    body_before, updated_before = raw_row(path, created.id)
    same = library.save_draft(created.replace(buttons=list(created.buttons)))
    assert same == created
    assert raw_row(path, created.id) == (body_before, updated_before)
    assert library.get(created.id).updated_at.isoformat() == updated_before
    assert len(library.versions(created.id)) == 1

    edited = created.replace(message="Новый текст", buttons=["Ок"])
    assert library.save_draft(edited) == edited
    assert library.get_draft(created.id) == edited
    assert [v.summary for v in library.versions(created.id)] == [
        "changed:message,buttons",
        "created",
    ]
    stored = library.get(created.id)
    assert stored.updated_at >= stored.created_at
    assert stored.created_at.isoformat() == json.loads(body_before)["created_at"]
    # The version holds exactly what was saved.
    newest = library.versions(created.id)[0]
    assert content(library.version_template(newest.id)) == edited.to_stored()


def test_changing_only_the_order_of_samples_is_no_change(library: TemplateLibrary) -> None:
    created = library.create_draft(draft("a", samples={"{{A}}": "1", "{{B}}": "2"}))
    library.save_draft(created.replace(samples={"{{B}}": "2", "{{A}}": "1"}))
    assert len(library.versions(created.id)) == 1


def test_get_draft_and_duplicate_draft_of_an_unknown_id(library: TemplateLibrary) -> None:
    for call in (library.get_draft, library.duplicate_draft):
        with pytest.raises(LibraryError) as caught:
            call("missing")
        assert caught.value.code == "not_found"


# -- the Template API on rows the draft API wrote, and the other way round --------------


def test_a_template_saved_then_read_as_a_draft_and_saved_unchanged_is_no_change(
    library: TemplateLibrary,
) -> None:
    template = library.create(Template(name="Отзыв", **FULL))
    as_draft = library.get_draft(template.id)
    assert as_draft.to_stored() == content(template)
    library.save_draft(as_draft)
    library.save(library.get(template.id))
    assert library.get(template.id) == template
    assert len(library.versions(template.id)) == 1


def test_a_draft_saved_then_read_as_a_template_and_saved_unchanged_is_no_change(
    library: TemplateLibrary,
) -> None:
    created = library.create_draft(draft("Отзыв", **FULL))
    stored = library.get(created.id)
    library.save(stored)
    library.save_draft(library.get_draft(created.id))
    assert library.get(created.id) == stored
    assert len(library.versions(created.id)) == 1


def test_edits_alternating_between_apis_keep_created_at_and_describe_changes(
    library: TemplateLibrary,
) -> None:
    template = library.create(Template(name="a", message="один", buttons=["Да"]))
    library.save_draft(library.get_draft(template.id).replace(message="два"))
    library.save(library.get(template.id).model_copy(update={"footer": "подпись"}))
    library.save_draft(library.get_draft(template.id).replace(tags=["новый"]))
    final = library.get(template.id)
    assert (final.message, final.footer, final.tags) == ("два", "подпись", ["новый"])
    assert final.created_at == template.created_at
    assert [v.summary for v in library.versions(template.id)] == [
        "changed:tags",
        "changed:footer",
        "changed:message",
        "created",
    ]
    assert [t.tag for t in library.tags()] == ["новый"]


def test_restoring_a_version_written_by_save_draft(library: TemplateLibrary) -> None:
    first = library.create_draft(draft("a", **FULL))
    library.save_draft(first.replace(message="второй", buttons=["Нет"], samples={}))
    oldest = library.versions(first.id)[-1]
    restored = library.restore_version(oldest.id)
    assert content(restored) == first.to_stored()
    assert library.get_draft(first.id) == first


def _apply_edits(library: TemplateLibrary, use_drafts: bool) -> None:
    """One editing session, through either API; both must leave the same library."""
    a = Template(id="a", name="Встреча", **FULL)
    b = Template(id="b", name="Доставка", line="line-2", message="Как доставить?", tags=["X"])
    if use_drafts:
        for template in (a, b):
            library.create_draft(TemplateDraft.from_stored(template.model_dump(mode="json")))
        library.save_draft(library.get_draft("a").replace(message="Изменено", buttons=["Ок"]))
        library.save_draft(library.get_draft("a"))
        library.duplicate_draft("b", "en")
        library.delete("b")
        library.untrash("b")
    else:
        for template in (a, b):
            library.create(template)
        library.save(library.get("a").model_copy(update={"message": "Изменено", "buttons": ["Ок"]}))
        library.save(library.get("a"))
        library.duplicate("b", "en")
        library.delete("b")
        library.restore("b")
    library.delete("a")


ORIGINALS = ("a", "b")


def _observable(library: TemplateLibrary) -> dict[str, Any]:
    listed = library.list_templates()
    return {
        "listed": [{**content(t), "id": t.id if t.id in ORIGINALS else None} for t in listed],
        "trash": [content(entry.template) for entry in library.list_trash()],
        "versions": {i: [v.summary for v in library.versions(i)] for i in ("a", "b")},
        "copy_versions": [
            [v.summary for v in library.versions(t.id)] for t in listed if t.id not in ORIGINALS
        ],
        "tags": library.tags(),
        "lines": library.used_lines(),
        "summaries": [(s.name, s.hint) for s in library.search_summaries()],
        "empty": library.is_empty(),
    }


def test_both_apis_leave_the_same_library(tmp_path: Path) -> None:
    observed = []
    for use_drafts in (False, True):
        with TemplateLibrary(tmp_path / f"drafts-{use_drafts}.sqlite3") as library:
            _apply_edits(library, use_drafts)
            observed.append(_observable(library))
    assert observed[0] == observed[1]
    assert observed[0]["versions"]["a"] == ["changed:message,buttons", "created"]
    assert [entry["message"] for entry in observed[0]["trash"]] == ["Изменено"]


@settings(max_examples=60, deadline=None)
@given(
    st.builds(
        Template,
        name=st.text(max_size=20),
        line=st.text(max_size=10),
        header=st.text(max_size=20),
        message=st.text(max_size=200),
        buttons=st.lists(st.text(max_size=10), max_size=4),
        wait_for_reply=st.booleans(),
        tags=st.lists(st.text(max_size=8), max_size=3),
        samples=st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=3),
    ),
    st.booleans(),
)
def test_any_template_survives_either_api(
    shared_library: TemplateLibrary, template: Template, write_as_draft: bool
) -> None:
    as_draft = TemplateDraft.from_stored(template.model_dump(mode="json"))
    if write_as_draft:
        shared_library.save_draft(as_draft)
    else:
        shared_library.save(template)
    assert shared_library.get_draft(template.id) == as_draft
    assert content(shared_library.get(template.id)) == content(template)
    # Saving the same content through the other API is no change.
    if write_as_draft:
        shared_library.save(shared_library.get(template.id))
    else:
        shared_library.save_draft(shared_library.get_draft(template.id))
    assert len(shared_library.versions(template.id)) == 1


@pytest.fixture(scope="module")
def shared_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TemplateLibrary]:
    lib = TemplateLibrary(tmp_path_factory.mktemp("shared") / "library.sqlite3")
    yield lib
    lib.close()


# -- duplicate ---------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "suffix"), [("ru", " (копия)"), ("en", " (copy)")])
def test_duplicate_draft(library: TemplateLibrary, lang: str, suffix: str) -> None:
    source = library.create_draft(draft("Отзыв", **FULL))
    copy = library.duplicate_draft(source.id, lang)  # type: ignore[arg-type]
    assert copy.id != source.id
    assert copy == source.replace(id=copy.id, name="Отзыв" + suffix)
    assert library.get_draft(copy.id) == copy
    assert library.get_draft(source.id) == source
    assert [v.summary for v in library.versions(copy.id)] == ["duplicated"]
    assert len(library.versions(source.id)) == 1


def test_duplicating_twice_gives_two_distinct_copies(library: TemplateLibrary) -> None:
    source = library.create_draft(draft("a"))
    first = library.duplicate_draft(source.id)
    second = library.duplicate_draft(source.id)
    assert len({source.id, first.id, second.id}) == 3
    assert [s.name for s in library.search_summaries()] == ["a", "a (копия)", "a (копия)"]


# -- trash, is_empty, used_lines ---------------------------------------------------------


def test_is_empty_counts_only_templates_outside_the_trash(library: TemplateLibrary) -> None:
    assert library.is_empty()
    first = library.create_draft(draft("a"))
    assert not library.is_empty()
    library.delete(first.id)
    assert library.is_empty()
    library.untrash(first.id)
    assert not library.is_empty()
    library.delete(first.id)
    library.purge(first.id)
    assert library.is_empty()


def test_untrash_brings_a_template_back_unchanged(library: TemplateLibrary) -> None:
    kept = library.create_draft(draft("a", **FULL))
    updated_at = raw_row(library.path, kept.id)[1]
    library.delete(kept.id)
    assert library.search_summaries() == []
    assert library.untrash(kept.id) is None  # type: ignore[func-returns-value]
    assert library.get_draft(kept.id) == kept
    assert [s.id for s in library.search_summaries()] == [kept.id]
    assert library.list_trash() == []
    assert raw_row(library.path, kept.id)[1] == updated_at
    library.untrash(kept.id)  # not in the trash: nothing happens
    assert library.get_draft(kept.id) == kept


def test_untrash_of_an_unknown_id_is_not_found(library: TemplateLibrary) -> None:
    with pytest.raises(LibraryError) as caught:
        library.untrash("missing")
    assert caught.value.code == "not_found"


def test_used_lines_are_distinct_sorted_non_blank_and_skip_the_trash(
    library: TemplateLibrary,
) -> None:
    assert library.used_lines() == []
    library.create_draft(draft("a", line="Линия Б"))
    library.create_draft(draft("b", line="Линия А"))
    library.create_draft(draft("c", line="Линия Б"))
    library.create_draft(draft("d", line=""))
    trashed = library.create_draft(draft("e", line="Старая линия"))
    shared = library.create_draft(draft("f", line="Линия А"))
    library.delete(trashed.id)
    library.delete(shared.id)
    assert library.used_lines() == ["Линия А", "Линия Б"]
    expected = sorted({t.line for t in library.list_templates() if t.line})
    assert library.used_lines() == expected
    library.untrash(trashed.id)
    assert library.used_lines() == ["Линия А", "Линия Б", "Старая линия"]


def test_used_lines_follow_edits(library: TemplateLibrary) -> None:
    created = library.create_draft(draft("a", line="до"))
    library.save_draft(created.replace(line="после"))
    assert library.used_lines() == ["после"]


def test_used_lines_keep_a_line_with_a_nul_character(library: TemplateLibrary) -> None:
    library.create_draft(draft("a", line="Линия\x00 2"))
    assert library.used_lines() == ["Линия\x00 2"]


# -- search_summaries --------------------------------------------------------------------


def test_summary_is_a_named_tuple_of_id_name_hint() -> None:
    summary = TemplateSummary("t1", "Отзыв", "Текст")
    assert TemplateSummary._fields == ("id", "name", "hint")
    assert summary == ("t1", "Отзыв", "Текст")
    assert (summary.id, summary.name, summary.hint) == ("t1", "Отзыв", "Текст")


@pytest.mark.parametrize(
    ("header", "message", "hint"),
    [
        ("Заголовок", "Текст", "Заголовок"),
        ("", "Текст", "Текст"),
        ("", "", ""),
        ("", "я" * 200, "я" * HINT_LENGTH),
        ("", "😀" * 81, "😀" * HINT_LENGTH),  # characters, not UTF-8 or UTF-16 units
        ("", "ab\n" * 40, ("ab\n" * 40)[:HINT_LENGTH]),
        ("Длинный заголовок " * 10, "Текст", "Длинный заголовок " * 10),  # never cut
        ("  ", "Текст", "  "),  # as the sidebar did: a blank header is still the header
    ],
)
def test_summary_hint_is_the_header_else_the_message_start(
    library: TemplateLibrary, header: str, message: str, hint: str
) -> None:
    created = library.create_draft(draft("a", header=header, message=message))
    assert library.search_summaries() == [TemplateSummary(created.id, "a", hint)]
    assert HINT_LENGTH == 80


def test_summary_hint_keeps_text_after_a_nul_character(library: TemplateLibrary) -> None:
    with_header = library.create_draft(draft("a", header="Заго\x00ловок"))
    with_message = library.create_draft(draft("b", header="", message="Те\x00кст"))
    hints = {s.id: s.hint for s in library.search_summaries()}
    assert hints == {with_header.id: "Заго\x00ловок", with_message.id: "Те\x00кст"}


def test_summaries_follow_renames_and_edits_through_either_api(library: TemplateLibrary) -> None:
    created = library.create_draft(draft("Бета", header="Старый"))
    library.rename(created.id, "Альфа")
    library.save(library.get(created.id).model_copy(update={"header": ""}))
    assert library.search_summaries() == [TemplateSummary(created.id, "Альфа", "Текст Бета")]


SEED: list[dict[str, Any]] = [
    {"name": "Отзыв после визита", "message": "Оцените визит", "tags": ["отзывы", "Демо"]},
    {"name": "отзыв о доставке", "message": "Как доставка?", "tags": ["ОТЗЫВЫ"]},
    {"name": "Запись", "header": "Запись к врачу", "message": "Придёте?", "tags": ["записи"]},
    {"name": "Straße", "message": "Street delivery", "footer": "Магазин", "tags": ["demo"]},
    {"name": "STRASSE", "message": "Большой ЗАКАЗ", "buttons": ["Курьером", "Сам"]},
    {"name": "Ёлка", "message": "Новогодний заказ", "line": "Линия 1", "tags": ["Демо"]},
    {"name": "елка", "message": "Другой заказ", "phone": "79991234567"},
    {"name": "", "message": "Без имени, 100%_скидка", "tags": ["отзывы"]},
    {"name": "Корзина", "message": "Удалённый отзыв", "tags": ["отзывы"], "trash": True},
    {"name": "Zebra", "message": "ZEBRA zebra", "buttons": ["Ок"], "tags": [" x "]},
]
WORDS = [
    "отзыв",
    "ОТЗЫВ",
    "заказ",
    "strasse",
    "straße",
    "ёлка",
    "елка",
    "курьером",
    "магазин",
    "%",
    "_",
    "100%",
    "визит",
    "zebra",
    "79991234567",
    "линия",
    "нет-такого",
    "з",
    "",
]
TAGS = [None, "", "  ", "отзывы", "Отзывы", " демо ", "DEMO", "записи", "x", "нет-такого"]


@pytest.fixture(scope="module")
def seeded_library(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TemplateLibrary]:
    lib = TemplateLibrary(tmp_path_factory.mktemp("seeded") / "library.sqlite3")
    for index, fields in enumerate(SEED):
        values = {key: value for key, value in fields.items() if key != "trash"}
        # Half written as drafts, half as Templates: summaries must not care.
        if index % 2:
            lib.create_draft(draft(values.pop("name"), **values))
        else:
            lib.create(Template(**{"buttons": ["Да"], **values}))
        if fields.get("trash"):
            lib.delete(lib.search("Удалённый")[0].id)
    yield lib
    lib.close()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=3).map(" ".join), st.sampled_from(TAGS))
def test_search_summaries_find_what_search_finds_in_the_same_order(
    seeded_library: TemplateLibrary, text: str, tag: str | None
) -> None:
    found = seeded_library.search(text, tag)
    summaries = seeded_library.search_summaries(text, tag)
    assert [(s.id, s.name) for s in summaries] == [(t.id, t.name) for t in found]
    assert [s.hint for s in summaries] == [t.header or t.message[:HINT_LENGTH] for t in found]


def test_search_summaries_examples(seeded_library: TemplateLibrary) -> None:
    def names(text: str = "", tag: str | None = None) -> list[str]:
        return [s.name for s in seeded_library.search_summaries(text, tag)]

    assert len(names()) == len(SEED) - 1  # the trashed one is left out
    assert "Корзина" not in names("отзыв")
    # Tags are searched too: the nameless one is tagged "отзывы".
    assert names("ОТЗЫВ") == ["", "отзыв о доставке", "Отзыв после визита"]
    assert names(tag="ОТЗЫВЫ") == ["", "отзыв о доставке", "Отзыв после визита"]
    assert names("доставк", "отзывы") == ["отзыв о доставке"]
    assert sorted(names("strasse")) == ["STRASSE", "Straße"]  # same name key: order by id
    assert names("100%_") == [""]
    assert names("нет-такого") == []


# -- damaged rows ------------------------------------------------------------------------

WRONG_FIELDS: list[tuple[str, object]] = [
    ("message", 5),
    ("name", None),
    ("id", 7),
    ("buttons", "Да"),
    ("buttons", ["Да", 1]),
    ("tags", [None]),
    ("wait_for_reply", 1),
    ("wait_for_reply", "да"),
    ("samples", []),
    ("samples", {"{{Имя}}": 1}),
]


@pytest.mark.parametrize(("field", "value"), WRONG_FIELDS)
def test_a_wrong_typed_field_makes_the_row_corrupt_for_drafts(
    library: TemplateLibrary, field: str, value: object
) -> None:
    created = library.create_draft(draft("a", **FULL))
    body = json.loads(raw_row(library.path, created.id)[0])
    write_body(library.path, created.id, json.dumps({**body, field: value}, ensure_ascii=False))
    _assert_corrupt(library, created.id)


def _body_without_id(body: dict[str, Any]) -> str:
    return json.dumps({key: value for key, value in body.items() if key != "id"})


@pytest.mark.parametrize(
    "damage",
    [
        lambda body: "{not json",
        lambda body: "[1, 2]",
        lambda body: '"text"',
        lambda body: "null",
        _body_without_id,
    ],
    ids=["not-json", "array", "string", "null", "no-id"],
)
def test_a_damaged_body_makes_the_row_corrupt_for_drafts(
    library: TemplateLibrary, damage: Callable[[dict[str, Any]], str]
) -> None:
    created = library.create_draft(draft("a"))
    body = json.loads(raw_row(library.path, created.id)[0])
    write_body(library.path, created.id, damage(body))
    _assert_corrupt(library, created.id)


def _assert_corrupt(library: TemplateLibrary, template_id: str) -> None:
    for call in (library.get_draft, library.duplicate_draft):
        with pytest.raises(LibraryError) as caught:
            call(template_id)
        assert caught.value.code == "corrupt"
        assert str(library.path) in caught.value.message("en")
        assert "повреждён" in caught.value.message("ru")
    # A failed duplicate adds nothing.
    with closing(sqlite3.connect(library.path)) as conn:
        assert conn.execute("SELECT count(*) FROM templates").fetchone() == (1,)


def test_a_damaged_row_does_not_hide_the_others(library: TemplateLibrary) -> None:
    damaged = library.create_draft(draft("a"))
    healthy = library.create_draft(draft("b", **FULL))
    write_body(library.path, damaged.id, "{not json")
    assert library.get_draft(healthy.id) == healthy
    assert library.save_draft(healthy.replace(message="ещё")) == healthy.replace(message="ещё")


@pytest.mark.parametrize("json_arrow", [True, False], ids=["sqlite>=3.38", "older sqlite"])
def test_summaries_and_lines_agree_on_both_sqlite_paths(
    library: TemplateLibrary, monkeypatch: pytest.MonkeyPatch, json_arrow: bool
) -> None:
    """Older SQLite has no "->" operator: the library then decodes bodies in Python, and
    both ways give the same summaries and lines (NUL characters included)."""
    from olchat_desktop.storage import library as library_module

    monkeypatch.setattr(library_module, "JSON_ARROW", json_arrow)
    monkeypatch.setattr(library_module, "_BODY_IF_NEEDED", "NULL" if json_arrow else "body")
    first = library.create_draft(draft("a", header="Заго\x00ловок", line="Линия\x00 2"))
    second = library.create_draft(draft("b", header="", message="я" * 100, line="Б"))
    assert library.search_summaries() == [
        TemplateSummary(first.id, "a", "Заго\x00ловок"),
        TemplateSummary(second.id, "b", "я" * HINT_LENGTH),
    ]
    assert library.used_lines() == ["Б", "Линия\x00 2"]


def test_add_many_drafts_stores_all_in_one_go_with_fresh_ids_when_taken(
    library: TemplateLibrary,
) -> None:
    first = library.create_draft(draft("Первый"))
    added = library.add_many_drafts([first, draft("Второй")], summary="created")
    assert [d.name for d in added] == ["Первый", "Второй"]
    assert added[0].id != first.id  # taken: a fresh id, the original is untouched
    assert library.get_draft(first.id) == first
    assert {d.id for d in added} <= {s.id for s in library.search_summaries()}
    assert [v.summary for v in library.versions(added[1].id)] == ["created"]
