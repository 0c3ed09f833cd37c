"""Profile models: normalised addresses, no room for secrets, TLS never switched off."""

from __future__ import annotations

import shutil
from pathlib import Path

import certifi
import pytest
from pydantic import ValidationError

from olchat_desktop.storage.profiles import (
    OlchatLineProfile,
    PortalProfile,
    ProfilesError,
    ProfilesErrorKind,
    check_ca_bundle,
)


def portal(**fields: object) -> PortalProfile:
    return PortalProfile.model_validate({"name": "Main", "auth_kind": "webhook", **fields})


def line(**fields: object) -> OlchatLineProfile:
    defaults = {"name": "Sales", "line_phone": "79991234567", "base_url": "https://olchat.example"}
    return OlchatLineProfile.model_validate({**defaults, **fields})


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("example.bitrix24.ru", "example.bitrix24.ru"),
        ("  https://Example.Bitrix24.RU/ ", "example.bitrix24.ru"),
        ("http://127.0.0.1:8765", "127.0.0.1:8765"),
        ("crm.company.local:8443", "crm.company.local:8443"),
        ("Портал.РФ", "xn--80awhdgm.xn--p1ai"),  # same as stdlib "idna" codec
    ],
)
def test_domain_is_normalised(typed: str, stored: str) -> None:
    assert portal(domain=typed).domain == stored


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "https://example.bitrix24.ru/rest/1/s3cretkey/",  # a webhook: the secret must not land
        "example.bitrix24.ru?x=1",
        "user@example.bitrix24.ru",
        "exa mple.ru",
        "example.ru:99999",
        "-bad-.ru",
    ],
)
def test_domain_with_anything_but_host_and_port_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        portal(domain=bad)


def test_models_refuse_unknown_fields_so_no_secret_can_be_added() -> None:
    with pytest.raises(ValidationError):
        portal(domain="a.bitrix24.ru", webhook="https://a.bitrix24.ru/rest/1/secret/")
    with pytest.raises(ValidationError):
        line(token="secret-token")


def test_portal_defaults_and_scopes() -> None:
    p = portal(domain="a.bitrix24.ru", scopes="crm, bizproc,crm,")
    assert p.scopes == ("bizproc", "crm")
    assert p.rate_profile == "standard"
    assert len(p.id) == 32 and p.id != portal(domain="a.bitrix24.ru").id
    with pytest.raises(ValidationError):
        portal(domain="a.bitrix24.ru", rate_profile="unlimited")
    with pytest.raises(ValidationError):
        portal(domain="a.bitrix24.ru", auth_kind="password")


def test_verification_is_the_bundle_or_the_system_cas_never_off() -> None:
    assert portal(domain="a.ru").verify_setting() is True
    assert portal(domain="a.ru", ca_bundle_path="").verify_setting() is True
    assert portal(domain="a.ru", ca_bundle_path="/etc/ca.pem").verify_setting() == "/etc/ca.pem"
    assert "verify" not in PortalProfile.model_fields


def test_ca_bundle_check(tmp_path: Path) -> None:
    good = tmp_path / "ca.pem"
    shutil.copy(certifi.where(), good)
    check_ca_bundle(str(good))

    not_pem = tmp_path / "notes.txt"
    not_pem.write_text("not a certificate", encoding="utf-8")
    for path, reason in [(tmp_path / "missing.pem", "no such file"), (not_pem, "no PEM")]:
        with pytest.raises(ProfilesError) as caught:
            check_ca_bundle(str(path))
        assert caught.value.kind is ProfilesErrorKind.CA_BUNDLE
        assert reason in caught.value.user_message("en")
        assert str(path) in caught.value.user_message("ru")
    with pytest.raises(ProfilesError):
        check_ca_bundle(str(tmp_path))  # a directory is not a bundle


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("+7 (999) 123-45-67", "79991234567"),
        ("79991234567", "79991234567"),
    ],
)
def test_line_phone_keeps_digits(typed: str, stored: str) -> None:
    assert line(line_phone=typed).line_phone == stored


@pytest.mark.parametrize("bad", ["12345", "7999abc4567", "７９９９１２３４５６７", ""])
def test_line_phone_refuses_non_numbers(bad: str) -> None:
    with pytest.raises(ValidationError):
        line(line_phone=bad)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("https://OLChat.example/", "https://olchat.example"),
        ("http://127.0.0.1:9000/rest/webhook/wa", "http://127.0.0.1:9000"),
        ("http://localhost:9000", "http://localhost:9000"),
    ],
)
def test_line_base_url_is_an_origin(typed: str, stored: str) -> None:
    assert line(base_url=typed).base_url == stored


@pytest.mark.parametrize(
    "bad",
    [
        "olchat.example",  # no scheme
        "http://olchat.example",  # the token would travel in clear text
        "https://olchat.example/rest/webhook/wa/TOKEN123",  # the token itself
        "ftp://olchat.example",
    ],
)
def test_line_base_url_refuses_tokens_and_plain_http(bad: str) -> None:
    with pytest.raises(ValidationError):
        line(base_url=bad)
