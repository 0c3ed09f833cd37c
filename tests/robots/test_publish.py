"""Publishing templates as app robots against the sandbox portal (issue 8 point 1)."""

from __future__ import annotations

import pytest

from olchat_desktop.bitrix.services import BitrixServices
from olchat_desktop.core.template import Template
from olchat_desktop.robots.definition import (
    CRM_DOCUMENT_FILTER,
    PRESSED_BUTTON_KEY,
    check_handler_url,
    robot_definition,
    same_domain_rule,
)
from olchat_desktop.robots.publish import (
    HandlerRejected,
    RobotAlreadyInstalled,
    RobotNotFound,
    RobotPublisher,
    WebhookNotSupported,
)
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.portal_state import DEFAULT_APP_HANDLER_HOST

pytestmark = pytest.mark.integration
HANDLER = f"https://{DEFAULT_APP_HANDLER_HOST}/b24/wa"


def feedback(wait: bool = True) -> Template:
    return Template(
        name="Отзыв о доставке",
        line="1",
        phone="{=Document:CONTACT_ID.PHONE}",
        header="Как мы доставили?",
        message="Оцените доставку, пожалуйста.",
        footer="Служба качества",
        buttons=["Отлично", "Плохо"],
        wait_for_reply=wait,
    )


def stored(sandbox: Sandbox, code: str) -> dict[str, object]:
    (robots,) = sandbox.portal.robots.values()
    return robots[code]


def test_definition_mirrors_the_template() -> None:
    definition = robot_definition(feedback(), HANDLER, line_options={"1": "Продажи"})
    assert definition["CODE"] == "olchat_otzyv_o_dostavke"
    assert definition["NAME"]["ru"].endswith("Отзыв о доставке")
    assert definition["NAME"]["en"].startswith("WhatsApp buttons")
    props = definition["PROPERTIES"]
    assert list(props) == [
        "Line", "Phone", "Header", "Message", "Footer", "Button1", "Button2", "Button3",
        "WaitForReply",
    ]  # fmt: skip
    assert props["Line"]["Type"] == "select" and props["Line"]["Options"] == {"1": "Продажи"}
    assert props["Message"] == {**props["Message"], "Type": "text", "Required": "Y"}
    assert props["Header"]["Required"] == "N" and props["Header"]["Default"] == "Как мы доставили?"
    assert props["Button1"]["Required"] == "Y" and props["Button2"]["Default"] == "Плохо"
    assert props["Button3"]["Default"] == ""
    assert props["WaitForReply"]["Type"] == "bool" and props["WaitForReply"]["Default"] == "Y"
    assert PRESSED_BUTTON_KEY in definition["RETURN_PROPERTIES"]
    assert definition["FILTER"] == CRM_DOCUMENT_FILTER


@pytest.mark.parametrize(("wait", "expected"), [(True, "Y"), (False, "N")])
def test_use_subscription_follows_wait_for_reply(wait: bool, expected: str) -> None:
    assert robot_definition(feedback(wait), HANDLER)["USE_SUBSCRIPTION"] == expected
    line = robot_definition(feedback(wait), HANDLER)["PROPERTIES"]["Line"]
    assert line["Type"] == "string" and line["Default"] == "1"


@pytest.mark.parametrize(
    ("url", "domain", "code"),
    [
        ("", None, "empty"),
        ("robots.example.com/wa", None, "malformed"),
        ("http://robots.example.com/wa", None, "not_https"),
        ("https://evil.example.net/wa", "robots.example.com", "other_domain"),
    ],
)
def test_handler_check(url: str, domain: str | None, code: str) -> None:
    problem = check_handler_url(url, domain)
    assert problem is not None and problem.code == code
    assert problem.message("ru") != problem.message("en")


def test_good_handler_and_rule_text() -> None:
    assert check_handler_url(HANDLER, "Robots.Example.com") is None
    assert "HTTPS" in same_domain_rule("en") and "домен" in same_domain_rule("ru")


def test_publish_list_update_delete(sandbox: Sandbox, app_services: BitrixServices) -> None:
    publisher = RobotPublisher(app_services)
    definition = robot_definition(feedback(), HANDLER)
    outcome = publisher.publish(definition)
    assert (outcome.code, outcome.action) == ("olchat_otzyv_o_dostavke", "added")
    assert publisher.list_codes() == ["olchat_otzyv_o_dostavke"]
    robot = stored(sandbox, outcome.code)
    assert robot["USE_SUBSCRIPTION"] == "Y" and robot["HANDLER"] == HANDLER

    # Publishing again: the portal says ALREADY_INSTALLED and we offer an update.
    changed = robot_definition(feedback(wait=False), HANDLER)
    with pytest.raises(RobotAlreadyInstalled) as offered:
        publisher.publish(changed)
    assert offered.value.robot_code == outcome.code
    assert "Update" in offered.value.message("en") and "Обновить" in offered.value.message("ru")
    assert stored(sandbox, outcome.code)["USE_SUBSCRIPTION"] == "Y"  # nothing changed yet
    again = publisher.publish(changed, update_if_installed=True)
    assert again.action == "updated"
    assert stored(sandbox, outcome.code)["USE_SUBSCRIPTION"] == "N"

    publisher.delete(outcome.code)
    assert publisher.list_codes() == []
    with pytest.raises(RobotNotFound):
        publisher.delete(outcome.code)
    with pytest.raises(RobotNotFound):
        publisher.update(definition)


def test_handler_rules_are_checked_before_and_by_the_portal(
    app_services: BitrixServices,
) -> None:
    publisher = RobotPublisher(app_services)
    with pytest.raises(HandlerRejected) as local:
        publisher.publish(robot_definition(feedback(), "http://robots.example.com/wa"))
    assert "HTTPS" in local.value.message("en")
    # Another domain passes the local check when the app domain is unknown; the portal
    # refuses it and the error explains the same-domain rule.
    with pytest.raises(HandlerRejected) as remote:
        publisher.publish(robot_definition(feedback(), "https://elsewhere.example.org/wa"))
    assert "domain" in remote.value.message("en") and "домен" in remote.value.message("ru")
    assert publisher.list_codes() == []


def test_webhook_is_refused_without_a_request(
    sandbox: Sandbox, webhook_services: BitrixServices
) -> None:
    before = len(sandbox.request_log)
    with pytest.raises(WebhookNotSupported) as refused:
        RobotPublisher(webhook_services)
    assert len(sandbox.request_log) == before
    assert "OAuth" in refused.value.message("en") and "OAuth" in refused.value.message("ru")
    assert "Application context required" in refused.value.message("en")


def test_apps_see_only_their_own_robots(sandbox: Sandbox, app_services: BitrixServices) -> None:
    sandbox.portal.robots_of("another.app")["foreign_robot"] = {"CODE": "foreign_robot"}
    publisher = RobotPublisher(app_services)
    publisher.publish(robot_definition(feedback(), HANDLER))
    assert publisher.list_codes() == ["olchat_otzyv_o_dostavke"]
