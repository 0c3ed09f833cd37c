"""The ``unknown_field`` warning: an expression that names no field of the portal.

A ``{{Филиал }}`` with a typo prints nothing in production; with the portal's field
catalogue loaded, validation says so and suggests the closest field. The matching rule
is Bitrix24's own (``core.field_resolution``: exact, case-sensitive, «ё» ≠ «е», PHP
``trim`` around the label), with one deliberate extra warning: a label padded with
spaces (``{{Филиал }}``) does resolve when Bitrix24's robot designer saves the robot
(it ``trim``-s), but the same text pasted into a business-process template or sent
through REST is not converted and prints as typed — so it is reported too, with the
trimmed label as the fix ("when unsure, warn"). What is checked:

- ``{{Label}}`` (with an optional ``> modifier``) against the entity's labels; a
  ``{{Контакт: Имя}}`` naming a related entity (Контакт, Компания, Лид, Сделка and the
  English names) is checked against that entity's labels; other ``{{Prefix: Name}}``
  forms (global variables and constants, «Ответственный: …» user fields) and ``{{~…}}``
  forms are not document fields of the catalogue and are skipped;
- ``{=Document:CODE}`` against the entity's codes (``_PRINTABLE`` suffix allowed); a
  dotted code (``CONTACT_ID.NAME``, a related entity's field) is skipped;
- the communication fields bizproc adds to every CRM document (``{{Телефон}}``,
  ``{{Телефон (текст)}}``, ``{=Document:PHONE_PRINTABLE}``, e-mail alike) are not in
  ``crm.deal.fields`` but work in a deal's robot (the OLChat docs use them), so they are
  never reported.

Each problem carries the expression as typed, the suggestion (label or code) and the
replacement text for a one-click fix (the expression with the suggested name, the
modifier kept); both are "" when nothing is close enough.
"""

from __future__ import annotations

from olchat_desktop.core.expressions import Expression, find_expressions
from olchat_desktop.core.field_catalogue import ENTITIES, CrmEntity, FieldCatalogue
from olchat_desktop.core.field_resolution import (
    closest_field,
    display_name,
    loose_key,
    loose_match,
    php_trim,
    resolve,
)
from olchat_desktop.core.i18n import Lang, ptext, text
from olchat_desktop.core.item_samples import template_texts
from olchat_desktop.core.problem import Problem
from olchat_desktop.core.template_draft import TemplateContent
from olchat_desktop.core.validation_messages import quoted_field

ENTITY_PREFIXES: dict[str, CrmEntity] = {
    "Контакт": "contact",
    "Contact": "contact",
    "Компания": "company",
    "Company": "company",
    "Лид": "lead",
    "Lead": "lead",
    "Сделка": "deal",
    "Deal": "deal",
}
# Communication fields bizproc offers on every CRM document (a deal's are its contact's),
# though crm.deal.fields does not list them; the OLChat docs use exactly these forms for
# the robot's phone (see core.phone). Never reported.
_COMMUNICATION_NAMES = frozenset(
    {"телефон", "телефон (текст)", "e-mail", "e-mail (текст)", "phone", "phone (text)", "email"}
)
_COMMUNICATION_CODES = frozenset({"PHONE", "EMAIL", "WEB", "IM"})
_RELATED: dict[str, tuple[tuple[CrmEntity, str], ...]] = {
    "deal": (("contact", "Контакт"), ("company", "Компания")),
    "contact": (("company", "Компания"),),
}


def _of_entity(entity: CrmEntity, lang: Lang) -> str:
    """The entity's name as the messages below use it (Russian genitive: «поля сделки»)."""
    names = {
        "deal": ptext(lang, "no such field of", "deal"),
        "contact": ptext(lang, "no such field of", "contact"),
        "lead": ptext(lang, "no such field of", "lead"),
        "company": ptext(lang, "no such field of", "company"),
    }
    return names[entity]


def _robot_fields(template: TemplateContent) -> list[tuple[str, str]]:
    texts = template_texts(template)
    names = ["phone", "header", "message", "footer"]
    names += [f"buttons[{index}]" for index in range(len(texts) - len(names))]
    return list(zip(names, texts, strict=True))


def _display_target(expression: Expression, entity: CrmEntity) -> tuple[CrmEntity, str, str] | None:
    """(entity, name, prefix) a ``{{…}}`` is about, or None when it is not a document field."""
    name = display_name(expression)
    if php_trim(name).startswith("~"):
        return None
    prefix, colon, rest = name.partition(":")
    if colon and rest.strip():
        related = ENTITY_PREFIXES.get(prefix.strip())
        if related is None:
            return None  # «Переменная: x», «Ответственный: Имя»: not in crm.*.fields
        return related, rest, prefix + colon
    return entity, name, ""


def _resolves_cleanly(expression: Expression, catalogue: FieldCatalogue, entity: CrmEntity) -> bool:
    """Resolves, and without spaces Bitrix24's designer would have to trim.

    The space before ``> printable`` is the usual spelling, not padding.
    """
    found = resolve(expression, catalogue, entity)
    if found is None:
        return False
    matched = found.matched
    if matched != matched.lstrip(" \t\n\r\x00\x0b"):
        return False
    return bool(found.modifier) or matched == php_trim(matched)


def _check(
    expression: Expression, catalogue: FieldCatalogue, entity: CrmEntity
) -> tuple[str, str, str, CrmEntity] | None:
    """(name as typed, suggestion, replacement, entity) for an unknown field; None when fine."""
    if _resolves_cleanly(expression, catalogue, entity):
        return None
    if expression.kind == "document":
        code = expression.name.upper().removesuffix("_PRINTABLE")
        if "." in expression.name or code in _COMMUNICATION_CODES:
            return None
        near = closest_field(expression.name, catalogue, entity, by="code")
        if near is None:
            near = closest_field(expression.name, catalogue, entity)  # a label typed as a code
        if near is None:
            return expression.name, "", "", entity
        modifier = f" > {expression.modifier}" if expression.modifier else ""
        replacement = "{=" + expression.group + ":" + near.code + modifier + "}"
        return expression.name, near.code, replacement, entity
    if expression.kind != "display":
        return None
    target = _display_target(expression, entity)
    if target is None:
        return None
    target_entity, name, prefix = target
    typed = (prefix + name) if prefix else name  # what the message quotes
    if php_trim(name).casefold() in _COMMUNICATION_NAMES:
        return None
    inner = expression.source[2:-2]
    if prefix:
        related = Expression("{{" + inner[len(prefix) :].lstrip(" ") + "}}", "display", 0, 0)
        if _resolves_cleanly(related, catalogue, target_entity):
            return None
    near = closest_field(name, catalogue, target_entity)
    if near is None:
        near = closest_field(name, catalogue, target_entity, by="code")  # a code in braces
    if not prefix and (near is None or loose_key(near.label) != loose_key(name)):
        # «Имя» on a deal: the contact's field, which a deal's robot names «Контакт: Имя».
        for other, other_prefix in _RELATED.get(target_entity, ()):
            exact = loose_match(name, catalogue, other)
            if exact is not None:
                near, prefix = exact, other_prefix + ":"
                break
    rest = inner[len(display_name(expression)) :]
    if rest.startswith(">"):
        typed = typed.rstrip(" ")  # "{{Name > printable}}": that space is the usual spelling
    if near is None:
        return typed, "", "", target_entity
    modifier = ""
    if rest.startswith(">"):
        modifier = " > " + rest[1:].strip()
    elif rest == "_printable":
        modifier = " > printable"
    label = (prefix + " " if prefix else "") + near.label
    return typed, label, "{{" + label + modifier + "}}", target_entity


def _message(field: str, name: str, suggestion: str, entity: CrmEntity, lang: Lang) -> str:
    label = quoted_field(field, lang)
    of_entity = _of_entity(entity, lang)
    if suggestion and php_trim(name) == suggestion:
        return text(
            lang,
            "{label}: «{name}» — extra spaces around the field name. Bitrix24's "
            "robot designer trims them, but in a business process or through REST "
            "the expression is not recognised. Did you mean «{suggestion}»?",
        ).format(label=label, name=name, suggestion=suggestion)
    if suggestion:
        return text(
            lang,
            "{label}: «{name}» — the portal has no such {of_entity} field, so the "
            "robot prints no value. Did you mean «{suggestion}»?",
        ).format(label=label, name=name, of_entity=of_entity, suggestion=suggestion)
    return text(
        lang,
        "{label}: «{name}» — the portal has no such {of_entity} field, so the "
        'robot prints no value. Pick the field from "Insert field".',
    ).format(label=label, name=name, of_entity=of_entity)


def unknown_field_problems(
    template: TemplateContent, lang: Lang, catalogue: FieldCatalogue, entity: CrmEntity
) -> list[Problem]:
    """One ``unknown_field`` warning per expression (per field) that names no portal field."""
    if entity not in ENTITIES:
        return []
    problems: list[Problem] = []
    for field, content in _robot_fields(template):
        seen: set[str] = set()
        for expression in find_expressions(content):
            if expression.source in seen:
                continue
            seen.add(expression.source)
            checked = _check(expression, catalogue, entity)
            if checked is None:
                continue
            name, suggestion, replacement, about = checked
            message = _message(field, name, suggestion, about, lang)
            problems.append(
                Problem(
                    field,
                    "unknown_field",
                    "warning",
                    None,
                    None,
                    message,
                    expression.source,
                    suggestion,
                    replacement,
                )
            )
    return problems
