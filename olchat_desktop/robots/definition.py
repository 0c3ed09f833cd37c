"""Build a ``bizproc.robot.add`` definition from a template, and check the handler URL.

Facts: reference ``bitrix24.md`` §4.1 (parameters, PROPERTY object, USE_SUBSCRIPTION,
FILTER, the HANDLER same-domain rule). Choices:

* Property keys are the robot's fields as the OLChat activity names them in templates
  (``Line``, ``Phone``, ``Header``, ``Message``, ``Footer``, ``Button1``..``Button3``,
  ``WaitForReply``), so a published robot is found again by the audit's property matcher.
* ``USE_SUBSCRIPTION`` is sent as an explicit ``N`` when the template does not wait:
  an empty value means "wait" on current portals.
* ``RETURN_PROPERTIES`` always carries ``PressedButton`` (the tapped button's text);
  Bitrix24 fills it only when the robot waits, which is exactly when it is useful.
* ``FILTER`` includes the CRM document types that have automation rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from olchat_desktop.core import limits
from olchat_desktop.core.i18n import LANGS, N_, Lang, LazyText, text
from olchat_desktop.core.template import Template
from olchat_desktop.robots.codes import robot_code

PRESSED_BUTTON_KEY: Final = "PressedButton"
CRM_DOCUMENT_FILTER: Final[dict[str, list[list[str]]]] = {
    "INCLUDE": [
        ["crm", "CCrmDocumentDeal"],
        ["crm", "CCrmDocumentLead"],
        ["crm", "CCrmDocumentContact"],
        ["crm", "CCrmDocumentCompany"],
        ["crm", "Bitrix\\Crm\\Integration\\BizProc\\Document\\Dynamic"],
        ["crm", "Bitrix\\Crm\\Integration\\BizProc\\Document\\SmartInvoice"],
        ["crm", "Bitrix\\Crm\\Integration\\BizProc\\Document\\Quote"],
    ]
}


def _names(msgid: str, **fields: object) -> dict[str, str]:
    """The text in every language at once: the portal shows each user their own."""
    return {lang: LazyText(msgid, **fields)(lang) for lang in LANGS}


def _prop(
    name: str, kind: str, required: bool, default: str, hint: str = "", **fields: object
) -> dict[str, Any]:
    """A robot property; ``name`` and ``hint`` are msgids (``fields`` fill them)."""
    prop: dict[str, Any] = {
        "Name": _names(name, **fields),
        "Type": kind,
        "Required": "Y" if required else "N",
        "Multiple": "N",
        "Default": default,
    }
    if hint:
        prop["Description"] = _names(hint, **fields)
    return prop


def robot_properties(
    template: Template, line_options: Mapping[str, str] | None = None
) -> dict[str, dict[str, Any]]:
    """PROPERTIES mirroring the robot's fields, in its order, with the template's values."""
    line = _prop(N_("WhatsApp line"), "string", True, template.line)
    if line_options:
        line["Type"] = "select"
        line["Options"] = dict(line_options)
    buttons = [*template.buttons, "", "", ""][: limits.MAX_BUTTONS]
    props: dict[str, dict[str, Any]] = {
        "Line": line,
        "Phone": _prop(
            N_("Phone number"), "string", True, template.phone,
            N_("Digits starting with 7, or a CRM field"),
        ),
        "Header": _prop(
            N_("Header"), "string", False, template.header,
            N_("Up to {limit} characters"), limit=limits.HEADER,
        ),
        "Message": _prop(
            N_("Message"), "text", True, template.message,
            N_("Up to {limit} characters"), limit=limits.MESSAGE,
        ),
        "Footer": _prop(
            N_("Footer"), "string", False, template.footer,
            N_("Up to {limit} characters"), limit=limits.FOOTER,
        ),
    }  # fmt: skip
    for number, title in enumerate(buttons, start=1):
        props[f"Button{number}"] = _prop(
            N_("Button {number}"), "string", number == 1, title,
            N_("Up to {limit} characters"), number=number, limit=limits.BUTTON,
        )  # fmt: skip
    props["WaitForReply"] = _prop(
        N_("Wait for reply"), "bool", False, "Y" if template.wait_for_reply else "N"
    )
    return props


def return_properties() -> dict[str, dict[str, Any]]:
    return {
        PRESSED_BUTTON_KEY: {
            "Name": _names(N_("Pressed button")),
            "Type": "string",
        }
    }


def robot_definition(
    template: Template,
    handler_url: str,
    *,
    code: str | None = None,
    line_options: Mapping[str, str] | None = None,
    auth_user_id: int | None = None,
) -> dict[str, Any]:
    """The full ``bizproc.robot.add`` body (without ``auth``) for ``template``."""
    title = template.name.strip() or "OLChat"
    definition: dict[str, Any] = {
        "CODE": code or robot_code(template.name),
        "HANDLER": handler_url.strip(),
        "USE_SUBSCRIPTION": "Y" if template.wait_for_reply else "N",
        "NAME": _names(N_("WhatsApp buttons: {title}"), title=title),
        "DESCRIPTION": _names(
            N_("WhatsApp button message through OLChat (published by OLChat Desktop).")
        ),
        "PROPERTIES": robot_properties(template, line_options),
        "RETURN_PROPERTIES": return_properties(),
        "FILTER": CRM_DOCUMENT_FILTER,
    }
    if auth_user_id is not None:
        definition["AUTH_USER_ID"] = auth_user_id
    return definition


def update_fields(definition: Mapping[str, Any]) -> dict[str, Any]:
    """``FIELDS`` for ``bizproc.robot.update``: everything but ``CODE``."""
    return {key: value for key, value in definition.items() if key != "CODE"}


# --- the handler URL ----------------------------------------------------------------------


@dataclass(frozen=True)
class HandlerProblem:
    """Why a handler URL cannot be used. ``code``: empty | malformed | not_https | other_domain."""

    code: str
    problem: LazyText

    def message(self, lang: Lang) -> str:
        return self.problem(lang)


def same_domain_rule(lang: Lang) -> str:
    """The rule, explained for the admin before they type anything."""
    return text(
        lang,
        "Bitrix24 calls the robot's handler from its own servers. The address "
        "must be HTTPS and on the same domain as your local application's "
        'handler (the "Your handler path" setting): an app at '
        "https://robots.example.com/app can register only "
        "https://robots.example.com/…. The desktop app cannot be that server.",
    )


def check_handler_url(url: str, app_domain: str | None = None) -> HandlerProblem | None:
    """None when ``url`` can be registered; ``app_domain`` enables the same-domain check."""
    address = url.strip()
    if not address:
        return HandlerProblem("empty", LazyText("Enter the handler address."))
    parts = urlsplit(address)
    try:
        host = (parts.hostname or "").lower()
    except ValueError:
        host = ""
    if not parts.scheme or not host:
        return HandlerProblem(
            "malformed",
            LazyText("The handler must be a full address, e.g. https://robots.example.com/wa."),
        )
    if parts.scheme.lower() != "https":
        return HandlerProblem(
            "not_https",
            LazyText(
                "Bitrix24 accepts HTTPS handlers only (otherwise ERROR_UNSUPPORTED_PROTOCOL)."
            ),
        )
    wanted = (app_domain or "").strip().lower().rstrip(".")
    if wanted and host != wanted:
        return HandlerProblem(
            "other_domain",
            LazyText(
                "The handler is on {host} but the application's domain is {wanted}. "
                "Bitrix24 rejects it (ERROR_WRONG_HANDLER_URL): use the same domain.",
                host=host,
                wanted=wanted,
            ),
        )
    return None
