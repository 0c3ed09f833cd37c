"""Map a template's fields to a workflow template's PARAMETERS (issue 6, point 3).

Bitrix24 describes each parameter as ``{"Name", "Type", "Required", "Default",
"Options"?}`` keyed by its code (``bizproc.workflow.template.list``, field PARAMETERS).
:func:`auto_map` pairs each parameter with a template field: first by the code or the
displayed name (Russian or English, case, spaces and punctuation ignored), then by type
(a ``bool`` parameter takes "wait for reply", one unmatched ``text`` parameter takes the
message). The user may change any pair in the dialog; the final mapping is remembered per
portal and workflow template in ``workflow_mappings.json`` under the data home.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

from olchat_desktop import paths
from olchat_desktop.core.expressions import substitute
from olchat_desktop.core.i18n import Lang, ptext, text
from olchat_desktop.core.phone import normalize_phone
from olchat_desktop.core.template import Template
from olchat_desktop.storage.atomic import write_json_atomic

NOT_MAPPED: Final = ""
# The template's fields, in the robot form's order (labels: field_label).
TEMPLATE_FIELDS: Final = (
    "line", "recipient", "header", "message", "footer",
    "button1", "button2", "button3", "wait_for_reply",
)  # fmt: skip
_ALIASES: Final[dict[str, frozenset[str]]] = {
    "line": frozenset({"line", "линия", "линияwhatsapp", "whatsappline", "lineid"}),
    "recipient": frozenset(
        {"phone", "телефон", "номертелефона", "phonenumber", "номер", "recipient", "получатель"}
    ),
    "header": frozenset({"header", "заголовок"}),
    "message": frozenset({"message", "сообщение", "body", "text", "текст", "текстсообщения"}),
    "footer": frozenset({"footer", "подпись"}),
    "button1": frozenset({"button1", "кнопка1"}),
    "button2": frozenset({"button2", "кнопка2"}),
    "button3": frozenset({"button3", "кнопка3"}),
    "wait_for_reply": frozenset(
        {"waitforreply", "ожидатьответсообщения", "ожидатьответ", "wait", "waitreply"}
    ),
}
_NON_WORD = re.compile(r"[\W_]+")


def field_label(name: str, lang: Lang) -> str:
    if name == NOT_MAPPED:
        return text(lang, "— leave empty —")
    if name.startswith("button"):
        return text(lang, "Button {number}").format(number=name.removeprefix("button"))
    labels = {
        "line": ptext(lang, "robot field", "WhatsApp line"),
        "recipient": ptext(lang, "robot field", "Recipient's number"),
        "header": ptext(lang, "robot field", "Header"),
        "message": ptext(lang, "robot field", "Message"),
        "footer": ptext(lang, "robot field", "Footer"),
        "wait_for_reply": ptext(lang, "robot field", "Wait for reply"),
    }
    return labels[name]


def _key(text: str) -> str:
    return _NON_WORD.sub("", text).casefold()


def _by_name(code: str, spec: Mapping[str, Any]) -> str | None:
    candidates = {_key(code), _key(str(spec.get("Name", "")))}
    for name, aliases in _ALIASES.items():
        if candidates & aliases:
            return name
    return None


def auto_map(parameters: Mapping[str, Any]) -> dict[str, str]:
    """Parameter code -> template field (or :data:`NOT_MAPPED`), one field per parameter."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for code, spec in parameters.items():
        name = _by_name(code, spec if isinstance(spec, Mapping) else {})
        if name is not None and name not in used:
            mapping[code] = name
            used.add(name)
    for code, spec in parameters.items():
        if code in mapping:
            continue
        kind = str(spec.get("Type", "")).lower() if isinstance(spec, Mapping) else ""
        by_type = {"bool": "wait_for_reply", "text": "message"}.get(kind)
        if by_type is not None and by_type not in used:
            mapping[code] = by_type
            used.add(by_type)
        else:
            mapping[code] = NOT_MAPPED
    return mapping


def _line_value(template: Template, spec: Mapping[str, Any]) -> str:
    """A select parameter wants an option key: match the template's line by key or label."""
    options = spec.get("Options")
    line = template.line.strip()
    if isinstance(options, Mapping) and options:
        for key, label in options.items():
            if line.casefold() in (str(key).casefold(), str(label).casefold()):
                return str(key)
        default = str(spec.get("Default") or "")
        return default if default in {str(k) for k in options} else str(next(iter(options)))
    return line


def field_value(name: str, template: Template, recipient: str, spec: Mapping[str, Any]) -> str:
    """The value a template field gives a parameter; samples are filled in, so the portal
    receives what the preview shows."""
    samples = template.samples
    buttons = [*template.buttons, "", "", ""]
    if name == "line":
        return _line_value(template, spec)
    if name == "recipient":
        return normalize_phone(recipient)
    if name == "wait_for_reply":
        return "Y" if template.wait_for_reply else "N"
    if name.startswith("button"):
        return substitute(buttons[int(name[-1]) - 1], samples).strip()
    if name in ("header", "message", "footer"):
        return substitute(str(getattr(template, name)), samples)
    return ""


def parameter_values(
    template: Template,
    recipient: str,
    parameters: Mapping[str, Any],
    mapping: Mapping[str, str],
) -> dict[str, str]:
    """PARAMETERS for ``bizproc.workflow.start``; unmapped parameters are left out (the
    portal then uses their defaults)."""
    values: dict[str, str] = {}
    for code, spec in parameters.items():
        name = mapping.get(code, NOT_MAPPED)
        if name != NOT_MAPPED:
            values[code] = field_value(
                name, template, recipient, spec if isinstance(spec, Mapping) else {}
            )
    return values


class MappingStore:
    """Remembered mappings, keyed by portal and workflow template id."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path if path is not None else paths.data_home() / "workflow_mappings.json"

    def _read(self) -> dict[str, dict[str, str]]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        mappings = data.get("mappings", {}) if isinstance(data, dict) else {}
        return {
            str(key): {str(k): str(v) for k, v in value.items() if str(v) in (*TEMPLATE_FIELDS, "")}
            for key, value in mappings.items()
            if isinstance(value, dict)
        }

    @staticmethod
    def _key(portal_key: str, workflow_template_id: int) -> str:
        return f"{portal_key}#{workflow_template_id}"

    def load(self, portal_key: str, workflow_template_id: int) -> dict[str, str] | None:
        return self._read().get(self._key(portal_key, workflow_template_id))

    def save(self, portal_key: str, workflow_template_id: int, mapping: Mapping[str, str]) -> None:
        mappings = self._read()
        mappings[self._key(portal_key, workflow_template_id)] = dict(mapping)
        write_json_atomic(self.path, {"version": 1, "mappings": mappings})

    def mapping_for(
        self, portal_key: str, workflow_template_id: int, parameters: Mapping[str, Any]
    ) -> dict[str, str]:
        """The remembered mapping for the parameters that still exist, auto for new ones."""
        mapping = auto_map(parameters)
        remembered = self.load(portal_key, workflow_template_id) or {}
        mapping.update({code: name for code, name in remembered.items() if code in parameters})
        return mapping
