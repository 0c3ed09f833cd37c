"""Application robots in the sandbox: add/update/list/delete, validation, per-app registry."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import olchat_desktop.sandbox.methods_robots  # noqa: F401  (registers the bodies)
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.portal_state import DEFAULT_APP_HANDLER_HOST, PortalState
from olchat_desktop.sandbox.registry import REGISTRY, ApiError, CallContext

APP = "local.app.one"
HANDLER = f"https://{DEFAULT_APP_HANDLER_HOST}/b24/wa"


def robot(**overrides: Any) -> dict[str, Any]:
    definition: dict[str, Any] = {
        "CODE": "olchat_buttons_feedback",
        "HANDLER": HANDLER,
        "USE_SUBSCRIPTION": "Y",
        "NAME": {"ru": "WhatsApp: кнопки", "en": "WhatsApp: buttons"},
        "PROPERTIES": {
            "Message": {"Name": "Сообщение", "Type": "text", "Required": "Y"},
            "Button1": {"Name": "Кнопка 1", "Type": "string", "Default": "Да"},
        },
        "RETURN_PROPERTIES": {"PressedButton": {"Name": "Нажатая кнопка", "Type": "string"}},
        "FILTER": {"INCLUDE": [["crm", "CCrmDocumentDeal"]]},
    }
    definition.update(overrides)
    return definition


def call(portal: PortalState, name: str, app: str = APP, **params: Any) -> Any:
    spec = REGISTRY.get(name)
    assert spec is not None, name
    ctx = CallContext(name, params, 1, True, "oauth", app, frozenset({"bizproc"}), portal, 0.0)
    return spec.body(ctx)


def error_of(portal: PortalState, name: str, **params: Any) -> tuple[str, str]:
    with pytest.raises(ApiError) as raised:
        call(portal, name, **params)
    assert raised.value.status == 400
    return raised.value.code, raised.value.description


@pytest.fixture
def portal() -> PortalState:
    return PortalState(lambda: 0.0)


def test_add_list_update_delete(portal: PortalState) -> None:
    assert call(portal, "bizproc.robot.add", **robot()) is True
    assert call(portal, "bizproc.robot.list") == ["olchat_buttons_feedback"]
    stored = portal.robots[APP]["olchat_buttons_feedback"]
    assert stored["USE_SUBSCRIPTION"] == "Y" and "PressedButton" in stored["RETURN_PROPERTIES"]
    changed = call(
        portal,
        "bizproc.robot.update",
        CODE="olchat_buttons_feedback",
        FIELDS={"USE_SUBSCRIPTION": "N", "NAME": "Кнопки"},
    )
    assert changed is True and portal.robots[APP]["olchat_buttons_feedback"]["NAME"] == "Кнопки"
    assert call(portal, "bizproc.robot.delete", CODE="olchat_buttons_feedback") is True
    assert call(portal, "bizproc.robot.list") == []


def test_duplicate_code_and_unknown_code(portal: PortalState) -> None:
    call(portal, "bizproc.robot.add", **robot())
    assert error_of(portal, "bizproc.robot.add", **robot())[0] == (
        "ERROR_ACTIVITY_ALREADY_INSTALLED"
    )
    for name, params in (
        ("bizproc.robot.update", {"CODE": "nope", "FIELDS": {"NAME": "x"}}),
        ("bizproc.robot.delete", {"CODE": "nope"}),
    ):
        assert error_of(portal, name, **params)[0] == "ERROR_ACTIVITY_NOT_FOUND"
    code, text = error_of(portal, "bizproc.robot.update", CODE="olchat_buttons_feedback")
    assert (code, text) == ("ERROR_ACTIVITY_VALIDATION_FAILURE", "No fields to update")


def test_registry_is_per_application(portal: PortalState) -> None:
    call(portal, "bizproc.robot.add", **robot())
    assert call(portal, "bizproc.robot.list", app="local.app.two") == []
    # The other app may use the same CODE: codes are unique within one app.
    assert call(portal, "bizproc.robot.add", app="local.app.two", **robot()) is True


@pytest.mark.parametrize(
    ("overrides", "code", "text"),
    [
        ({"CODE": ""}, "ERROR_ACTIVITY_VALIDATION_FAILURE", "Empty activity code"),
        ({"CODE": "кнопки"}, "ERROR_ACTIVITY_VALIDATION_FAILURE", "Wrong activity code"),
        ({"CODE": "a b"}, "ERROR_ACTIVITY_VALIDATION_FAILURE", "Wrong activity code"),
        ({"NAME": ""}, "ERROR_ACTIVITY_VALIDATION_FAILURE", "Empty activity NAME"),
        ({"PROPERTIES": "x"}, "ERROR_ACTIVITY_VALIDATION_FAILURE", "Wrong properties array"),
        (
            {"PROPERTIES": {"1st": {"Name": "x"}}},
            "ERROR_ACTIVITY_VALIDATION_FAILURE",
            "Wrong property key 1st",
        ),
        (
            {"RETURN_PROPERTIES": {"Pressed": {"Type": "string"}}},
            "ERROR_ACTIVITY_VALIDATION_FAILURE",
            "Empty property NAME Pressed",
        ),
        ({"FILTER": {"ONLY": []}}, "ERROR_ACTIVITY_VALIDATION_FAILURE", "Wrong activity FILTER"),
        ({"HANDLER": ""}, "ERROR_WRONG_HANDLER_URL", ""),
        ({"HANDLER": "ftp://robots.example.com/x"}, "ERROR_UNSUPPORTED_PROTOCOL", ""),
        ({"HANDLER": "http://robots.example.com/x"}, "ERROR_UNSUPPORTED_PROTOCOL", ""),
        ({"HANDLER": "https://elsewhere.example.org/x"}, "ERROR_WRONG_HANDLER_URL", "domain"),
        ({"USE_PLACEMENT": "Y"}, "ERROR_WRONG_HANDLER_URL", ""),
    ],
)
def test_add_validation(
    portal: PortalState, overrides: dict[str, Any], code: str, text: str
) -> None:
    got_code, description = error_of(portal, "bizproc.robot.add", **robot(**overrides))
    assert got_code == code and text in description
    assert call(portal, "bizproc.robot.list") == []


def test_handler_host_follows_the_application(portal: PortalState) -> None:
    portal.set_app_handler_host(APP, "hooks.company.ru")
    assert error_of(portal, "bizproc.robot.add", **robot())[0] == "ERROR_WRONG_HANDLER_URL"
    assert call(portal, "bizproc.robot.add", **robot(HANDLER="https://hooks.company.ru/wa"))


@pytest.mark.integration
def test_robots_over_http_need_application_context(sandbox: Sandbox) -> None:
    with httpx.Client(timeout=5) as http:
        via_webhook = http.post(sandbox.webhook_url("admin") + "bizproc.robot.add", json=robot())
        grant = http.get(
            sandbox.oauth_token_url,
            params={
                "grant_type": "authorization_code",
                "client_id": sandbox.oauth_client_id,
                "client_secret": sandbox.oauth_client_secret,
                "code": sandbox.issue_oauth_code(),
            },
        ).json()
        endpoint, token = grant["client_endpoint"], grant["access_token"]
        added = http.post(endpoint + "bizproc.robot.add", json={**robot(), "auth": token})
        again = http.post(endpoint + "bizproc.robot.add", json={**robot(), "auth": token})
        listed = http.post(endpoint + "bizproc.robot.list", json={"auth": token}).json()
    assert via_webhook.status_code == 403
    assert via_webhook.json()["error_description"] == "Application context required"
    assert added.json()["result"] is True
    assert again.status_code == 400
    assert again.json()["error"] == "ERROR_ACTIVITY_ALREADY_INSTALLED"
    assert listed["result"] == ["olchat_buttons_feedback"]
