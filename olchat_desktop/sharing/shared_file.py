"""One shared template as one JSON file on Disk: the template file format plus identity.

The body is the app's single-template file (``core.fileformat``: ``format``, ``version``,
the robot's fields, tags, samples) with two more keys, which ``loads_templates`` ignores,
so a shared file also imports as a plain template file:

* ``id``: the template's stable id, the same in every library that syncs the folder;
* ``content_hash``: SHA-256 of the content (the file object without ``id`` and
  ``content_hash``, keys sorted, compact UTF-8 JSON). Two copies are the same template
  content exactly when their hashes match, so a sync can tell "the portal has what I
  pushed" from "someone else changed it" without a second round trip.

File name: ``<name> [<id>].json`` (the name cut to 60 characters, characters Disk or
Windows refuse replaced by ``_``). The id in brackets finds the template without a
download; a file whose name does not end like that is not a shared template.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Any

from olchat_desktop.core.fileformat import TemplateFileError, template_from_dict, template_to_dict
from olchat_desktop.core.i18n import LazyText, TranslatableError
from olchat_desktop.core.template import Template

_NAME_ID = re.compile(r"\[([A-Za-z0-9_-]{1,64})\]\.json$")
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')
_NAME_LIMIT = 60
_IDENTITY_KEYS = ("id", "content_hash")


def content_dict(template: Template) -> dict[str, Any]:
    """The file object of a template's content (no identity keys)."""
    return template_to_dict(template)


def content_hash(content: dict[str, Any]) -> str:
    body = {key: value for key, value in content.items() if key not in _IDENTITY_KEYS}
    canonical = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def template_hash(template: Template) -> str:
    return content_hash(content_dict(template))


def encode(template: Template) -> bytes:
    content = content_dict(template)
    body = {**content, "id": template.id, "content_hash": content_hash(content)}
    return (json.dumps(body, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def file_name(name: str, template_id: str) -> str:
    clean = _UNSAFE.sub("_", name).strip().strip(".") or "template"
    return f"{clean[:_NAME_LIMIT].rstrip()} [{template_id}].json"


def id_from_file_name(name: str) -> str | None:
    match = _NAME_ID.search(name)
    return match.group(1) if match else None


class BrokenFileError(TranslatableError, ValueError):
    """A file named like a shared template whose body is not one."""

    problem: LazyText  # always a LazyText for this error


@dataclass(frozen=True)
class SharedTemplate:
    template: Template  # carries the shared id
    content: dict[str, Any]
    hash: str


def decode(data: bytes, expected_id: str) -> SharedTemplate:
    """Parse a downloaded file; raises :class:`BrokenFileError` with the reason."""
    try:
        body = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise BrokenFileError(LazyText("the file is damaged: not UTF-8 JSON")) from None
    if not isinstance(body, dict):
        raise BrokenFileError(LazyText("the file is not a template"))
    if str(body.get("id") or expected_id) != expected_id:
        raise BrokenFileError(LazyText("the id inside the file does not match its name"))
    try:
        parsed = template_from_dict(body)
    except TemplateFileError as error:
        raise BrokenFileError(error.problem) from None
    template = parsed.model_copy(update={"id": expected_id})
    content = content_dict(template)
    # The stored hash is not trusted: someone may have edited the file by hand on Disk.
    return SharedTemplate(template, content, content_hash(content))
