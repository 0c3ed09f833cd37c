"""The field catalogue parses crm.*.fields answers tolerantly and labels as Bitrix24 shows."""

from olchat_desktop.core.field_catalogue import build_catalogue, clean_label
from olchat_desktop.sandbox.user_fields import DEAL_USER_FIELDS


def test_user_field_label_prefers_form_label_and_keeps_items() -> None:
    raw = {spec.code: spec.describe() for spec in DEAL_USER_FIELDS}
    raw["TITLE"] = {"type": "string", "title": "Название", "isRequired": True}
    catalogue = build_catalogue({"deal": raw}, fetched_at=5.0)
    branch = catalogue.by_code("deal", "UF_CRM_1700000003")
    assert branch is not None
    assert branch.label == "Филиал" and branch.custom and branch.needs_printable
    assert branch.items[0].value == "Москва, Тверская"
    assert branch.display_form() == "{{Филиал > printable}}"
    title = catalogue.by_label("deal", " Название ")
    assert title is not None and title.required and not title.custom
    assert title.code_form() == "{=Document:TITLE}"
    assert catalogue.fetched_at == 5.0 and catalogue.skipped == ()


def test_malformed_entries_are_skipped_with_reasons() -> None:
    raw = {
        "GOOD": {"type": "string", "title": "Хорошее"},
        "NOTYPE": {"title": "Без типа"},
        "LIST": ["not", "a", "map"],
        "CTRL": {"type": "string", "formLabel": "Фи\x00ли\nал\x07"},
    }
    catalogue = build_catalogue({"deal": raw, "contact": "HTML page"})
    assert [f.code for f in catalogue.fields] == ["GOOD", "CTRL"]
    assert catalogue.by_code("deal", "CTRL").label == "Фи ли ал"  # type: ignore[union-attr]
    assert len(catalogue.skipped) == 3
    assert any("contact" in reason for reason in catalogue.skipped)


def test_statuses_grouped_by_entity_id() -> None:
    rows = [
        {"ENTITY_ID": "DEAL_STAGE", "STATUS_ID": "NEW", "NAME": "Новая"},
        {"ENTITY_ID": "SOURCE", "STATUS_ID": "CALL", "NAME": "Звонок"},
        {"ENTITY_ID": None, "STATUS_ID": "X", "NAME": "bad"},
    ]
    catalogue = build_catalogue({}, rows)
    assert catalogue.status_text("DEAL_STAGE", "NEW") == "Новая"
    assert catalogue.status_text("SOURCE", "WEB") is None


def test_clean_label_caps_length() -> None:
    assert len(clean_label("я" * 1000)) == 255
