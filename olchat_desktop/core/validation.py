"""Validate a template against the robot's rules.

``validate(template, lang)`` returns problems in the robot's field order (name, line,
phone, header, message, footer, buttons, buttons[0]..buttons[2]); within a field, in the
order of the rules below. Field names and codes are a stable API.

Errors (issue 2, point 7):
- ``required``: empty message; empty phone; no non-empty button (field ``buttons``).
- ``too_long``: header > 60, message > 1024, footer > 60, a button > 20, counted in code
  points after substituting samples; ``length`` and ``limit`` set.
- ``too_many_buttons``: more than 3 buttons (field ``buttons``; trailing empty ones are
  not counted). Only the first 3 are checked one by one.
- ``empty_button``: an empty or blank button before a non-empty one.
- ``duplicate_button``: a button equal to an earlier one after trimming and case-folding
  (reported on the later one).
- ``formatting_not_allowed``: WhatsApp markup in the header or a button.
- ``invalid_phone``: neither an expression nor 10–15 digits after normalising.

Warnings:
- ``may_exceed``: a limited field holds an expression with no sample (and is not already
  ``too_long``); ``length`` is the count without those expressions.
- ``multi_value_phone``: the phone is a multi-value CRM field (see ``core.phone``).
- ``emoji_in_button``: emoji in a button title; Meta allows them, Gupshup's reply node
  does not (reference §2.2: "warn, rather than block"). Checked by
  ``core.unicode_text.contains_emoji``: titles of plain characters (UAX #29 classes that
  are never emoji) skip the ``regex`` package, which costs ~10 ms at start-up to import.
- ``expression_in_button``: an expression in a button title while "wait for reply" is on;
  the robot returns the tapped title and later conditions compare it with fixed text.
- ``line_not_set``: no WhatsApp line chosen; the robot cannot send without one.
- ``unnamed``: the template has no name.
- ``unknown_field`` (only when a portal's field catalogue is passed): an expression
  names a field the portal does not have; ``expression``, ``suggestion`` and
  ``replacement`` are set (``core.unknown_fields``).
"""

# No "from __future__ import annotations": typing.NamedTuple compiles every string
# annotation into a ForwardRef, 30 µs a field on the start-up path (issue 5).
from collections.abc import Mapping
from typing import TYPE_CHECKING

from olchat_desktop.core import limits
from olchat_desktop.core import validation_messages as texts
from olchat_desktop.core.counting import count_field
from olchat_desktop.core.expressions import has_expressions
from olchat_desktop.core.i18n import Lang
from olchat_desktop.core.markup import contains_markup
from olchat_desktop.core.phone import (
    is_expression_phone,
    is_valid_phone,
    multi_value_phone_expressions,
    normalize_phone,
)
from olchat_desktop.core.problem import Problem, Severity
from olchat_desktop.core.template_draft import TemplateContent
from olchat_desktop.core.unicode_text import contains_emoji

if TYPE_CHECKING:
    from olchat_desktop.core.field_catalogue import CrmEntity, FieldCatalogue

__all__ = ["FIELD_ORDER", "Problem", "Severity", "has_errors", "validate"]

FIELD_ORDER = (
    "name", "line", "phone", "header", "message", "footer",
    "buttons", "buttons[0]", "buttons[1]", "buttons[2]",
)  # fmt: skip


def _problem(
    field: str,
    code: str,
    severity: Severity,
    message: str,
    length: int | None = None,
    limit: int | None = None,
) -> Problem:
    return Problem(field, code, severity, length, limit, message)


def has_errors(problems: list[Problem]) -> bool:
    return any(problem.is_error for problem in problems)


def _length_problems(
    field: str, text: str, limit: int, samples: Mapping[str, str], lang: Lang
) -> list[Problem]:
    count = count_field(text, samples)
    if count.code_points > limit:
        with_samples = any(e.sample_length is not None for e in count.expressions)
        message = texts.too_long(field, count.code_points, limit, with_samples, lang)
        return [_problem(field, "too_long", "error", message, count.code_points, limit)]
    if count.unknown:
        unknown = list(dict.fromkeys(e.source for e in count.unknown))
        message = texts.may_exceed(field, count.code_points, limit, unknown, lang)
        return [_problem(field, "may_exceed", "warning", message, count.code_points, limit)]
    return []


def _phone_problems(template: TemplateContent, lang: Lang) -> list[Problem]:
    phone = template.phone
    if not phone.strip():
        return [_problem("phone", "required", "error", texts.required("phone", lang))]
    if is_expression_phone(phone):
        multi = multi_value_phone_expressions(phone)
        if not multi:
            return []
        sources = list(dict.fromkeys(e.source for e in multi))
        message = texts.multi_value_phone(sources, template.wait_for_reply, lang)
        return [_problem("phone", "multi_value_phone", "warning", message)]
    if is_valid_phone(phone):
        return []
    digits = len(normalize_phone(phone))
    message = texts.invalid_phone(digits, lang)
    return [_problem("phone", "invalid_phone", "error", message, digits, limits.PHONE_MAX_DIGITS)]


def _button_problems(template: TemplateContent, lang: Lang) -> list[Problem]:
    titles = list(template.buttons)
    while titles and not titles[-1].strip():
        titles.pop()  # trailing empty entries are ignored
    problems: list[Problem] = []
    if not titles:
        problems.append(_problem("buttons", "required", "error", texts.required("buttons", lang)))
    if len(titles) > limits.MAX_BUTTONS:
        message = texts.too_many_buttons(len(titles), limits.MAX_BUTTONS, lang)
        problems.append(
            _problem(
                "buttons", "too_many_buttons", "error", message, len(titles), limits.MAX_BUTTONS
            )
        )
    seen: dict[str, int] = {}
    for index, title in enumerate(titles[: limits.MAX_BUTTONS]):
        field = f"buttons[{index}]"
        if not title.strip():
            problems.append(
                _problem(field, "empty_button", "error", texts.empty_button(field, lang))
            )
            continue
        problems.extend(_length_problems(field, title, limits.BUTTON, template.samples, lang))
        key = title.strip().casefold()
        if key in seen:
            message = texts.duplicate_button(field, seen[key] + 1, title.strip(), lang)
            problems.append(_problem(field, "duplicate_button", "error", message))
        else:
            seen[key] = index
        if contains_markup(title):
            message = texts.formatting_not_allowed(field, lang)
            problems.append(_problem(field, "formatting_not_allowed", "error", message))
        if contains_emoji(title):
            problems.append(
                _problem(field, "emoji_in_button", "warning", texts.emoji_in_button(field, lang))
            )
        if template.wait_for_reply and has_expressions(title):
            message = texts.expression_in_button(field, lang)
            problems.append(_problem(field, "expression_in_button", "warning", message))
    return problems


def validate(
    template: TemplateContent,
    lang: Lang = "ru",
    catalogue: "FieldCatalogue | None" = None,
    entity: "CrmEntity" = "deal",
) -> list[Problem]:
    """All problems of a template, in robot field order, with messages in ``lang``.

    With a portal's field ``catalogue``, every ``{{Label}}``/``{=Document:CODE}`` that
    names no field of ``entity`` is reported too (``unknown_field``, ``core.unknown_fields``).
    """
    samples = template.samples
    problems: list[Problem] = []
    if not template.name.strip():
        problems.append(_problem("name", "unnamed", "warning", texts.unnamed(lang)))
    if not template.line.strip():
        problems.append(_problem("line", "line_not_set", "warning", texts.line_not_set(lang)))
    problems.extend(_phone_problems(template, lang))
    problems.extend(_length_problems("header", template.header, limits.HEADER, samples, lang))
    if contains_markup(template.header):
        message = texts.formatting_not_allowed("header", lang)
        problems.append(_problem("header", "formatting_not_allowed", "error", message))
    if not template.message.strip():
        problems.append(_problem("message", "required", "error", texts.required("message", lang)))
    else:
        problems.extend(
            _length_problems("message", template.message, limits.MESSAGE, samples, lang)
        )
    problems.extend(_length_problems("footer", template.footer, limits.FOOTER, samples, lang))
    problems.extend(_button_problems(template, lang))
    if catalogue is not None:
        # Imported here: the editor validates on every keystroke without a catalogue, and
        # the field modules stay off the start-up path.
        from olchat_desktop.core.unknown_fields import unknown_field_problems

        problems.extend(unknown_field_problems(template, lang, catalogue, entity))
        order = {field: index for index, field in enumerate(FIELD_ORDER)}
        problems.sort(key=lambda problem: order.get(problem.field, len(order)))
    return problems
