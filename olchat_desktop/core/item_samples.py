"""Samples from a real CRM item: each expression of a template with the value the customer sees.

The flow (issue 14, point 4): the bitrix layer reads one item with only the codes
:func:`template_field_codes` lists, asks ``user.get`` for the IDs
:func:`referenced_user_ids` finds, and :func:`item_samples` turns the raw values into
samples (expression source → printable text, ``core.field_values``). Expressions that
name no field of the catalogue (unknown labels, variables, the calculator) get no
sample, so the counters keep reporting them as unknown.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from olchat_desktop.core.expressions import Expression, find_expressions
from olchat_desktop.core.field_catalogue import CatalogueField, CrmEntity, FieldCatalogue
from olchat_desktop.core.field_resolution import resolve
from olchat_desktop.core.field_values import printable_value
from olchat_desktop.core.i18n import Lang
from olchat_desktop.core.template_draft import TemplateContent


def template_texts(template: TemplateContent) -> list[str]:
    """The robot fields that may hold expressions, in the robot's order."""
    return [template.phone, template.header, template.message, template.footer, *template.buttons]


def template_expressions(template: TemplateContent) -> Iterator[Expression]:
    for text in template_texts(template):
        yield from find_expressions(text)


def _resolved(
    template: TemplateContent, catalogue: FieldCatalogue, entity: CrmEntity
) -> Iterator[tuple[Expression, CatalogueField, bool]]:
    for expression in template_expressions(template):
        found = resolve(expression, catalogue, entity)
        if found is not None:
            yield expression, found.field, found.modifier.casefold() == "printable"


def template_field_codes(
    template: TemplateContent, catalogue: FieldCatalogue, entity: CrmEntity
) -> list[str]:
    """The codes of the fields the template prints, each once, in order (for ``select``)."""
    codes = (field.code for _, field, _ in _resolved(template, catalogue, entity))
    return list(dict.fromkeys(codes))


def referenced_user_ids(
    template: TemplateContent,
    catalogue: FieldCatalogue,
    entity: CrmEntity,
    item: Mapping[str, object],
) -> list[str]:
    """IDs of the users whose names the template prints (employee fields with printable)."""
    ids: list[str] = []
    for _, field, printable in _resolved(template, catalogue, entity):
        if not printable or field.type not in ("employee", "user"):
            continue
        raw = item.get(field.code)
        for value in raw if isinstance(raw, list) else [raw]:
            text = str(value).removeprefix("user_") if value not in (None, "") else ""
            if text.isdigit() and text not in ids:
                ids.append(text)
    return ids


def item_samples(
    template: TemplateContent,
    catalogue: FieldCatalogue,
    entity: CrmEntity,
    item: Mapping[str, object],
    users: Mapping[str, str],
    *,
    portal_lang: Lang = "ru",
) -> dict[str, str]:
    """Expression source → the text the robot prints for this item ("" for an empty field)."""
    samples: dict[str, str] = {}
    for expression, field, printable in _resolved(template, catalogue, entity):
        samples[expression.source] = printable_value(
            field,
            item.get(field.code),
            catalogue=catalogue,
            users=users,
            printable=printable,
            portal_lang=portal_lang,
        )
    return samples
