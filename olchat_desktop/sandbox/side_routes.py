"""The sandbox's routes beside ``/rest/`` and OAuth: ``/olchat`` and Disk downloads.

``/olchat/…`` goes to the OLChat emulator (``olchat_emulator``) without the portal's lock:
the emulator is thread-safe, and a delayed send (``send_delay``) must not hold up status
polls and line checks running at the same time. ``/disk/downloadFile/{id}/?token=…`` and
``/disk/downloadVersion/{id}/`` serve a Disk file's content; the token in ``DOWNLOAD_URL``
is the only credential (``disk_state`` explains it). The HTTP handler calls these as it
calls ``oauth_server``, with the running sandbox as a :class:`SandboxHost`.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qsl

from olchat_desktop.sandbox.dispatch import Reply, error_reply
from olchat_desktop.sandbox.host import SandboxHost
from olchat_desktop.sandbox.registry import ApiError


def olchat(sandbox: SandboxHost, http_method: str, path: str, query: str, body: bytes) -> Reply:
    """An OLChat REST call; ``path`` is what follows ``/olchat``."""
    if sandbox.olchat is None:
        return error_reply(ApiError("NOT_FOUND", "OLChat emulator is not available", 404))
    status, headers, payload = sandbox.olchat.handle(
        http_method, path, dict(parse_qsl(query, keep_blank_values=True)), body
    )
    return int(status), dict(headers), bytes(payload)


def disk_download(sandbox: SandboxHost, path: str, params: dict[str, Any]) -> Reply:
    """A Disk file (or one of its versions) by its signed download URL."""
    parts = [part for part in path.split("/") if part]  # disk, downloadFile, id
    disk = getattr(sandbox.portal, "disk", None)
    if disk is None or len(parts) != 3 or not parts[2].isdigit():
        return error_reply(ApiError("ERROR_NOT_FOUND", "Not found", 404))
    kind = "file" if parts[1] == "downloadFile" else "version"
    object_id = int(parts[2])
    with sandbox.lock:
        try:
            user_id = disk.check_download(kind, object_id, str(params.get("token") or ""))
            if kind == "file":
                content = disk.live(object_id, "file", user_id).content
            else:
                found = disk.version_by_id(object_id)
                if found is None:
                    raise ApiError("ERROR_NOT_FOUND", "Not found", 404)
                disk.live(found[0].id, "file", user_id)
                content = found[1].content
        except ApiError as err:
            return error_reply(err)
    headers = {"Content-Type": "application/octet-stream"}
    return 200, headers, content
