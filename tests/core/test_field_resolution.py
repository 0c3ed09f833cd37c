"""Expressions resolve to catalogue fields the way Bitrix24's unConvertExpressions does."""

import pytest

from olchat_desktop.core.expressions import find_expressions
from olchat_desktop.core.field_catalogue import ENTITIES, build_catalogue
from olchat_desktop.core.field_resolution import (
    builtin_catalogue,
    closest_field,
    is_printable,
    resolve_expression,
)
from olchat_desktop.sandbox.user_fields import DEAL_USER_FIELDS

RAW = {spec.code: spec.describe() for spec in DEAL_USER_FIELDS}
RAW["TITLE"] = {"type": "string", "title": "Название"}
RAW["ASSIGNED_BY_ID"] = {"type": "user", "title": "Ответственный"}
RAW["ODD"] = {"type": "string", "title": "Цена > скидки"}
CATALOGUE = build_catalogue({"deal": RAW})


def code_of(text: str, entity: str = "deal") -> str | None:
    (expression,) = find_expressions(text)
    field = resolve_expression(expression, CATALOGUE, entity)  # type: ignore[arg-type]
    return field.code if field else None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("{{Филиал}}", "UF_CRM_1700000003"),
        ("{{Филиал > printable}}", "UF_CRM_1700000003"),
        ("{{Филиал_printable}}", "UF_CRM_1700000003"),
        ("{{ Филиал }}", "UF_CRM_1700000003"),  # PHP trim() on both sides
        ("{{Цена > скидки}}", "ODD"),  # a label holding ">" still matches
        ("{=Document:UF_CRM_1700000003}", "UF_CRM_1700000003"),
        ("{=Document:UF_CRM_1700000003 > printable}", "UF_CRM_1700000003"),
        ("{=Document:ASSIGNED_BY_PRINTABLE}", "ASSIGNED_BY_ID"),
        ("{{филиал}}", None),  # case-sensitive
        ("{{Емкость склада}}", None),  # ё is not е
        ("{{Филиал\u00a0}}", None),  # a no-break space is not trimmed
        ("{=Document:uf_crm_1700000003}", None),
        ("{=Variable:Филиал}", None),
        ("{{=Date()}}", None),
    ],
)
def test_resolution_rules(text: str, code: str | None) -> None:
    assert code_of(text) == code


def test_other_entity_has_other_fields() -> None:
    assert code_of("{{Филиал}}", "contact") is None


def test_printable_modifier_is_seen_in_both_forms() -> None:
    for text, expected in [
        ("{{Филиал > printable}}", True),
        ("{{Филиал_printable}}", True),
        ("{{Филиал}}", False),
        ("{=Document:ASSIGNED_BY_PRINTABLE}", True),
    ]:
        (expression,) = find_expressions(text)
        assert is_printable(expression, CATALOGUE, "deal") is expected, text


def test_closest_field_ignores_case_yo_and_spacing_then_falls_back_to_difflib() -> None:
    assert closest_field("Емкость склада", CATALOGUE, "deal").label == "Ёмкость склада"  # type: ignore[union-attr]
    assert closest_field("филиал\u00a0", CATALOGUE, "deal").label == "Филиал"  # type: ignore[union-attr]
    assert closest_field("Филаил", CATALOGUE, "deal").label == "Филиал"  # type: ignore[union-attr]
    assert closest_field("Совсем другое поле XYZ", CATALOGUE, "deal") is None
    near = closest_field("UF_CRM_1700000003X", CATALOGUE, "deal", by="code")
    assert near is not None and near.code == "UF_CRM_1700000003"


def test_builtin_catalogue_has_common_fields_of_every_entity() -> None:
    catalogue = builtin_catalogue()
    assert catalogue.source == "builtin"
    for entity in ENTITIES:
        assert catalogue.by_code(entity, "ID") is not None
        assert catalogue.by_code(entity, "ASSIGNED_BY_ID") is not None
    assert catalogue.by_label("contact", "Имя").code == "NAME"  # type: ignore[union-attr]
    stage = catalogue.by_code("deal", "STAGE_ID")
    assert stage is not None and stage.status_type == "DEAL_STAGE" and stage.needs_printable


def test_suggestions_in_a_large_catalogue_go_through_the_trigram_shortlist() -> None:
    from olchat_desktop.core.field_catalogue import CatalogueField, FieldCatalogue
    from olchat_desktop.core.field_resolution import MAX_CANDIDATES, prepare

    noise = tuple(
        CatalogueField("deal", f"UF_CRM_{i}", f"Поле номер {i} клиента", "string")
        for i in range(3000)
    )
    wanted = CatalogueField("deal", "UF_CRM_BRANCH", "Филиал доставки", "enumeration")
    catalogue = FieldCatalogue(fields=(*noise, wanted))
    assert len(noise) > MAX_CANDIDATES
    prepare(catalogue)
    assert closest_field("Филиал доствки", catalogue, "deal") == wanted
    assert closest_field("Поле номер 1234 клиенат", catalogue, "deal").code == "UF_CRM_1234"  # type: ignore[union-attr]
    assert closest_field("uf_crm_branh", catalogue, "deal", by="code") == wanted
    assert closest_field("Совсем не то", catalogue, "deal") is None
