"""The template as the editor holds it: a plain frozen dataclass, without pydantic.

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
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from typing import Any, Protocol

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


@dataclass(frozen=True)
class TemplateDraft:
    """One template's content and identity, as edited; timestamps stay with the library."""

    id: str = field(default_factory=new_template_id)
    name: str = ""
    line: str = ""
    phone: str = ""
    header: str = ""
    message: str = ""
    footer: str = ""
    buttons: tuple[str, ...] = ()
    wait_for_reply: bool = False
    tags: tuple[str, ...] = ()
    samples: Mapping[str, str] = field(default_factory=dict)

    def replace(self, **changes: Any) -> TemplateDraft:
        """A copy with ``changes``; lists become tuples so a draft never shares them."""
        for name in _LIST_FIELDS:
            if name in changes:
                changes[name] = tuple(changes[name])
        if "samples" in changes:
            changes["samples"] = dict(changes["samples"])
        return replace(self, **changes)

    def to_stored(self) -> dict[str, Any]:
        """The fields as JSON values, in the shape ``Template.model_dump(mode="json")`` has
        (without the timestamps)."""
        data: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        data["buttons"] = list(self.buttons)
        data["tags"] = list(self.tags)
        data["samples"] = dict(self.samples)
        return data

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
        samples = data.get("samples", {})
        if not isinstance(samples, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in samples.items()
        ):
            raise ValueError("template field 'samples' is not a text mapping")
        known = {f.name for f in fields(cls)}
        values = {name: value for name, value in data.items() if name in known}
        if "id" not in values:
            raise ValueError("template has no id")
        # Not cls(): its default id would be a new uuid, for nothing.
        return cls(id=values.pop("id")).replace(**values)
