"""The text a robot prints for a CRM field: a raw REST value turned into what the customer sees.

:func:`printable_value` is pure (no I/O): the caller passes the catalogue (enumeration
items, status texts) and the names of the users the item refers to. Rules, by field
type, and where each comes from:

- **enumeration** → the item's ``VALUE`` for the stored ``ID`` (``items`` of
  ``crm.<entity>.fields``, reference ``bitrix24.md`` §7: "for lists, employees and money
  the printable form gives the text the customer sees (enumeration VALUE …)").
- **employee / user** → the person's name ("Имя Фамилия", from ``user.get`` ``NAME`` and
  ``LAST_NAME``; bizproc prints ``CUser::FormatName`` with the site's name format, whose
  Russian default is "#NAME# #LAST_NAME#"). The raw form is the user's ID.
- **crm_status** → the status ``NAME`` from ``crm.status.list`` for the field's
  ``statusType`` (§7: "crm_status fields take their texts from crm.status.list"); a
  deal stage of another pipeline (``C1:NEW``) is listed under ``DEAL_STAGE_1``
  (apidocs ``crm-status-list``: "ENTITY_ID … DEAL_STAGE_{categoryId}").
- **money** ``"1500|RUB"`` → "1 500 ₽": the amount grouped by thousands with a space,
  decimals only when not zero (Bitrix currency format: ``THOUSANDS_VARIANT`` space,
  ``DEC_POINT`` ",", ``HIDE_ZERO`` Y on Russian portals), placed into the currency's
  format string (``# ₽``, ``$#``, ``€#``; ``crm.currency.list`` ``FORMAT_STRING``). The raw
  form is ``"1500|RUB"`` (§7).
- **date / datetime** → the portal's format: Russian sites ``DD.MM.YYYY`` and
  ``DD.MM.YYYY HH:MI:SS`` (``FORMAT_DATE``/``FORMAT_DATETIME`` of the site language;
  English ``MM/DD/YYYY`` and ``MM/DD/YYYY H:MI:SS T``). REST gives ISO 8601 with the
  portal's offset; the wall-clock time in that offset is printed, not converted.
- **boolean** → «Да»/«Нет» ("Yes"/"No" on an English portal), from ``1``/``0``,
  ``Y``/``N``, ``true``/``false`` (bizproc ``Bool::formatValuePrintable``); **char** Y/N
  standard flags (``OPENED``) print the same way.
- **multiple** values → each formatted by its type, empty ones dropped, joined with
  ", " (§7: "Multiple fields print joined with ', '").
- **empty** (None, "", [], an amount-less money) → "".
- **double** → PHP's ``(string)(float)``: "12.5", "1500" (no grouping, point as the
  decimal separator); **integer** → the number.
- **url** / **string** → as stored, emoji kept, control characters other than line
  feed and tab removed (the robot sends the text through JSON to WhatsApp, which shows
  neither), CR LF folded into LF; long values are kept whole so the counters show them.
- **address** (``UF`` address type, stored as ``"text|lat;lng|id"``) → the text part.
- **crm_multifield** (``PHONE``, ``EMAIL``: ``[{VALUE, VALUE_TYPE}]``) → the values.
- **crm_currency** → the currency's name (``crm.currency.list`` ``FULL_NAME``) when
  printable, the code otherwise.
- anything else (``crm_contact``, ``file``, …) → the stored value as text.

An ID whose text is unknown (a deleted list item, a user not in ``users``, statuses not
loaded) prints as the ID itself: the real robot may print nothing there, but a visible
ID tells the manager something is off, where an empty sample would hide it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from olchat_desktop.core.field_catalogue import CatalogueField, FieldCatalogue
from olchat_desktop.core.i18n import N_, Lang, text

CURRENCY_FORMATS: dict[str, str] = {
    "RUB": "# ₽",
    "USD": "$#",
    "EUR": "€#",
    "KZT": "# ₸",
    "UAH": "# ₴",
    "BYN": "# Br",
}
CURRENCY_NAMES: dict[str, str] = {
    "RUB": N_("Russian Ruble"),
    "USD": N_("US Dollar"),
    "EUR": N_("Euro"),
    "KZT": N_("Tenge"),
    "UAH": N_("Hryvnia"),
    "BYN": N_("Belarusian Ruble"),
}
_TRUE = {"1", "y", "yes", "true", "да"}
_PIPELINE_STAGE = re.compile(r"C(\d+):")
_FALSE = {"0", "n", "no", "false", "нет"}


def printable_value(
    field: CatalogueField,
    raw: object,
    *,
    catalogue: FieldCatalogue,
    users: Mapping[str, str],
    printable: bool = True,
    portal_lang: Lang = "ru",
) -> str:
    """The text the robot prints for ``raw``, the REST value of ``field`` (rules above)."""
    values = raw if isinstance(raw, list | tuple) else [raw]
    parts = [
        _one(field, value, catalogue, users, printable, portal_lang)
        for value in values
        if not _is_empty(value)
    ]
    return ", ".join(part for part in parts if part)


def _is_empty(value: object) -> bool:
    return value is None or value == "" or (isinstance(value, list | tuple | dict) and not value)


def _one(
    field: CatalogueField,
    value: object,
    catalogue: FieldCatalogue,
    users: Mapping[str, str],
    printable: bool,
    lang: Lang,
) -> str:
    kind = field.type
    if kind in ("date", "datetime"):
        return format_date(value, with_time=kind == "datetime", lang=lang)
    if kind in ("double", "float"):
        return format_double(value)
    if kind == "address":
        return clean_text(str(value).split("|", 1)[0])
    if kind == "crm_multifield":
        if isinstance(value, Mapping):
            return clean_text(str(value.get("VALUE") or ""))
        return clean_text(str(value))
    if kind == "file" and isinstance(value, Mapping):
        return str(value.get("id") or "")
    scalar = _scalar_text(value)
    if not printable:
        return scalar
    if kind == "enumeration":
        for item in field.items:
            if item.id == scalar:
                return item.value
        return scalar
    if kind in ("employee", "user"):
        user_id = scalar.removeprefix("user_")
        return users.get(user_id) or scalar
    if kind == "crm_status":
        return status_name(catalogue, field.status_type, scalar)
    if kind == "money":
        return format_money(scalar, lang)
    if kind in ("boolean", "char"):
        return format_boolean(value, lang)
    if kind == "crm_currency":
        name = CURRENCY_NAMES.get(scalar.upper())
        return text(lang, name) if name else scalar
    return clean_text(scalar)


def status_name(catalogue: FieldCatalogue, status_type: str, status_id: str) -> str:
    """A status's name; a deal stage of pipeline N ("C1:NEW") lives in DEAL_STAGE_1."""
    name = catalogue.status_text(status_type, status_id)
    if name is None:
        pipeline = _PIPELINE_STAGE.match(status_id)
        if pipeline is not None:
            name = catalogue.status_text(f"{status_type}_{pipeline.group(1)}", status_id)
    return name or status_id


def _scalar_text(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def clean_text(text: str) -> str:
    """Text without control characters other than LF and tab; CR LF folded into LF."""
    text = text.replace("\r\n", "\n")
    if text.isprintable():
        return text
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")


def format_boolean(value: object, lang: Lang = "ru") -> str:
    key = _scalar_text(value).strip().casefold()
    if key in _TRUE:
        return text(lang, "Yes")
    if key in _FALSE:
        return text(lang, "No")
    return clean_text(str(value))


def _decimal(text: str) -> Decimal | None:
    try:
        number = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def format_double(value: object) -> str:
    number = _decimal(_scalar_text(value))
    if number is None:
        return clean_text(str(value))
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def format_amount(amount: Decimal, lang: Lang = "ru") -> str:
    """1500 → "1 500", 1500.5 → "1 500,50" (Russian); "1,500" / "1,500.50" (English)."""
    quantized = amount.quantize(Decimal("0.01"))
    whole = quantized == quantized.to_integral_value()
    text = f"{quantized:,.0f}" if whole else f"{quantized:,.2f}"
    if lang == "ru":
        text = text.replace(",", " ").replace(".", ",")
    return text


def format_money(raw: str, lang: Lang = "ru") -> str:
    """``"1500|RUB"`` → "1 500 ₽"; a value with no amount is empty, a malformed one as stored."""
    amount_text, _, currency = raw.partition("|")
    if not amount_text.strip():
        return ""
    amount = _decimal(amount_text)
    if amount is None:
        return clean_text(raw)
    code = currency.strip().upper()
    pattern = CURRENCY_FORMATS.get(code, f"# {code}" if code else "#")
    return pattern.replace("#", format_amount(amount, lang))


def _parse_date(text: str) -> datetime | date | None:
    text = text.strip()
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        pass
    for pattern in ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y"):
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def format_date(value: object, *, with_time: bool, lang: Lang = "ru") -> str:
    """An ISO 8601 REST date in the portal's format; an unreadable one as stored."""
    parsed = _parse_date(str(value))
    if parsed is None:
        return clean_text(str(value))
    if lang == "ru":
        pattern = "%d.%m.%Y %H:%M:%S" if with_time else "%d.%m.%Y"
    else:
        pattern = "%m/%d/%Y %I:%M:%S %p" if with_time else "%m/%d/%Y"
    return parsed.strftime(pattern)
