"""Template library behaviour: CRUD, search, tags, trash, versions, threads."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from olchat_desktop.core.template import Template
from olchat_desktop.paths import library_path
from olchat_desktop.storage.library import LibraryError, TemplateLibrary
from olchat_desktop.storage.library_schema import MAX_VERSIONS


def make(name: str, **fields: object) -> Template:
    values: dict[str, object] = {"message": f"Текст {name}", "buttons": ["Да"], **fields}
    return Template(name=name, **values)


def test_default_path_is_under_the_data_home(olchat_home: Path) -> None:
    with TemplateLibrary() as lib:
        assert lib.path == library_path()
        assert lib.path.parent == olchat_home
        lib.create(make("a"))
    assert library_path().exists()


def test_create_get_save_roundtrip(library: TemplateLibrary) -> None:
    created = library.create(
        Template(
            name="Встреча",
            line="line-1",
            phone="{{Телефон}}",
            header="Запись",
            message="Здравствуйте, {{Имя}}!",
            footer="OLChat",
            buttons=["Да", "Нет"],
            wait_for_reply=True,
            tags=["продажи"],
            samples={"{{Имя}}": "Анна"},
        )
    )
    assert library.get(created.id) == created
    edited = created.model_copy(update={"message": "Новый текст", "buttons": ["Ок"]})
    saved = library.save(edited)
    assert saved.updated_at >= created.updated_at
    assert saved.created_at == created.created_at
    again = library.get(created.id)
    assert (again.message, again.buttons) == ("Новый текст", ["Ок"])


def test_create_refuses_a_taken_id(library: TemplateLibrary) -> None:
    first = library.create(make("a"))
    with pytest.raises(LibraryError) as caught:
        library.create(make("b").model_copy(update={"id": first.id}))
    assert caught.value.code == "already_exists"
    assert first.id in caught.value.message("en")


def test_get_unknown_id_is_a_library_error_in_both_languages(library: TemplateLibrary) -> None:
    with pytest.raises(LibraryError) as caught:
        library.get("missing")
    assert caught.value.code == "not_found"
    assert "не найден" in caught.value.message("ru")
    assert "not in the library" in caught.value.message("en")


def test_list_is_sorted_by_name_case_insensitively(library: TemplateLibrary) -> None:
    for name in ["яблоко", "Банан", "apple", "Арбуз", "Zebra"]:
        library.create(make(name))
    assert [t.name for t in library.list_templates()] == [
        "apple",
        "Zebra",
        "Арбуз",
        "Банан",
        "яблоко",
    ]


def test_duplicate_gets_new_id_and_suffix_in_the_chosen_language(library: TemplateLibrary) -> None:
    source = library.create(make("Акция", tags=["промо"]))
    copy_ru = library.duplicate(source.id)
    copy_en = library.duplicate(source.id, lang="en")
    assert copy_ru.id != source.id and copy_en.id not in {source.id, copy_ru.id}
    assert copy_ru.name == "Акция (копия)"
    assert copy_en.name == "Акция (copy)"
    assert copy_ru.message == source.message and copy_ru.tags == ["промо"]
    assert len(library.list_templates()) == 3


def test_rename_changes_only_the_name(library: TemplateLibrary) -> None:
    source = library.create(make("old"))
    renamed = library.rename(source.id, "Новое имя")
    assert renamed.name == "Новое имя"
    assert renamed.message == source.message
    assert library.search("новое")[0].id == source.id


def test_search_is_case_insensitive_for_cyrillic(library: TemplateLibrary) -> None:
    greeting = library.create(make("ПРИВЕТСТВИЕ", message="Ёлка и ЗИМА"))
    other = library.create(make("Other", header="Скидка Недели"))
    assert [t.id for t in library.search("приветствие")] == [greeting.id]
    assert [t.id for t in library.search("ёЛКА")] == [greeting.id]
    assert [t.id for t in library.search("зима ёлка")] == [greeting.id]  # every word
    assert [t.id for t in library.search("скидка недели")] == [other.id]
    assert library.search("ёлка скидка") == []
    assert {t.id for t in library.search("")} == {greeting.id, other.id}


def test_search_matches_buttons_and_footer_and_treats_wildcards_literally(
    library: TemplateLibrary,
) -> None:
    target = library.create(
        Template(name="x", message="m", footer="100% гарантия", buttons=["Хочу"])
    )
    library.create(Template(name="y", message="m", footer="100 гарантий", buttons=["Нет"]))
    assert [t.id for t in library.search("хочу")] == [target.id]
    assert [t.id for t in library.search("100%")] == [target.id]
    assert library.search("_") == []


def test_tags_search_and_counts(library: TemplateLibrary) -> None:
    a = library.create(make("a", tags=["Продажи", "срочно"]))
    b = library.create(make("b", tags=["продажи"]))
    library.create(make("c", tags=["сервис"]))
    assert {t.id for t in library.search(tag="ПРОДАЖИ")} == {a.id, b.id}
    assert [t.id for t in library.search("b", tag="продажи")] == [b.id]
    counts = {tc.tag.casefold(): tc.count for tc in library.tags()}
    assert counts == {"продажи": 2, "срочно": 1, "сервис": 1}
    library.delete(a.id)  # trashed templates do not count
    counts = {tc.tag.casefold(): tc.count for tc in library.tags()}
    assert counts == {"продажи": 1, "сервис": 1}
    library.save(library.get(b.id).model_copy(update={"tags": []}))
    assert [tc.tag for tc in library.tags()] == ["сервис"]


def test_delete_to_trash_restore_and_purge(library: TemplateLibrary) -> None:
    keep = library.create(make("keep"))
    gone = library.create(make("gone"))
    library.delete(gone.id)
    assert [t.id for t in library.list_templates()] == [keep.id]
    assert library.search("gone") == []
    trash = library.list_trash()
    assert [entry.template.id for entry in trash] == [gone.id]
    assert trash[0].deleted_at.tzinfo is not None
    restored = library.restore(gone.id)
    assert restored == library.get(gone.id)
    assert {t.id for t in library.list_templates()} == {keep.id, gone.id}
    library.delete(gone.id)
    library.purge(gone.id)
    assert library.list_trash() == []
    with pytest.raises(LibraryError):
        library.get(gone.id)
    with pytest.raises(LibraryError):
        library.restore(gone.id)


def test_empty_trash_removes_only_trashed(library: TemplateLibrary) -> None:
    keep = library.create(make("keep"))
    for name in ["x", "y"]:
        library.delete(library.create(make(name)).id)
    assert library.empty_trash() == 2
    assert [t.id for t in library.list_templates()] == [keep.id]


def test_a_save_without_changes_stores_no_version(library: TemplateLibrary) -> None:
    template = library.create(make("a"))
    same = library.save(template.model_copy(update={"updated_at": template.updated_at}))
    assert same.updated_at == template.updated_at
    assert len(library.versions(template.id)) == 1


def test_versions_are_capped_and_each_is_restorable(library: TemplateLibrary) -> None:
    template = library.create(make("v", message="v0"))
    for number in range(1, 26):
        template = library.save(template.model_copy(update={"message": f"v{number}"}))
    versions = library.versions(template.id)
    assert len(versions) == MAX_VERSIONS == 20
    # Newest first; the oldest kept is v6 (v0..v5 dropped).
    assert [library.version_template(v.id).message for v in versions] == [
        f"v{n}" for n in range(25, 5, -1)
    ]
    assert versions[0].summary == "changed:message"
    assert versions[0].describe("ru") == "изменено: message"
    restored = library.restore_version(versions[-1].id)
    assert restored.message == "v6"
    assert restored.id == template.id and restored.created_at == template.created_at
    assert library.get(template.id).message == "v6"
    after = library.versions(template.id)
    assert len(after) == 20
    assert (
        after[0].summary == "restored" and after[0].describe("en") == "an earlier version restored"
    )
    with pytest.raises(LibraryError) as caught:
        library.version_template(versions[-1].id - 1)  # trimmed away
    assert caught.value.code == "version_not_found"


def test_restoring_a_version_brings_back_every_field(library: TemplateLibrary) -> None:
    first = library.create(make("a", tags=["t1"], samples={"{{Имя}}": "Анна"}))
    library.save(first.model_copy(update={"name": "b", "tags": [], "samples": {}, "buttons": []}))
    oldest = library.versions(first.id)[-1]
    restored = library.restore_version(oldest.id)
    assert (restored.name, restored.tags, restored.samples, restored.buttons) == (
        "a",
        ["t1"],
        {"{{Имя}}": "Анна"},
        ["Да"],
    )
    assert [t.tag for t in library.tags()] == ["t1"]


def test_purge_removes_versions(library: TemplateLibrary) -> None:
    template = library.create(make("a"))
    version = library.versions(template.id)[0]
    library.purge(template.id)
    with pytest.raises(LibraryError):
        library.version_template(version.id)


def test_calls_from_several_threads_are_serialised(library: TemplateLibrary) -> None:
    failures: list[BaseException] = []

    def work(prefix: str) -> None:
        try:
            for number in range(20):
                created = library.create(make(f"{prefix}{number}"))
                library.rename(created.id, f"{prefix}-renamed-{number}")
                library.search(prefix)
        except BaseException as error:  # reported below; a thread cannot raise into pytest
            failures.append(error)

    threads = [threading.Thread(target=work, args=(p,)) for p in ("a", "b", "c")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert len(library.list_templates()) == 60
    assert library.integrity_ok()
