"""Texts that describe a test result: who you are, admin or not, scopes, what is missing."""

from __future__ import annotations

from olchat_desktop.bitrix.check import PortalCheck
from olchat_desktop.core.i18n import Lang, pick
from olchat_desktop.olchat import LineStatus

FEATURE_NAMES: dict[str, tuple[str, str]] = {
    "send_workflow": ("отправка через бизнес-процесс", "sending through a business process"),
    "find_contact": ("поиск контакта по телефону", "finding a contact by phone"),
    "lines": ("открытые линии", "open lines"),
}


def portal_summary(check: PortalCheck, lang: Lang) -> str:
    yes, no = pick(lang, "да", "yes"), pick(lang, "нет", "no")
    lines = [
        pick(lang, "Портал: ", "Portal: ") + check.portal,
        pick(lang, "Пользователь: ", "User: ") + f"{check.user_name or '—'} (ID {check.user_id})",
        pick(lang, "Администратор: ", "Admin: ") + (yes if check.admin else no),
        pick(lang, "Права: ", "Scopes: ") + (", ".join(check.scopes) or "—"),
    ]
    if not check.missing:
        lines.append(pick(lang, "Все функции доступны.", "Every feature is available."))
    for feature, scopes in check.missing.items():
        ru, en = FEATURE_NAMES.get(feature, (feature, feature))
        lines.append(
            pick(lang, f"Не работает {ru}: нет прав ", f"Not available, {en}: missing scope ")
            + ", ".join(scopes)
        )
    return "\n".join(lines)


def line_summary(status: LineStatus, lang: Lang) -> str:
    def flag(value: bool | None, ru_yes: str, en_yes: str, ru_no: str, en_no: str) -> str:
        if value is None:
            return pick(lang, "неизвестно", "unknown")
        return pick(lang, ru_yes, en_yes) if value else pick(lang, ru_no, en_no)

    return "\n".join(
        [
            pick(lang, "Линия: ", "Line: ")
            + flag(status.connected, "подключена", "connected", "не подключена", "not connected"),
            pick(lang, "Оплата: ", "Paid: ")
            + flag(status.paid, "оплачена", "paid", "не оплачена", "not paid"),
            pick(lang, "Номер линии: ", "Line number: ") + (status.phone or "—"),
        ]
    )
