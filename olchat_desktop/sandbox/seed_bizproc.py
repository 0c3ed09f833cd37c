"""Deterministic workflow and automation templates for the sandbox portal.

Choices (the reference does not say how a Market app's activity looks inside a template):

* The OLChat button robot appears in template trees as an activity of type
  :data:`OLCHAT_BUTTONS_ACTIVITY_TYPE` (``rest_olchat_wa_buttons``). Its ``Properties`` use
  the keys of :data:`ROBOT_PROPERTY_KEYS` (``Line``, ``Phone``, ``Header``, ``Message``,
  ``Footer``, ``Button1``..``Button3``, ``WaitForReply`` as ``Y``/``N``) plus ``Title``.
  One automation template holds a copy under a hashed type
  (:data:`OLCHAT_BUTTONS_HASHED_TYPE`), so an auditor must also match by property set.
* Workflow templates (``AUTO_EXECUTE = "0"``, startable by ``bizproc.workflow.start``):
  ``7`` "OLChat: test button message" (deals), ``8`` "OLChat: button message, business
  process" (deals) and ``9`` "OLChat: test button message (contact)" (contacts). Their
  ``PARAMETERS`` carry every robot field under the keys above; the activity returns
  ``PressedButton`` (the tapped button's text), ``Sent`` (Y/N/E/NW) and ``ErrorText``, and
  a ``SetFieldActivity`` copies ``PressedButton`` into the deal's ``UF_CRM_OLCHAT_REPLY``.
* Template 7 is **stage-bound**: it models the button robot as it runs on a deal stage, so a
  stage change ends its wait ("stage changed"). Template 8 models the documented workaround,
  a business process that survives stage changes. Template 9 runs on contacts (no stages).
* Automation templates (``SYSTEM_CODE = "bitrix_bizproc_automation"``, one per deal stage,
  ids from 20) are not startable. Stage NEW holds a good robot; the others hold faulty ones:
  header over 60 characters and markdown in a button, duplicate buttons, ``{{Телефон}}`` as
  the phone of a waiting robot, four buttons. ``PortalState(workflow_templates=N)`` pads the
  list with copies up to N templates so a benchmark can audit a big portal.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

OLCHAT_BUTTONS_ACTIVITY_TYPE = "rest_olchat_wa_buttons"
OLCHAT_BUTTONS_HASHED_TYPE = "rest_9f1c2a7be04d3c55a1e6f0b2d8c47a13"
ROBOT_PROPERTY_KEYS = (
    "Line", "Phone", "Header", "Message", "Footer", "Button1", "Button2", "Button3",
    "WaitForReply",
)  # fmt: skip
ROBOT_TITLE = "[OLChat] WhatsApp Отправка сообщения с кнопками"
TEST_TEMPLATE_ID = 7
BP_TEMPLATE_ID = 8
CONTACT_TEMPLATE_ID = 9
AUTOMATION_SYSTEM_CODE = "bitrix_bizproc_automation"
DEAL_DOCUMENT_TYPE = ["crm", "CCrmDocumentDeal", "DEAL"]
CONTACT_DOCUMENT_TYPE = ["crm", "CCrmDocumentContact", "CONTACT"]
_MODIFIED = "2026-09-01T12:00:00+03:00"


@dataclass
class SeededTemplate:
    """A template row as ``bizproc.workflow.template.list`` shows it, plus sandbox flags."""

    row: dict[str, Any]
    startable: bool
    stage_bound: bool

    @property
    def id(self) -> int:
        return int(self.row["ID"])


def _parameter(name: str, kind: str, required: bool, default: str = "") -> dict[str, Any]:
    return {
        "Name": name,
        "Description": "",
        "Type": kind,
        "Required": 1 if required else 0,
        "Multiple": 0,
        "Default": default,
    }


def robot_parameters() -> dict[str, Any]:
    """PARAMETERS of the test templates: one per robot field, in the robot's order."""
    line = _parameter("Линия WhatsApp", "select", True, "1")
    line["Options"] = {"1": "OLChat WhatsApp: Продажи", "2": "OLChat WhatsApp: Поддержка"}
    return {
        "Line": line,
        "Phone": _parameter("Номер телефона", "string", True),
        "Header": _parameter("Заголовок", "string", False),
        "Message": _parameter("Сообщение", "text", True),
        "Footer": _parameter("Подпись", "string", False),
        "Button1": _parameter("Кнопка 1", "string", True),
        "Button2": _parameter("Кнопка 2", "string", False),
        "Button3": _parameter("Кнопка 3", "string", False),
        "WaitForReply": _parameter("Ожидать ответ сообщения", "bool", False, "N"),
    }


def _activity(kind: str, name: str, properties: dict[str, Any]) -> dict[str, Any]:
    return {"Type": kind, "Name": name, "Activated": "Y", "Properties": properties, "Children": []}


def _root(title: str, children: list[dict[str, Any]]) -> list[dict[str, Any]]:
    root = _activity("SequentialWorkflowActivity", "Template", {"Title": title, "Permission": []})
    root["Children"] = children
    return [root]


def button_robot(name: str, **values: str) -> dict[str, Any]:
    """An OLChat button activity; unspecified fields are empty, WaitForReply defaults to N."""
    properties: dict[str, Any] = {"Title": ROBOT_TITLE}
    properties.update({key: "" for key in ROBOT_PROPERTY_KEYS})
    properties["WaitForReply"] = "N"
    properties.update(values)
    return _activity(OLCHAT_BUTTONS_ACTIVITY_TYPE, name, properties)


def _test_template(template_id: int, name: str, document_type: list[str]) -> dict[str, Any]:
    from_params = {key: "{=Template:" + key + "}" for key in ROBOT_PROPERTY_KEYS}
    children = [button_robot("A1_olchat_buttons", **from_params)]
    if document_type == DEAL_DOCUMENT_TYPE:
        store: dict[str, Any] = {"Title": "Сохранить ответ клиента"}
        store["FieldValue"] = {"UF_CRM_OLCHAT_REPLY": "{=A1_olchat_buttons:PressedButton}"}
        children.append(_activity("SetFieldActivity", "A2_store_reply", store))
    return _row(template_id, name, document_type, children, robot_parameters(), "")


def _row(
    template_id: int,
    name: str,
    document_type: list[str],
    children: list[dict[str, Any]],
    parameters: dict[str, Any],
    system_code: str,
) -> dict[str, Any]:
    return {
        "ID": str(template_id),
        "MODULE_ID": document_type[0],
        "ENTITY": document_type[1],
        "DOCUMENT_TYPE": list(document_type),
        "AUTO_EXECUTE": "0",
        "NAME": name,
        "TEMPLATE": _root(name, children),
        "PARAMETERS": parameters,
        "VARIABLES": {},
        "CONSTANTS": {},
        "MODIFIED": _MODIFIED,
        "IS_MODIFIED": "Y",
        "USER_ID": "1",
        "SYSTEM_CODE": system_code,
    }


def _notify_robot(name: str) -> dict[str, Any]:
    props = {"Title": "Уведомление сотрудника", "MessageText": "Новая сделка {{Название}}"}
    return _activity("CrmControlNotifyActivity", name, props)


def _automation_robots() -> dict[str, list[dict[str, Any]]]:
    """Stage -> robots; the problems are in the comments so a reader sees the intent."""
    good = button_robot(
        "A11_wa_buttons",
        Line="1",
        Phone="{{=firstvalue({{Контакт: Телефон}})}}",
        Header="Здравствуйте, {{Контакт: Имя}}!",
        Message="Вам удобно принять звонок менеджера сегодня?",
        Footer="Компания «Ромашка»",
        Button1="Да, звоните",
        Button2="Нет, завтра",
        WaitForReply="Y",
    )
    long_header = button_robot(
        "A21_wa_buttons",
        Line="1",
        Phone="79161000002",
        Header="Мы подготовили для вас специальное предложение на годовое обслуживание",
        Message="Ознакомьтесь с условиями и выберите вариант.",
        Button1="*Интересно*",  # markdown in a button
        Button2="Позже",
    )
    duplicates = button_robot(
        "A31_wa_buttons",
        Line="1",
        Phone="79161000003",
        Message="Счёт выставлен. Оплатите, пожалуйста.",
        Button1="Оплачу",
        Button2="Оплачу",  # duplicate button
        WaitForReply="Y",
    )
    multi_phone = button_robot(
        "A41_wa_buttons",
        Line="1",
        Phone="{{Телефон}}",  # multi-value field: the waiting robot fails on it
        Message="Заказ передан в работу. Всё верно?",
        Button1="Да",
        Button2="Нет",
        WaitForReply="Y",
    )
    four = button_robot(
        "A51_wa_buttons",
        Line="2",
        Phone="79161000004",
        Message="Как вам наша работа?",
        Button1="Отлично",
        Button2="Хорошо",
        Button3="Плохо",
        Button4="Ужасно",  # a fourth button
    )
    four["Type"] = OLCHAT_BUTTONS_HASHED_TYPE  # matched only by its property set
    return {
        "NEW": [_notify_robot("A10_notify"), good],
        "PREPARATION": [long_header],
        "PREPAYMENT_INVOICE": [duplicates],
        "EXECUTING": [multi_phone],
        "FINAL_INVOICE": [_notify_robot("A50_notify"), four],
    }


def build_workflow_templates(total: int | None = None) -> list[SeededTemplate]:
    """The seeded templates, padded with automation copies up to ``total`` if given."""
    templates = [
        SeededTemplate(
            _test_template(TEST_TEMPLATE_ID, "OLChat: test button message", DEAL_DOCUMENT_TYPE),
            startable=True,
            stage_bound=True,
        ),
        SeededTemplate(
            _test_template(
                BP_TEMPLATE_ID, "OLChat: button message, business process", DEAL_DOCUMENT_TYPE
            ),
            startable=True,
            stage_bound=False,
        ),
        SeededTemplate(
            _test_template(
                CONTACT_TEMPLATE_ID,
                "OLChat: test button message (contact)",
                CONTACT_DOCUMENT_TYPE,
            ),
            startable=True,
            stage_bound=False,
        ),
    ]
    stages = _automation_robots()
    automation: list[tuple[str, list[dict[str, Any]]]] = list(stages.items())
    for offset, (stage, robots) in enumerate(automation):
        name = f"Автоматизация сделок: стадия {stage}"
        row = _row(20 + offset, name, DEAL_DOCUMENT_TYPE, robots, {}, AUTOMATION_SYSTEM_CODE)
        templates.append(SeededTemplate(row, startable=False, stage_bound=True))
    padding = max(0, (total or 0) - len(templates))
    for index in range(padding):
        stage, robots = automation[index % len(automation)]
        if index % 3 == 2:
            robots = [_notify_robot("A90_notify")]  # most portals also have plain robots
        name = f"Автоматизация: воронка {index // len(automation) + 1}, стадия {stage}"
        row = _row(
            100 + index, name, DEAL_DOCUMENT_TYPE, copy.deepcopy(robots), {}, AUTOMATION_SYSTEM_CODE
        )
        templates.append(SeededTemplate(row, startable=False, stage_bound=True))
    return templates
