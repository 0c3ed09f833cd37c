"""Publish templates as application robots; list and delete the app's robots.

``bizproc.robot.*`` works only in an OAuth application's context (reference
``bitrix24.md`` §4.1: "Application context required" for webhooks; b24pysdk marks its robot
tests ``oauth_only``). So a webhook connection is refused **before** any request, with an
explanation the admin can act on. ``ERROR_ACTIVITY_ALREADY_INSTALLED`` is turned into
:class:`RobotAlreadyInstalled`, which the UI answers with an "Update" offer
(:meth:`RobotPublisher.publish` with ``update_if_installed=True``).

There is no method that returns a robot's definition (only CODEs), so the caller keeps
the template it published from; the portal stays the source of truth for which CODEs exist.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.errors import BitrixError
from olchat_desktop.bitrix.services import BitrixServices
from olchat_desktop.core.i18n import LazyText, TranslatableError
from olchat_desktop.robots.definition import check_handler_url, update_fields

ALREADY_INSTALLED = "ERROR_ACTIVITY_ALREADY_INSTALLED"
NOT_FOUND = "ERROR_ACTIVITY_NOT_FOUND"


class RobotPublishError(TranslatableError):
    """A publish/list/delete failure with a translatable explanation (never a secret)."""

    code = "robot_error"


class WebhookNotSupported(RobotPublishError):
    code = "webhook_not_supported"

    def __init__(self) -> None:
        super().__init__(
            LazyText(
                "Only an application can register robots: Bitrix24 accepts "
                "bizproc.robot.* in an OAuth application's context and answers a webhook "
                'with "Application context required". A robot belongs to an app (its '
                "handler, its robot list, removal with the app), and a webhook has no "
                "app. Create a local application with the bizproc scope and connect the "
                "portal through OAuth."
            )
        )


class RobotAlreadyInstalled(RobotPublishError):
    code = "already_installed"

    def __init__(self, robot_code: str) -> None:
        self.robot_code = robot_code
        super().__init__(
            LazyText(
                "The robot {robot_code} is already registered by this application. Update it?",
                robot_code=robot_code,
            )
        )


class RobotNotFound(RobotPublishError):
    code = "not_found"

    def __init__(self, robot_code: str) -> None:
        self.robot_code = robot_code
        super().__init__(
            LazyText("The application has no robot {robot_code}.", robot_code=robot_code)
        )


class HandlerRejected(RobotPublishError):
    code = "handler_rejected"


@dataclass(frozen=True)
class PublishOutcome:
    code: str
    action: Literal["added", "updated"]


def _code_of(error: BitrixError) -> str:
    return error.error_code.upper()


class RobotPublisher:
    """The app's robots on one portal, through an OAuth-application client."""

    def __init__(self, services: BitrixServices) -> None:
        if isinstance(services.client.auth, WebhookAuth):
            raise WebhookNotSupported()
        self.services = services

    def publish(
        self,
        definition: Mapping[str, Any],
        *,
        update_if_installed: bool = False,
        app_domain: str | None = None,
    ) -> PublishOutcome:
        """Add the robot; on ALREADY_INSTALLED update it if allowed, else raise."""
        problem = check_handler_url(str(definition.get("HANDLER", "")), app_domain)
        if problem is not None:
            raise HandlerRejected(problem.problem)
        code = str(definition["CODE"])
        try:
            self.services.add_robot(definition)
        except BitrixError as error:
            if _code_of(error) != ALREADY_INSTALLED:
                raise self._explained(error) from error
            if not update_if_installed:
                raise RobotAlreadyInstalled(code) from error
            return self.update(definition)
        return PublishOutcome(code, "added")

    def update(self, definition: Mapping[str, Any]) -> PublishOutcome:
        code = str(definition["CODE"])
        try:
            self.services.update_robot(code, update_fields(definition))
        except BitrixError as error:
            if _code_of(error) == NOT_FOUND:
                raise RobotNotFound(code) from error
            raise self._explained(error) from error
        return PublishOutcome(code, "updated")

    def list_codes(self) -> list[str]:
        try:
            return sorted(self.services.list_robots())
        except BitrixError as error:
            raise self._explained(error) from error

    def delete(self, code: str) -> None:
        try:
            self.services.delete_robot(code)
        except BitrixError as error:
            if _code_of(error) == NOT_FOUND:
                raise RobotNotFound(code) from error
            raise self._explained(error) from error

    @staticmethod
    def _explained(error: BitrixError) -> RobotPublishError:
        """Portal errors in the admin's words; the handler rules get their own text."""
        code = _code_of(error)
        if code == "ERROR_WRONG_HANDLER_URL":
            return HandlerRejected(
                LazyText("Bitrix24 rejected the handler: it must be on the application's domain.")
            )
        if code == "ERROR_UNSUPPORTED_PROTOCOL":
            return HandlerRejected(LazyText("Bitrix24 accepts HTTPS handlers only."))
        if "application context" in error.detail.lower():
            return WebhookNotSupported()
        detail = f" ({error.detail})" if error.detail else ""
        return RobotPublishError(lambda lang: error.user_message(lang) + detail)
