"""Webhook URL parsing: what users paste is normalised, every defect has its own message."""

from __future__ import annotations

import pytest

from olchat_desktop.bitrix.url_messages import MESSAGES
from olchat_desktop.bitrix.webhook_url import (
    WebhookUrlError,
    parse_portal_address,
    parse_webhook_url,
)
from olchat_desktop.core import i18n

SECRET = "k3x9q2m7w1z8p4r6"

ACCEPTED = [
    (f"https://acme.bitrix24.ru/rest/1/{SECRET}/", "https://acme.bitrix24.ru", 1, None),
    (f"https://acme.bitrix24.ru/rest/1/{SECRET}", "https://acme.bitrix24.ru", 1, None),
    (f"  https://acme.bitrix24.ru/rest/7/{SECRET}/  ", "https://acme.bitrix24.ru", 7, None),
    (f"https://acme.bitrix24.ru/rest/1/{SECRET}/profile", "https://acme.bitrix24.ru", 1, "profile"),
    (
        f"https://ACME.Bitrix24.RU/rest/1/{SECRET}/crm.contact.list.json",
        "https://acme.bitrix24.ru",
        1,
        "crm.contact.list",
    ),
    (f"acme.bitrix24.ru/rest/3/{SECRET}/", "https://acme.bitrix24.ru", 3, None),
    (f'"https://acme.bitrix24.ru/rest/1/{SECRET}/"', "https://acme.bitrix24.ru", 1, None),
    (f"<https://acme.bitrix24.ru/rest/1/{SECRET}/>", "https://acme.bitrix24.ru", 1, None),
    (f"https://acme.bitrix24.ru:443/rest/1/{SECRET}/", "https://acme.bitrix24.ru", 1, None),
    (f"https://crm.example.com:8443/rest/1/{SECRET}/", "https://crm.example.com:8443", 1, None),
    # The expected punycode comes from the stdlib codec, an independent implementation.
    (
        f"https://портал.рф/rest/1/{SECRET}/",
        "https://" + "портал.рф".encode("idna").decode(),
        1,
        None,
    ),
    (f"https://acme.bitrix24.ru./rest/1/{SECRET}/", "https://acme.bitrix24.ru", 1, None),
    (f"http://127.0.0.1:8080/rest/1/{SECRET}/", "http://127.0.0.1:8080", 1, None),
    (f"http://localhost:9000/rest/1/{SECRET}/", "http://localhost:9000", 1, None),
    (f"http://[::1]:9000/rest/1/{SECRET}/", "http://[::1]:9000", 1, None),
    (f"https://10.0.0.5/rest/12/{SECRET}/", "https://10.0.0.5", 12, None),
]


@pytest.mark.parametrize(("text", "origin", "user_id", "method"), ACCEPTED)
def test_pasted_webhooks_are_normalised(
    text: str, origin: str, user_id: int, method: str | None
) -> None:
    hook = parse_webhook_url(text)
    assert hook.portal.origin == origin
    assert hook.user_id == user_id
    assert hook.secret == SECRET
    assert hook.method == method
    assert hook.base_url == f"{origin}/rest/{user_id}/{SECRET}/"


def test_secret_never_in_repr_or_str() -> None:
    hook = parse_webhook_url(f"https://acme.bitrix24.ru/rest/1/{SECRET}/")
    assert SECRET not in repr(hook)
    assert SECRET not in str(hook)
    assert SECRET not in hook.display_url


H = "acme.bitrix24.ru"
# Issue 4 point 7: at least 50 malformed inputs, each with its specific defect code.
MALFORMED = [
    ("", "empty"),
    ("   ", "empty"),
    ('""', "empty"),
    (f"https://{H}/rest/1/\n{SECRET}/", "line_break"),
    (f"https://{H}/rest/1/ {SECRET}/", "space_inside"),
    (f"https://{H} /rest/1/{SECRET}/", "space_inside"),
    (f"https://{H}/rest/1/{SECRET}\x00/", "control_char"),
    (f"https://{H}/rest/1/{SECRET}/https://{H}/rest/1/{SECRET}/", "two_urls"),
    (f"ftp://{H}/rest/1/{SECRET}/", "wrong_scheme"),
    (f"ws://{H}/rest/1/{SECRET}/", "wrong_scheme"),
    (f"mailto:admin@{H}", "wrong_scheme"),
    (f"https:/{H}/rest/1/{SECRET}/", "bad_scheme_slashes"),
    (f"https:{H}/rest/1/{SECRET}/", "bad_scheme_slashes"),
    (f"https//{H}/rest/1/{SECRET}/", "bad_scheme_colon"),
    (f"http://{H}/rest/1/{SECRET}/", "http_not_loopback"),
    (f"http://10.1.2.3/rest/1/{SECRET}/", "http_not_loopback"),
    (f"http://intranet/rest/1/{SECRET}/", "http_not_loopback"),
    (f"https:///rest/1/{SECRET}/", "missing_host"),
    (f"https://user:pass@{H}/rest/1/{SECRET}/", "credentials_in_url"),
    (f"https://my_portal.bitrix24.ru/rest/1/{SECRET}/", "underscore_host"),
    (f"https://acme..bitrix24.ru/rest/1/{SECRET}/", "empty_label"),
    (f"https://.acme.bitrix24.ru/rest/1/{SECRET}/", "empty_label"),
    (f"https://{'a' * 64}.ru/rest/1/{SECRET}/", "label_too_long"),
    (f"https://acme!.bitrix24.ru/rest/1/{SECRET}/", "bad_host"),
    (f"https://-acme.bitrix24.ru/rest/1/{SECRET}/", "bad_host"),
    (f"https://999.1.1.1/rest/1/{SECRET}/", "bad_ip"),
    (f"https://xn--zz.рф/rest/1/{SECRET}/", "bad_idn"),
    (f"https://bitrix24.ru/rest/1/{SECRET}/", "bitrix_site"),
    (f"https://www.bitrix24.com/rest/1/{SECRET}/", "bitrix_site"),
    (f"https://{H}:/rest/1/{SECRET}/", "empty_port"),
    (f"https://{H}:84a3/rest/1/{SECRET}/", "bad_port"),
    (f"https://{H}:70000/rest/1/{SECRET}/", "port_range"),
    (f"https://{H}:0/rest/1/{SECRET}/", "port_range"),
    (f"https://{H}/rest/1/{SECRET}/#top", "fragment"),
    (f"https://{H}/rest/1/{SECRET}/profile?auth=x", "query_string"),
    (f"https://{H}/rest/1/{SECRET}/?", "query_string"),
    (f"https://{H}\\rest\\1\\{SECRET}", "backslash"),
    (f"https://{H}/rest/1\\{SECRET}", "backslash"),
    (f"https://{H}", "no_path"),
    (f"https://{H}/", "no_path"),
    (f"https://{H}/rest//{SECRET}/", "double_slash"),
    (f"https://{H}/portal/rest/1/{SECRET}/", "prefix_before_rest"),
    (f"https://{H}/oauth/authorize/?", "query_string"),
    (f"https://{H}/oauth/authorize/", "oauth_url"),
    (f"https://{H}/crm/deal/list/", "wrong_path"),
    (f"https://{H}/rest/", "missing_user_id"),
    (f"https://{H}/rest/api/1/{SECRET}/", "rest_v3"),
    (f"https://{H}/rest/crm.contact.list", "method_without_credentials"),
    (f"https://{H}/rest/-1/{SECRET}/", "negative_user_id"),
    (f"https://{H}/rest/{SECRET}/", "missing_user_id_secret_only"),
    (f"https://{H}/rest/admin/{SECRET}/", "non_numeric_user_id"),
    (f"https://{H}/rest/0/{SECRET}/", "zero_user_id"),
    (f"https://{H}/rest/1/", "missing_secret"),
    (f"https://{H}/rest/1", "missing_secret"),
    (f"https://{H}/rest/1/abc%20def123/", "encoded_secret"),
    (f"https://{H}/rest/1/crm.contact.list.json", "secret_looks_like_method"),
    (f"https://{H}/rest/1/{SECRET}!/", "bad_secret_chars"),
    (f"https://{H}/rest/1/abc/", "short_secret"),
    (f"https://{H}/rest/1/{SECRET}/profile/extra", "extra_segments"),
    (f"https://{H}/rest/1/{SECRET}/profile.xml", "xml_suffix"),
    (f"https://{H}/rest/1/{SECRET}/1profile", "bad_method"),
]


def test_at_least_fifty_malformed_inputs_are_listed() -> None:
    assert len(MALFORMED) >= 50
    assert len({code for _text, code in MALFORMED}) >= 40


@pytest.mark.parametrize(("text", "code"), MALFORMED)
def test_each_defect_gets_its_specific_message(text: str, code: str) -> None:
    with pytest.raises(WebhookUrlError) as caught:
        parse_webhook_url(text)
    error = caught.value
    assert error.code == code
    ru, en = error.message("ru"), error.message("en")
    assert ru and en and ru != en
    assert "{" not in ru + en  # every placeholder was filled
    assert SECRET not in ru + en + str(error) + repr(error)


def test_every_message_has_both_languages() -> None:
    for code, msgid in MESSAGES.items():
        ru, en = i18n.text("ru", msgid), i18n.text("en", msgid)
        assert ru.strip() and en.strip(), code
        assert any("а" <= ch <= "я" for ch in ru.lower()), code


def test_portal_address_accepts_bare_hosts_and_pages() -> None:
    assert parse_portal_address("Acme.Bitrix24.ru").origin == "https://acme.bitrix24.ru"
    assert parse_portal_address("https://acme.bitrix24.ru/crm/").origin == (
        "https://acme.bitrix24.ru"
    )
    with pytest.raises(WebhookUrlError) as caught:
        parse_portal_address("http://acme.bitrix24.ru")
    assert caught.value.code == "http_not_loopback"
