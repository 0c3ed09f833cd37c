"""The sandbox's OAuth pages: the portal's ``/oauth/authorize/`` and the token endpoint.

Reference: ``shared/reference/bitrix24.md`` §1b. The token endpoint stands in for
``oauth.bitrix.info`` (``oauth.bitrix24.tech``): it accepts GET (documented) and POST
(form or JSON) alike, and answers with the documented fields, including the quirk that
``domain`` names the OAuth server, not the portal (``client_endpoint`` names the portal).

``/oauth/authorize/`` stands for the browser step after the user has approved: with a
known ``client_id`` it redirects (302) to ``redirect_uri`` (the query parameter, else the
app's configured one) with ``code``, ``state``, ``domain``, ``member_id``, ``scope`` and
``server_domain``. Without any redirect URI it shows the code on a page (the documented
"simplified authorization code"). An unknown client gets an error page and no redirect.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import urlencode

from olchat_desktop.sandbox.dispatch import Reply, error_reply, json_reply
from olchat_desktop.sandbox.host import SandboxHost
from olchat_desktop.sandbox.registry import ApiError

_HTML = {"Content-Type": "text/html; charset=utf-8"}


def _page(status: int, title: str, text: str) -> Reply:
    body = f"<!doctype html><title>{html.escape(title)}</title><p>{html.escape(text)}</p>"
    return status, dict(_HTML), body.encode("utf-8")


def authorize(sandbox: SandboxHost, query: dict[str, Any]) -> Reply:
    if str(query.get("client_id", "")) != sandbox.oauth_client_id:
        return _page(
            400,
            "Ошибка авторизации / Authorization error",
            "Приложение не найдено. / Application not found.",
        )
    code = sandbox.issue_oauth_code(sandbox.oauth_user_id)
    redirect_uri = str(query.get("redirect_uri") or sandbox.oauth_redirect_uri or "")
    if not redirect_uri:
        return _page(200, "Код авторизации / Authorization code", code)
    answer = {
        "code": code,
        "state": str(query.get("state", "")),
        "domain": sandbox.portal_domain,
        "member_id": sandbox.member_id,
        "scope": ",".join(sorted(sandbox.auth.app_scopes)),
        "server_domain": sandbox.oauth_server_domain,
    }
    separator = "&" if "?" in redirect_uri else "?"
    location = redirect_uri + separator + urlencode(answer)
    return 302, {"Location": location, "Content-Length": "0"}, b""


def token(sandbox: SandboxHost, params: dict[str, Any]) -> Reply:
    grant_type = str(params.get("grant_type", ""))
    client_id = str(params.get("client_id", ""))
    client_secret = str(params.get("client_secret", ""))
    try:
        if grant_type == "authorization_code" and params.get("code"):
            grant = sandbox.auth.exchange_code(client_id, client_secret, str(params["code"]))
        elif grant_type == "refresh_token" and params.get("refresh_token"):
            grant = sandbox.auth.refresh(client_id, client_secret, str(params["refresh_token"]))
        else:
            raise ApiError("invalid_request", "Invalid request: grant_type or its value missing")
    except ApiError as err:
        return error_reply(err)
    return json_reply(
        200,
        {
            "access_token": grant.access_token,
            "expires": grant.expires,
            "expires_in": grant.expires_in,
            "scope": ",".join(sorted(grant.scopes)),
            "domain": sandbox.oauth_server_domain,
            "server_endpoint": f"{sandbox.oauth_server_url}/rest/",
            "status": "L",
            "client_endpoint": f"{sandbox.base_url}/rest/",
            "member_id": sandbox.member_id,
            "user_id": grant.user_id,
            "refresh_token": grant.refresh_token,
        },
    )
