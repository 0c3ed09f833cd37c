"""The template as the editor holds it: a plain frozen record, without pydantic.

``Template`` (pydantic, ``core.template``) is the model at the boundaries: files, the CLI,
import and export, where untrusted input must be validated. Importing pydantic and
building that model costs about 100 ms and 21 MB, a third of the app's start-up and more
than the memory budget allows, while the main window only ever shows and edits templates
the app itself stored. So the editing path (library list, editor, counters, problems,
preview, autosave) works on :class:`TemplateDraft`, and everything that only reads a
template (validation, rendition, robot settings, preview) accepts either through the
:class:`TemplateContent` protocol.

The draft's fields mirror ``Template``'s (minus the timestamps, which the library keeps);
the round-trip property test in ``tests/core/test_template_draft.py`` fails if the two
drift apart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from olchat_desktop.core.frozen_record import FrozenRecord, set_field

# JSON field -> the Python type a stored value must have (what Template.model_dump gives).
_TEXT_FIELDS = ("id", "name", "line", "phone", "header", "message", "footer")
_LIST_FIELDS = ("buttons", "tags")


def new_template_id() -> str:
    # uuid is imported here, not at module level: it imports platform (about 2 ms of
    # start-up) and a new id is only needed when a template is created.
    import uuid

    return uuid.uuid4().hex


def utc_now() -> datetime:
    return datetime.now(UTC)


class TemplateContent(Protocol):
    """What reading a template needs; both ``Template`` and ``TemplateDraft`` have it."""

    @property
    def name(self) -> str: ...

    @property
    def line(self) -> str: ...

    @property
    def phone(self) -> str: ...

    @property
    def header(self) -> str: ...

    @property
    def message(self) -> str: ...

    @property
    def footer(self) -> str: ...

    @property
    def buttons(self) -> Sequence[str]: ...

    @property
    def wait_for_reply(self) -> bool: ...

    @property
    def samples(self) -> Mapping[str, str]: ...


class TemplateDraft(FrozenRecord):
    """One template's content and identity, as edited; timestamps stay with the library.

    Lists are stored as tuples and samples as a dict of its own, so a draft never shares
    a container with its caller. Without an ``id`` a new one is made.
    """

    __slots__ = (
        "id",
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
        "sample_origins",
    )
    id: str
    name: str
    line: str
    phone: str
    header: str
    message: str
    footer: str
    buttons: tuple[str, ...]
    wait_for_reply: bool
    tags: tuple[str, ...]
    samples: Mapping[str, str]
    sample_origins: Mapping[str, str]

    def __init__(
        self,
        id: str | None = None,
        name: str = "",
        line: str = "",
        phone: str = "",
        header: str = "",
        message: str = "",
        footer: str = "",
        buttons: Sequence[str] = (),
        wait_for_reply: bool = False,
        tags: Sequence[str] = (),
        samples: Mapping[str, str] | None = None,
        sample_origins: Mapping[str, str] | None = None,
    ) -> None:
        set_field(self, "id", new_template_id() if id is None else id)
        set_field(self, "name", name)
        set_field(self, "line", line)
        set_field(self, "phone", phone)
        set_field(self, "header", header)
        set_field(self, "message", message)
        set_field(self, "footer", footer)
        set_field(self, "buttons", tuple(buttons))
        set_field(self, "wait_for_reply", wait_for_reply)
        set_field(self, "tags", tuple(tags))
        set_field(self, "samples", dict(samples or {}))
        set_field(self, "sample_origins", dict(sample_origins or {}))

    def replace(self, **changes: Any) -> TemplateDraft:
        """A copy with ``changes``; an unknown field name is a ``TypeError``."""
        values = dict(zip(self.__slots__, self.field_values(), strict=True))
        values.update(changes)
        return TemplateDraft(**values)

    def to_stored(self) -> dict[str, Any]:
        """The fields as JSON values, in the shape ``Template.model_dump(mode="json")`` has
        (without the timestamps)."""
        data: dict[str, Any] = dict(zip(self.__slots__, self.field_values(), strict=True))
        data["buttons"] = list(self.buttons)
        data["tags"] = list(self.tags)
        data["samples"] = dict(self.samples)
        data["sample_origins"] = dict(self.sample_origins)
        return data

    @classmethod
    def stored_from_values(cls, values: Mapping[str, Any]) -> dict[str, Any]:
        """``TemplateDraft(**values).to_stored()`` without building the record: the bulk
        import's path (issue 15), 20,000 times per bundle. ``values`` are already
        checked (``core.fileformat.template_values``); missing fields get the defaults."""
        template_id = values.get("id")
        return {
            "id": new_template_id() if template_id is None else template_id,
            "name": values.get("name", ""),
            "line": values.get("line", ""),
            "phone": values.get("phone", ""),
            "header": values.get("header", ""),
            "message": values.get("message", ""),
            "footer": values.get("footer", ""),
            "buttons": list(values.get("buttons", ())),
            "wait_for_reply": values.get("wait_for_reply", False),
            "tags": list(values.get("tags", ())),
            "samples": dict(values.get("samples") or {}),
            "sample_origins": dict(values.get("sample_origins") or {}),
        }

    @classmethod
    def from_stored(cls, data: Mapping[str, Any]) -> TemplateDraft:
        """A draft from a stored template's JSON object; ``ValueError`` when a field has
        the wrong type (the library then reports the row as damaged). Unknown keys, such
        as the timestamps, are ignored."""
        for name in _TEXT_FIELDS:
            if not isinstance(data.get(name, ""), str):
                raise ValueError(f"template field {name!r} is not text")
        for name in _LIST_FIELDS:
            values = data.get(name, [])
            if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
                raise ValueError(f"template field {name!r} is not a list of text")
        if not isinstance(data.get("wait_for_reply", False), bool):
            raise ValueError("template field 'wait_for_reply' is not true or false")
        for name in ("samples", "sample_origins"):
            mapping = data.get(name, {})
            if not isinstance(mapping, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
            ):
                raise ValueError(f"template field {name!r} is not a text mapping")
        values = {name: value for name, value in data.items() if name in cls.__slots__}
        if "id" not in values:
            raise ValueError("template has no id")
        return cls(**values)
