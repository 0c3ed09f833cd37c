"""The template file format: one template or a bundle of them, as UTF-8 JSON.

Single template::

    {"format": "olchat-button-template", "version": 1, "name": "...", "line": "...",
     "phone": "...", "header": "...", "message": "...", "footer": "...",
     "buttons": ["...", "..."], "wait_for_reply": true, "tags": ["..."],
     "samples": {"{{Имя}}": "Анна"}}

Bundle: ``{"format": "olchat-button-template-bundle", "version": 1, "templates": [...]}``
where each entry is a single-template object. Missing optional keys take defaults; a
newer ``version``, another ``format``, or malformed JSON is refused with a message that
says what is wrong and what to do. Ids and timestamps are library matters and are not
part of the file: importing always yields fresh ids.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, NamedTuple

from olchat_desktop.core.i18n import LazyText, TranslatableError
from olchat_desktop.core.template import Template

TEMPLATE_FORMAT = "olchat-button-template"
BUNDLE_FORMAT = "olchat-button-template-bundle"
FORMAT_VERSION = 1

_STRING_FIELDS = ("name", "line", "phone", "header", "message", "footer")


class TemplateFileError(TranslatableError, ValueError):
    """A file that cannot be read as a template or bundle; ``message(lang)`` explains why."""

    problem: LazyText  # always a LazyText for this error

    def __init__(self, problem: LazyText, position: int | None = None) -> None:
        if position:
            problem = LazyText(
                "Template #{position}: {problem}", position=position, problem=problem
            )
        super().__init__(problem)


def template_to_dict(template: Template) -> dict[str, Any]:
    """The file object for one template, keys in the robot's field order.

    ``sample_origins`` is written only when a sample came from a CRM item, so files of
    templates without one stay exactly as they were (the team library hashes them).
    """
    data: dict[str, Any] = {
        "format": TEMPLATE_FORMAT,
        "version": FORMAT_VERSION,
        "name": template.name,
        "line": template.line,
        "phone": template.phone,
        "header": template.header,
        "message": template.message,
        "footer": template.footer,
        "buttons": list(template.buttons),
        "wait_for_reply": template.wait_for_reply,
        "tags": list(template.tags),
        "samples": dict(template.samples),
    }
    if template.sample_origins:
        data["sample_origins"] = dict(template.sample_origins)
    return data


def dumps_template(template: Template) -> str:
    return json.dumps(template_to_dict(template), ensure_ascii=False, indent=2) + "\n"


def dumps_bundle(templates: Sequence[Template]) -> str:
    bundle = {
        "format": BUNDLE_FORMAT,
        "version": FORMAT_VERSION,
        "templates": [template_to_dict(t) for t in templates],
    }
    return json.dumps(bundle, ensure_ascii=False, indent=2) + "\n"


class TemplateFile(NamedTuple):
    """A parsed file: its templates, and whether it was a bundle (even of one)."""

    bundle: bool
    templates: list[Template]


def loads_templates(text: str | bytes) -> list[Template]:
    """Parse a single-template file or a bundle into templates with fresh ids."""
    return loads_file(text).templates


def loads_file(text: str | bytes) -> TemplateFile:
    """``loads_templates``, also saying whether the file was a bundle."""
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise TemplateFileError(
                LazyText("The file is not UTF-8 (byte {byte}). Save it as UTF-8.", byte=error.start)
            ) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise TemplateFileError(
            LazyText(
                "The file is damaged: not valid JSON (line {line}, column {column}).",
                line=error.lineno,
                column=error.colno,
            )
        ) from None
    if not isinstance(data, dict):
        raise _not_a_template()
    kind = data.get("format")
    _check_version(data)
    if kind == TEMPLATE_FORMAT:
        return TemplateFile(False, [template_from_dict(data)])
    if kind == BUNDLE_FORMAT:
        entries = data.get("templates", [])
        if not isinstance(entries, list):
            raise TemplateFileError(LazyText('In a template bundle, "templates" must be a list.'))
        templates = [template_from_dict(entry, position=i + 1) for i, entry in enumerate(entries)]
        return TemplateFile(True, templates)
    raise _not_a_template()


def template_from_dict(data: object, position: int | None = None) -> Template:
    """Build a template from one file object, refusing wrong types with a clear message."""
    return Template(**template_values(data, position))


def template_values(data: object, position: int | None = None) -> dict[str, Any]:
    """The checked fields of one file object (``template_from_dict`` without the model:
    the streaming import builds plain drafts from them)."""
    if not isinstance(data, dict):
        raise TemplateFileError(LazyText("expected a JSON object."), position)
    if data.get("format", TEMPLATE_FORMAT) != TEMPLATE_FORMAT:
        raise _not_a_template()
    _check_version(data)
    values: dict[str, Any] = {}
    for key in _STRING_FIELDS:
        values[key] = _typed(data, key, str, "", position)
    values["buttons"] = _string_list(data, "buttons", position)
    values["tags"] = _string_list(data, "tags", position)
    values["wait_for_reply"] = _typed(data, "wait_for_reply", bool, False, position)
    for key in ("samples", "sample_origins"):
        mapping = _typed(data, key, dict, {}, position)
        if not all(isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()):
            raise _wrong_type(key, position)
        values[key] = mapping
    return values


def _check_version(data: dict[str, Any]) -> None:
    version = data.get("version", FORMAT_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise TemplateFileError(LazyText("The file's format version is invalid."))
    if version > FORMAT_VERSION:
        raise TemplateFileError(
            LazyText(
                "The file was written by a newer version of the app (format {version}, "
                "this one reads {supported}). Update OLChat Desktop.",
                version=version,
                supported=FORMAT_VERSION,
            )
        )


def _typed(data: dict[str, Any], key: str, kind: type, default: Any, position: int | None) -> Any:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, kind) or (kind is not bool and isinstance(value, bool)):
        raise _wrong_type(key, position)
    return value


def _string_list(data: dict[str, Any], key: str, position: int | None) -> list[str]:
    value = _typed(data, key, list, [], position)
    if not all(isinstance(item, str) for item in value):
        raise _wrong_type(key, position)
    return list(value)


def _wrong_type(key: str, position: int | None) -> TemplateFileError:
    return TemplateFileError(LazyText('the field "{key}" has the wrong type.', key=key), position)


def _not_a_template() -> TemplateFileError:
    return TemplateFileError(
        LazyText(
            'This is not an OLChat Desktop template file (expected "format": '
            '"{template}" or "{bundle}").',
            template=TEMPLATE_FORMAT,
            bundle=BUNDLE_FORMAT,
        )
    )
