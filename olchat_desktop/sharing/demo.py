"""Demo data for the team library: a colleague (the sandbox's manager) has already shared
one template in «OLChat шаблоны», so a demo sync has something to pull."""

from __future__ import annotations

from typing import Any

from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.disk import DiskClient
from olchat_desktop.core.template import Template
from olchat_desktop.sharing.folders import DEFAULT_FOLDER_NAME
from olchat_desktop.sharing.shared_file import encode, file_name

COLLEAGUE_TEMPLATE = Template(
    id="0c01ea9e5ba7ed0000000000000d3e00",
    name="Напоминание о встрече",
    header="Напоминание",
    message="{{Имя}}, напоминаем о встрече завтра в {{Время}}. Вы придёте?",
    buttons=["Приду", "Перенести"],
    wait_for_reply=True,
    tags=["команда"],
    samples={"{{Имя}}": "Анна", "{{Время}}": "11:00"},
)


def seed_colleague_template(sandbox: Any) -> None:
    """Upload :data:`COLLEAGUE_TEMPLATE` as the manager, through the REST API."""
    with BitrixClient(WebhookAuth(sandbox.webhook_url("manager")), rate_profile="off") as client:
        disk = DiskClient(client)
        try:
            common = next(s for s in disk.storages() if s.entity_type == "common")
            found = disk.children(common.root_id, {"NAME": DEFAULT_FOLDER_NAME}).items
            folder = found[0] if found else disk.add_folder(common.root_id, DEFAULT_FOLDER_NAME)
            name = file_name(COLLEAGUE_TEMPLATE.name, COLLEAGUE_TEMPLATE.id)
            disk.upload_new(folder.id, {"t": (name, encode(COLLEAGUE_TEMPLATE))})
        finally:
            disk.close()
