"""Deterministic CRM seed for the sandbox portal: users, open lines, contacts, deals, leads.

Everything here is a pure function of the requested sizes, so two sandboxes built with the
same sizes hold the same data and tests can name records by id.

Conventions shared with the OLChat emulator (``olchat_emulator.py``):

* **A phone number whose digits end in ``0000`` has no WhatsApp.** Contact 5 carries such a
  number (``+7 (926) 555-00-00``); every generated number otherwise has WhatsApp.
* Open lines: line ``"1"`` "OLChat WhatsApp: Продажи" is connected (``ACTIVE = "Y"``), line
  ``"2"`` "OLChat WhatsApp: Поддержка" is not (``ACTIVE = "N"``). The sandbox uses the
  open line's ``ACTIVE`` flag to stand for "the WhatsApp connector is connected".

Phones are stored in the mixed formats people type into a CRM (``+7 (916) …``,
``8 916 …``, bare digits) so that lookups must normalise; see :func:`phone_digits`.
Contacts whose id is divisible by 4 have a second (work) number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

SEED_EPOCH = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
MOSCOW = timezone(timedelta(hours=3))
NO_WHATSAPP_SUFFIX = "0000"
NO_WHATSAPP_CONTACT_ID = 5
NO_WHATSAPP_PHONE = "+7 (926) 555-00-00"
DEAL_STAGES = ("NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE", "WON")

_FIRST_NAMES = (
    "Алексей", "Мария", "Дмитрий", "Ольга", "Сергей", "Елена", "Андрей", "Наталья",
    "Павел", "Татьяна", "Михаил", "Светлана", "Николай", "Ирина", "Владимир", "Анна",
)  # fmt: skip
_LAST_NAMES = (
    "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
    "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов",
)  # fmt: skip
_DEAL_SUBJECTS = (
    "Поставка оборудования", "Годовое обслуживание", "Внедрение CRM", "Обучение персонала",
    "Аренда склада", "Консультация", "Разработка сайта", "Доставка мебели",
)  # fmt: skip
_EXTENSION = re.compile(r"(доб|ext|#|,|;).*$", re.IGNORECASE)


def phone_digits(raw: str) -> str:
    """Digits of a phone number as OLChat wants them: Russian numbers start with 7.

    The extension (``доб. 12``, ``ext 5``) is ignored, as ``crm.duplicate.findbycomm`` does.
    An 11-digit number starting with 8 and a bare 10-digit number become ``7…``.
    """
    digits = re.sub(r"\D", "", _EXTENSION.sub("", raw))
    if len(digits) == 11 and digits.startswith("8"):
        return "7" + digits[1:]
    if len(digits) == 10 and digits.startswith("9"):
        return "7" + digits
    return digits


def has_whatsapp(raw_phone: str) -> bool:
    """The sandbox-wide convention: numbers ending in 0000 have no WhatsApp account."""
    digits = phone_digits(raw_phone)
    return bool(digits) and not digits.endswith(NO_WHATSAPP_SUFFIX)


def _formatted(digits: str, style: int) -> str:
    """``79161000001`` in one of three styles people type."""
    code, a, b, c = digits[1:4], digits[4:7], digits[7:9], digits[9:11]
    if style == 0:
        return f"+7 ({code}) {a}-{b}-{c}"
    if style == 1:
        return f"8 {code} {a}{b}{c}"
    return digits


def iso_moscow(moment: datetime) -> str:
    """Bitrix24 returns dates as ISO 8601 in the portal's time zone (Moscow here)."""
    return moment.astimezone(MOSCOW).isoformat(timespec="seconds")


@dataclass
class CrmSeed:
    users: dict[int, dict[str, Any]] = field(default_factory=dict)
    open_lines: list[dict[str, Any]] = field(default_factory=list)
    contacts: dict[int, dict[str, Any]] = field(default_factory=dict)
    deals: dict[int, dict[str, Any]] = field(default_factory=dict)
    leads: dict[int, dict[str, Any]] = field(default_factory=dict)
    companies: dict[int, dict[str, Any]] = field(default_factory=dict)


def _users() -> dict[int, dict[str, Any]]:
    common = {"ACTIVE": True, "PERSONAL_GENDER": "", "TIME_ZONE": "Europe/Moscow"}
    return {
        1: {
            **common,
            "ID": "1",
            "NAME": "Анна",
            "LAST_NAME": "Админова",
            "PERSONAL_GENDER": "F",
            "EMAIL": "anna.admin@example.ru",
            "ADMIN": True,
            "UF_DEPARTMENT": [1],
            "WORK_POSITION": "Администратор портала",
        },
        2: {
            **common,
            "ID": "2",
            "NAME": "Иван",
            "LAST_NAME": "Менеджеров",
            "PERSONAL_GENDER": "M",
            "EMAIL": "ivan.manager@example.ru",
            "ADMIN": False,
            "UF_DEPARTMENT": [2],
            "WORK_POSITION": "Менеджер по продажам",
        },
    }


def _open_lines() -> list[dict[str, Any]]:
    return [
        {"ID": "1", "LINE_NAME": "OLChat WhatsApp: Продажи", "ACTIVE": "Y", "QUEUE": ["1", "2"]},
        {"ID": "2", "LINE_NAME": "OLChat WhatsApp: Поддержка", "ACTIVE": "N", "QUEUE": ["2"]},
    ]


def _phone(entry_id: int, value: str, value_type: str) -> dict[str, Any]:
    return {"ID": str(entry_id), "VALUE_TYPE": value_type, "VALUE": value, "TYPE_ID": "PHONE"}


def _contact(contact_id: int) -> dict[str, Any]:
    first = _FIRST_NAMES[(contact_id - 1) % len(_FIRST_NAMES)]
    last = _LAST_NAMES[(contact_id * 7) % len(_LAST_NAMES)]
    if first.endswith("а") or first.endswith("я"):
        last += "а"  # feminine surname for feminine first names
    mobile = f"7916{1_000_000 + contact_id:07d}"
    if contact_id == NO_WHATSAPP_CONTACT_ID:
        phones = [_phone(contact_id * 10, NO_WHATSAPP_PHONE, "MOBILE")]
    else:
        phones = [_phone(contact_id * 10, _formatted(mobile, contact_id % 3), "MOBILE")]
    if contact_id % 4 == 0:
        work = f"7495{2_000_000 + contact_id:07d}"
        phones.append(_phone(contact_id * 10 + 1, _formatted(work, 0), "WORK"))
    created = SEED_EPOCH + timedelta(hours=contact_id)
    return {
        "ID": str(contact_id),
        "NAME": first,
        "LAST_NAME": last,
        "SECOND_NAME": "",
        "TYPE_ID": "CLIENT",
        "SOURCE_ID": "CALL" if contact_id % 2 else "WEB",
        "ASSIGNED_BY_ID": "2" if contact_id % 3 else "1",
        "COMPANY_ID": "1" if contact_id % 5 == 0 else None,
        "OPENED": "Y",
        "HAS_PHONE": "Y",
        "HAS_EMAIL": "Y",
        "DATE_CREATE": iso_moscow(created),
        "DATE_MODIFY": iso_moscow(created),
        "PHONE": phones,
        "EMAIL": [
            {
                "ID": str(contact_id * 10 + 5),
                "VALUE_TYPE": "WORK",
                "VALUE": f"client{contact_id}@example.ru",
                "TYPE_ID": "EMAIL",
            }
        ],
    }


def _deal(deal_id: int, contact_count: int) -> dict[str, Any]:
    created = SEED_EPOCH + timedelta(hours=deal_id, minutes=30)
    subject = _DEAL_SUBJECTS[(deal_id - 1) % len(_DEAL_SUBJECTS)]
    return {
        "ID": str(deal_id),
        "TITLE": f"{subject} №{deal_id}",
        "STAGE_ID": DEAL_STAGES[(deal_id - 1) % 5],  # none start WON
        "CATEGORY_ID": "0",
        "CONTACT_ID": str((deal_id - 1) % max(contact_count, 1) + 1) if contact_count else None,
        "COMPANY_ID": None,
        "ASSIGNED_BY_ID": "2",
        "OPPORTUNITY": f"{deal_id * 15000}.00",
        "CURRENCY_ID": "RUB",
        "DATE_CREATE": iso_moscow(created),
        "DATE_MODIFY": iso_moscow(created),
        "UF_CRM_OLCHAT_REPLY": "",
    }


def build_crm_seed(contacts: int = 30, deals: int = 15) -> CrmSeed:
    """The seeded CRM: ``contacts`` contacts, ``deals`` deals (deal i belongs to contact i)."""
    seed = CrmSeed(users=_users(), open_lines=_open_lines())
    seed.contacts = {i: _contact(i) for i in range(1, contacts + 1)}
    seed.deals = {i: _deal(i, contacts) for i in range(1, deals + 1)}
    # Leads and companies exist so findbycomm's entity_type filter has something to tell
    # apart: lead 1 shares contact 1's mobile number.
    seed.leads = {
        1: {"ID": "1", "TITLE": "Заявка с сайта", "PHONE": [_phone(9001, "79161000001", "WORK")]},
        2: {"ID": "2", "TITLE": "Звонок", "PHONE": [_phone(9002, "+7 903 777-12-34", "MOBILE")]},
    }
    seed.companies = {
        1: {
            "ID": "1",
            "TITLE": "ООО «Ромашка»",
            "PHONE": [_phone(9101, "+7 (495) 100-20-30", "WORK")],
        }
    }
    from olchat_desktop.sandbox.seed_user_values import apply_user_values

    apply_user_values(seed)  # user fields (UF_CRM_…) on every item; see that module
    return seed
