"""Demo mode: ready sample templates, and the decision whether the app starts in demo mode.

The demo templates are the three situations managers meet first: asking for feedback,
confirming an appointment and letting the customer choose a delivery option. They use
Bitrix24 expressions with sample values, so counters and preview show substituted text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from olchat_desktop.core.template_draft import TemplateDraft

DEMO_LINE = "Демо-линия (песочница)"
DEMO_TAG = "демо"


class _Library(Protocol):
    def is_empty(self) -> bool: ...

    def add_many_drafts(
        self, drafts: Sequence[TemplateDraft], summary: str = ...
    ) -> list[TemplateDraft]: ...


def demo_templates() -> list[TemplateDraft]:
    """Fresh copies (new ids) of the demo templates. Drafts, not pydantic Templates: the
    first start seeds them, and importing pydantic would add 0.1 s to it (issue 5)."""
    from olchat_desktop.core.template_draft import TemplateDraft

    return [
        TemplateDraft(
            name="Отзыв после визита",
            line=DEMO_LINE,
            phone="{{=firstvalue({{Контакт: Телефон}})}}",
            header="Как всё прошло?",
            message=(
                "Здравствуйте, {{Имя}}!\n"
                "Спасибо, что были у нас *{=Document:BEGINDATE}*.\n"
                "Пожалуйста, оцените визит одной кнопкой — это займёт секунду."
            ),
            footer="Клиника «Здоровье»",
            buttons=["Понравилось", "Не понравилось"],
            wait_for_reply=True,
            tags=[DEMO_TAG, "отзывы"],
            samples={
                "{{=firstvalue({{Контакт: Телефон}})}}": "79991234567",
                "{{Имя}}": "Анна",
                "{=Document:BEGINDATE}": "12.03.2025",
            },
        ),
        TemplateDraft(
            name="Подтверждение записи",
            line=DEMO_LINE,
            phone="79991234567",
            header="Запись на {=Document:UF_CRM_1700000002}",
            message=(
                "{{Имя}}, напоминаем о записи:\n"
                "- услуга: _{=Document:TITLE}_\n"
                "- адрес: ул. Ленина, 1\n\n"
                "Подтвердите, пожалуйста, что придёте."
            ),
            footer="Ответ придёт администратору",
            buttons=["Приду", "Перенести", "Отменить"],
            wait_for_reply=True,
            tags=[DEMO_TAG, "записи"],
            samples={
                "{=Document:UF_CRM_1700000002}": "14 марта, 10:30",
                "{{Имя}}": "Анна",
                "{=Document:TITLE}": "Консультация терапевта",
            },
        ),
        TemplateDraft(
            name="Выбор доставки",
            line=DEMO_LINE,
            phone="{=Document:PHONE_PRINTABLE}",
            header="Заказ №{=Document:ID} собран",
            message=(
                "Ваш заказ на сумму *{=Document:OPPORTUNITY} ₽* готов.\n"
                "Как его доставить?\n"
                "> Курьер работает с 9:00 до 21:00"
            ),
            footer="Магазин «Ромашка»",
            buttons=["Курьером", "Самовывоз", "Пункт выдачи"],
            wait_for_reply=False,
            tags=[DEMO_TAG, "доставка"],
            samples={
                "{=Document:PHONE_PRINTABLE}": "+7 999 123-45-67",
                "{=Document:ID}": "1042",
                "{=Document:OPPORTUNITY}": "3 490",
            },
        ),
    ]


def seed_demo_library(library: _Library) -> int:
    """Add the demo templates when the library is empty; returns how many were added."""
    if not library.is_empty():
        return 0
    return len(library.add_many_drafts(demo_templates(), summary="created"))


def configured_profiles() -> dict[str, list[str]]:
    """Names of the configured portals and OLChat lines, read from ``profiles.json``
    without touching the keyring (start-up must stay fast and never prompt)."""
    import json

    from olchat_desktop.paths import profiles_path

    try:
        data = json.loads(profiles_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"portals": [], "lines": []}
    found: dict[str, list[str]] = {"portals": [], "lines": []}
    if isinstance(data, dict):
        for key in found:
            for entry in data.get(key) or []:
                if isinstance(entry, dict):
                    found[key].append(str(entry.get("name") or entry.get("id") or ""))
    return found


def nothing_configured() -> bool:
    """True when no portal or line profile exists yet: the app then starts in demo mode."""
    profiles = configured_profiles()
    return not profiles["portals"] and not profiles["lines"]
