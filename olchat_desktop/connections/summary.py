"""Texts that describe a test result: who you are, admin or not, scopes, what is missing."""

from __future__ import annotations

from olchat_desktop.bitrix.check import PortalCheck
from olchat_desktop.core.i18n import N_, Lang, text
from olchat_desktop.olchat import LineStatus

FEATURE_NAMES: dict[str, str] = {
    "send_workflow": N_("sending through a business process"),
    "find_contact": N_("finding a contact by phone"),
    "lines": N_("open lines"),
}


def portal_summary(check: PortalCheck, lang: Lang) -> str:
    lines = [
        text(lang, "Portal: {portal}").format(portal=check.portal),
        text(lang, "User: {name} (ID {id})").format(name=check.user_name or "—", id=check.user_id),
        text(lang, "Admin: yes") if check.admin else text(lang, "Admin: no"),
        text(lang, "Scopes: {scopes}").format(scopes=", ".join(check.scopes) or "—"),
    ]
    if not check.missing:
        lines.append(text(lang, "Every feature is available."))
    for feature, scopes in check.missing.items():
        name = FEATURE_NAMES.get(feature)
        lines.append(
            text(lang, "Not available, {feature}: missing scope {scopes}").format(
                feature=text(lang, name) if name else feature, scopes=", ".join(scopes)
            )
        )
    return "\n".join(lines)


def line_summary(status: LineStatus, lang: Lang) -> str:
    unknown = text(lang, "unknown")
    if status.connected is None:
        connected = unknown
    else:
        connected = text(lang, "connected") if status.connected else text(lang, "not connected")
    if status.paid is None:
        paid = unknown
    else:
        paid = text(lang, "paid") if status.paid else text(lang, "not paid")
    return "\n".join(
        [
            text(lang, "Line: {state}").format(state=connected),
            text(lang, "Paid: {state}").format(state=paid),
            text(lang, "Line number: {phone}").format(phone=status.phone or "—"),
        ]
    )
