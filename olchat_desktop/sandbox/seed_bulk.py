"""Bulk CRM data for the dry run: ``olchat-desktop sandbox --crm-items N [--seed S]``.

:func:`add_bulk_crm` appends N deals to a sandbox portal, with the contacts and companies
they belong to, after the hand-made seed of ``seed_crm`` (whose ids other tests name).
Values are what real CRMs hold, drawn from one ``random.Random(seed)`` so the same
``(N, seed)`` always gives the same portal:

* contacts: Cyrillic and Latin names, now and then an emoji in the name; no phone (about
  8 %), one phone (about 70 %) or two to three phones in the mixed formats people type
  (``+7 (916) …``, ``8 916 …``, bare digits); a few numbers end in ``0000`` (no WhatsApp,
  the convention of ``seed_crm``);
* companies: long legal names («Общество с ограниченной ответственностью …»), Latin
  names, emoji; about a third of the deals have one, and a few deals have a company but
  no contact;
* deals: every user field of ``user_fields.DEAL_USER_FIELDS`` with a value of its type in
  the raw REST form (enumeration item IDs, user IDs, ``"1500|RUB"``, ISO dates with the
  portal's offset, ``"1"``/``"0"``, ``"text|lat;lng|id"``), multiple fields with one to
  five values, and about 15 % of the values empty (``None``, ``""`` or ``[]`` as portals
  return them); long courier comments (up to 1,500 characters) and emoji in promo codes.

Generating 20,000 deals takes a few seconds; demo mode seeds :data:`DEMO_ITEMS` on the
dry run's first check, in its worker thread (:func:`ensure_demo_items`), never at start-up
and never on the GUI thread.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from olchat_desktop.sandbox.seed_crm import DEAL_STAGES, SEED_EPOCH, iso_moscow
from olchat_desktop.sandbox.user_fields import (
    COMPANY_USER_FIELDS,
    CONTACT_USER_FIELDS,
    DEAL_USER_FIELDS,
    UserField,
)

T = TypeVar("T")
DEMO_ITEMS = 3000
DEFAULT_SEED = 1
USER_IDS = ("1", "2")
SOURCES = ("CALL", "WEB", "EMAIL", "ADVERTISING", "RECOMMENDATION")
EMPTY_SHARE = 0.15

_FIRST_RU = ("Алексей", "Мария", "Дмитрий", "Ольга", "Сергей", "Елена", "Андрей", "Наталья",
             "Константин", "Екатерина", "Ярослав", "Ёлка", "Анна-Мария", "Владислав")  # fmt: skip
_LAST_RU = ("Иванов", "Смирнов", "Кузнецов", "Попов", "Соколов", "Лебедев", "Фёдоров",
            "Мамин-Сибиряк", "Константинопольский", "Ли")  # fmt: skip
_FIRST_EN = ("John", "Emma", "Oliver", "Sophia", "Liam", "Ava", "Noah", "Mia")
_LAST_EN = ("Smith", "Johnson", "Williams", "Brown", "O'Connor", "Van der Berg")
_EMOJI = ("🌸", "🚚", "🎁", "🔥", "👍🏽", "👨‍👩‍👧", "🇷🇺", "☕")
_COMPANY_FORMS = ("ООО", "АО", "ИП", "ПАО", "Общество с ограниченной ответственностью")
_COMPANY_CORES = (
    "«Ромашка»", "«Научно-производственное объединение „Сибирские инновационные технологии“»",
    "«Торговый дом Северо-Западного федерального округа»", "«Вектор»", "«Альфа-Строй»",
    "«Кафе „Уют“ ☕»", "«Региональный центр сертификации и стандартизации продукции»",
)  # fmt: skip
_COMPANY_LATIN = ("Northwind Traders LLC", "Contoso Ltd.", "Global Logistics Solutions GmbH",
                  "Fabrikam 🚀 Inc.")  # fmt: skip
_SUBJECTS = ("Поставка оборудования", "Годовое обслуживание", "Внедрение CRM", "Консультация",
             "Доставка мебели", "Аренда склада", "Website redesign", "Обучение 🎓")  # fmt: skip
_COMMENT = (
    "Подъезд со двора, код домофона 45К1234, третий этаж без лифта. "
    "Позвонить за час до приезда 🚚. "
)
_PROMO = ("SALE10", "VIP", "🎁 ПОДАРОК", "НОВЫЙ-ГОД-2027", "WELCOME", "ЧЁРНАЯ-ПЯТНИЦА")
_CITIES = (
    "Москва, ул. Тверская, 1",
    "Санкт-Петербург, Невский пр., 28, офис 🏢 5",
    "Казань, ул. Баумана, 7",
    "Новосибирск, Красный проспект, 100, корпус 2, кв. 15",
)


def _pick(rng: random.Random, options: Sequence[T]) -> T:
    """``rng.choice`` at a third of its cost (``random()`` scaled; still deterministic)."""
    return options[int(rng.random() * len(options))]


def _int(rng: random.Random, low: int, high: int) -> int:
    """``rng.randint(low, high)``, the cheaper way."""
    return low + int(rng.random() * (high - low + 1))


@dataclass(frozen=True)
class BulkSeed:
    """What :func:`add_bulk_crm` added: the id ranges (inclusive) of each table."""

    deal_ids: range
    contact_ids: range
    company_ids: range


def _empty(spec: UserField) -> Any:
    if spec.multiple:
        return []
    return "" if spec.type in ("string", "url", "address") else None


def _one_value(spec: UserField, rng: random.Random, moment: Any) -> Any:
    kind = spec.type
    if kind == "date":
        return iso_moscow(moment + timedelta(days=_int(rng, 0, 60))).split("T")[0] + (
            "T00:00:00+03:00"
        )
    if kind == "datetime":
        return iso_moscow(moment + timedelta(minutes=30 * _int(rng, 0, 2000)))
    if kind == "enumeration":
        return _pick(rng, spec.items)[0]
    if kind == "employee":
        return _pick(rng, USER_IDS)
    if kind == "money":
        currency = "USD" if rng.random() < 0.05 else "RUB"
        return f"{_pick(rng, (990, 1500, 25000, 149900, 1234567.89))}|{currency}"
    if kind == "boolean":
        return _pick(rng, ("1", "0"))
    if kind == "double":
        return _pick(rng, ("7.5", "10", "0.5", "120.25", "15"))
    if kind == "integer":
        return str(_int(rng, 1, 40))
    if kind == "url":
        return f"https://pay.example.ru/invoice/{_int(rng, 1, 99999)}"
    if kind == "address":
        return f"{_pick(rng, _CITIES)}|55.75;37.61|{_int(rng, 100, 999)}"
    if kind == "crm_status":
        return _pick(rng, SOURCES)
    return _string_value(spec, rng)


def _string_value(spec: UserField, rng: random.Random) -> str:
    if "Промокод" in spec.label:
        return _pick(rng, _PROMO)
    if "Комментарий" in spec.label:
        return (_COMMENT * _pick(rng, (1, 1, 2, 5, 12)))[: _pick(rng, (40, 120, 400, 1500))]
    if "договор" in spec.label:
        return f"Д-2026/{_int(rng, 1, 99999):05d}" + ("-ФИН" * _int(rng, 0, 2))
    if spec.label == "ИНН":
        return f"{_int(rng, 10**9, 10**10 - 1)}"
    if spec.label == "Telegram":
        return f"@{_pick(rng, _FIRST_EN).lower()}_{_int(rng, 1, 999)}"
    return _pick(rng, _SUBJECTS)


def user_values(fields: tuple[UserField, ...], rng: random.Random, moment: Any) -> dict[str, Any]:
    """One item's user-field values: every field, some empty, multiple ones as lists."""
    values: dict[str, Any] = {}
    for spec in fields:
        if rng.random() < EMPTY_SHARE:
            values[spec.code] = _empty(spec)
        elif spec.multiple:
            values[spec.code] = [_one_value(spec, rng, moment) for _ in range(_int(rng, 1, 5))]
        else:
            values[spec.code] = _one_value(spec, rng, moment)
    return values


def _phone_text(rng: random.Random, serial: int) -> str:
    digits = f"79{_int(rng, 10, 99)}{serial % 10_000_000:07d}"
    if rng.random() < 0.02:
        digits = digits[:-4] + "0000"  # no WhatsApp (seed_crm's convention)
    style = _int(rng, 0, 2)
    if style == 0:
        return f"+7 ({digits[1:4]}) {digits[4:7]}-{digits[7:9]}-{digits[9:]}"
    if style == 1:
        return f"8 {digits[1:4]} {digits[4:]}"
    return digits


def _phones(rng: random.Random, owner_id: int, entry_base: int) -> list[dict[str, Any]]:
    roll = rng.random()
    count = 0 if roll < 0.08 else 1 if roll < 0.78 else _int(rng, 2, 3)
    return [
        {
            "ID": str(entry_base + n),
            "VALUE_TYPE": "MOBILE" if n == 0 else _pick(rng, ("WORK", "HOME", "OTHER")),
            "VALUE": _phone_text(rng, owner_id * 3 + n),
            "TYPE_ID": "PHONE",
        }
        for n in range(count)
    ]


def _name(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.15:
        first, last = _pick(rng, _FIRST_EN), _pick(rng, _LAST_EN)
    else:
        first, last = _pick(rng, _FIRST_RU), _pick(rng, _LAST_RU)
    if rng.random() < 0.03:
        first = f"{first} {_pick(rng, _EMOJI)}"
    if rng.random() < 0.04:
        first = ""  # a contact known only by surname
    return first, last


def _contact(contact_id: int, rng: random.Random, company_id: int | None) -> dict[str, Any]:
    first, last = _name(rng)
    created = SEED_EPOCH - timedelta(hours=contact_id % 5000)
    phones = _phones(rng, contact_id, contact_id * 10)
    return {
        "ID": str(contact_id),
        "NAME": first,
        "LAST_NAME": last,
        "SECOND_NAME": "",
        "TYPE_ID": "CLIENT",
        "SOURCE_ID": _pick(rng, SOURCES),
        "ASSIGNED_BY_ID": _pick(rng, USER_IDS),
        "COMPANY_ID": str(company_id) if company_id else None,
        "OPENED": "Y",
        "HAS_PHONE": "Y" if phones else "N",
        "HAS_EMAIL": "N",
        "DATE_CREATE": iso_moscow(created),
        "DATE_MODIFY": iso_moscow(created),
        "PHONE": phones,
        **user_values(CONTACT_USER_FIELDS, rng, created),
    }


def _company(company_id: int, rng: random.Random) -> dict[str, Any]:
    if rng.random() < 0.2:
        title = _pick(rng, _COMPANY_LATIN)
    else:
        title = f"{_pick(rng, _COMPANY_FORMS)} {_pick(rng, _COMPANY_CORES)}"
    created = SEED_EPOCH - timedelta(days=company_id % 700)
    return {
        "ID": str(company_id),
        "TITLE": title,
        "COMPANY_TYPE": "CUSTOMER",
        "DATE_CREATE": iso_moscow(created),
        "PHONE": _phones(rng, company_id + 500_000, company_id * 10 + 5_000_000),
        **user_values(COMPANY_USER_FIELDS, rng, created),
    }


def _deal(
    deal_id: int, rng: random.Random, contact_id: int | None, company: dict[str, Any] | None
) -> dict[str, Any]:
    created = SEED_EPOCH - timedelta(minutes=37 * (deal_id % 40_000))
    title = _pick(rng, _SUBJECTS)
    if company is not None and rng.random() < 0.6:
        title = f"{title} — {company['TITLE']}"
    return {
        "ID": str(deal_id),
        "TITLE": f"{title} №{deal_id}",
        "STAGE_ID": _pick(rng, DEAL_STAGES),
        "CATEGORY_ID": _pick(rng, ("0", "0", "0", "1", "2")),
        "CONTACT_ID": str(contact_id) if contact_id else None,
        "COMPANY_ID": company["ID"] if company else None,
        "ASSIGNED_BY_ID": _pick(rng, USER_IDS),
        "SOURCE_ID": _pick(rng, SOURCES),
        "OPPORTUNITY": f"{_pick(rng, (990, 3490, 15000, 250000, 1200000))}.00",
        "CURRENCY_ID": "RUB",
        "BEGINDATE": iso_moscow(created),
        "DATE_CREATE": iso_moscow(created),
        "DATE_MODIFY": iso_moscow(created),
        "UF_CRM_OLCHAT_REPLY": "",
        **user_values(DEAL_USER_FIELDS, rng, created),
    }


def add_bulk_crm(portal: Any, count: int, seed: int = DEFAULT_SEED) -> BulkSeed:
    """Append ``count`` deals with their contacts and companies; deterministic per seed."""
    rng = random.Random(seed)
    with portal.lock:
        deal_start = max(portal.deals, default=0) + 1
        contact_start = max(portal.contacts, default=0) + 1
        company_start = max(portal.companies, default=0) + 1
        contact_next, company_next = contact_start, company_start
        for deal_id in range(deal_start, deal_start + count):
            company: dict[str, Any] | None = None
            if rng.random() < 0.35:
                if company_next == company_start or rng.random() < 0.3:
                    company = _company(company_next, rng)
                    portal.companies[company_next] = company
                    company_next += 1
                else:
                    company = portal.companies[_int(rng, company_start, company_next - 1)]
            contact_id: int | None = None
            if company is None or rng.random() < 0.85:
                if contact_next == contact_start or rng.random() < 0.7:
                    company_id = int(company["ID"]) if company else None
                    portal.contacts[contact_next] = _contact(contact_next, rng, company_id)
                    contact_id = contact_next
                    contact_next += 1
                else:
                    contact_id = _int(rng, contact_start, contact_next - 1)
            portal.deals[deal_id] = _deal(deal_id, rng, contact_id, company)
    return BulkSeed(
        deal_ids=range(deal_start, deal_start + count),
        contact_ids=range(contact_start, contact_next),
        company_ids=range(company_start, company_next),
    )


def ensure_demo_items(portal: Any, count: int = DEMO_ITEMS) -> bool:
    """Seed demo mode's bulk deals once per portal (True when this call seeded them).

    Demo mode calls it from the dry run's worker thread on the first check: seeding takes
    one to two seconds of pure Python, which would make typing stutter if it ran while
    the window starts.
    """
    with portal.lock:
        if getattr(portal, "demo_items_seeded", False):
            return False
        add_bulk_crm(portal, count)
        portal.demo_items_seeded = True
        return True
