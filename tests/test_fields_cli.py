"""``fields``, ``samples``, ``validate`` with a portal, against the sandbox (issue 14 pt 6)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from olchat_desktop import cli
from olchat_desktop.bitrix.webhook_url import parse_webhook_url
from olchat_desktop.commands import portal_options
from olchat_desktop.connections.service import ConnectionService
from olchat_desktop.core.fileformat import dumps_template, loads_templates
from olchat_desktop.core.template import Template
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.storage.profiles import ProfileStore
from olchat_desktop.storage.secret_store_factory import shared_secret_store
from tests.lent_sandbox import LentSandbox

pytestmark = pytest.mark.integration


@pytest.fixture
def demo(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> Sandbox:
    monkeypatch.setattr(portal_options, "open_sandbox", lambda: LentSandbox(sandbox))
    return sandbox


@pytest.fixture
def template_file(tmp_path: Path) -> Path:
    path = tmp_path / "t.json"
    template = Template(
        name="Визит",
        line="1",
        phone="{{Телефон}}",
        header="{{Филиал > printable}}",
        message="Ждём вас {{Дата визита}} в {{Филлиал > printable}}. Менеджер: "
        "{{Ответственный менеджер > printable}}, предоплата {{Сумма предоплаты > printable}}",
        buttons=["Приду", "Перенести"],
        samples={"{{Дата визита}}": "завтра", "{{Другое}}": "x"},
    )
    path.write_text(dumps_template(template), encoding="utf-8")
    return path


def test_fields_demo_text_and_json(demo: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["fields", "--entity", "deal", "--demo", "--lang", "ru"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# поля портала, обновлены только что")
    assert "UF_CRM_1700000003\tФилиал\tenumeration\t41=Москва, Тверская; 42=" in out
    assert "UF_CRM_1700000007\tПромокоды\tstring*" in out
    assert cli.main(["fields", "--entity", "contact", "--json", "--demo"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["entity"] == "contact" and payload["source"] == "portal"
    by_code = {field["code"]: field for field in payload["fields"]}
    assert by_code["UF_CRM_1700000102"]["display_form"] == "{{Любимый филиал > printable}}"
    assert by_code["NAME"]["custom"] is False and by_code["UF_CRM_1700000103"]["custom"] is True


def test_fields_by_webhook_caches_per_portal_and_refreshes(
    sandbox: Sandbox, capsys: pytest.CaptureFixture[str]
) -> None:
    webhook = sandbox.webhook_url("admin")
    assert cli.main(["fields", "--webhook", webhook, "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    before = len(sandbox.request_log)
    assert cli.main(["fields", "--webhook", webhook, "--json"]) == 0  # from the cache
    assert len(sandbox.request_log) == before
    assert json.loads(capsys.readouterr().out)["fetched_at"] == first["fetched_at"]
    sandbox.portal.denied_methods.add("crm.deal.fields")
    assert cli.main(["fields", "--webhook", webhook, "--refresh", "--lang", "en"]) == 0
    captured = capsys.readouterr()
    assert "No access to the fields of deals" in captured.err and "saved list" in captured.err
    assert "UF_CRM_1700000003\tФилиал" in captured.out  # the cached deal fields stay
    assert len(sandbox.request_log) == before + 1
    secret = parse_webhook_url(webhook).secret
    assert secret not in captured.out + captured.err
    home = Path(os.environ["OLCHAT_DESKTOP_HOME"])
    cached = list((home / "field_catalogues").glob("*.json"))
    assert len(cached) == 1 and "Филиал" in cached[0].read_text(encoding="utf-8")
    for path in home.rglob("*"):  # no secret, and not even the portal's host, at rest
        if path.is_file():
            data = path.read_bytes()
            assert secret.encode() not in data and b"127.0.0.1" not in data, path


def test_fields_by_profile(sandbox: Sandbox, capsys: pytest.CaptureFixture[str]) -> None:
    profiles = ProfileStore(shared_secret_store())
    profiles.load()
    ConnectionService(profiles).save_webhook_portal("Продажи", sandbox.webhook_url("admin"))
    assert cli.main(["fields", "--profile", "продажи", "--entity", "lead", "--json"]) == 0
    codes = [field["code"] for field in json.loads(capsys.readouterr().out)["fields"]]
    assert "UF_CRM_1700000302" in codes


def test_fields_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["fields", "--lang", "en"]) == 2
    assert "name the portal" in capsys.readouterr().err
    assert cli.main(["fields", "--profile", "нет такого", "--lang", "ru"]) == 2
    assert "нет профиля портала «нет такого»" in capsys.readouterr().err
    assert cli.main(["fields", "--webhook", "https://portal.bitrix24.ru/rest/1/"]) == 2
    assert capsys.readouterr().err.startswith("error: ")


def test_validate_with_portal_adds_unknown_field(
    demo: Sandbox, template_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["validate", str(template_file), "--json"]) == 0
    assert "unknown_field" not in capsys.readouterr().out  # without a portal: as before
    argv = ["validate", str(template_file), "--entity", "deal", "--demo", "--json"]
    assert cli.main(argv) == 0  # warnings only
    records = [r for r in json.loads(capsys.readouterr().out) if r["code"] == "unknown_field"]
    assert {(r["field"], r["expression"], r["suggestion"]) for r in records} == {
        ("message", "{{Филлиал > printable}}", "Филиал"),  # {{Телефон}} is a document field
    }
    fix = next(r for r in records if r["field"] == "message")
    assert fix["replacement"] == "{{Филиал > printable}}" and fix["severity"] == "warning"
    assert cli.main(["validate", str(template_file), "--demo", "--lang", "en"]) == 0
    assert "«Филлиал» — " in capsys.readouterr().out


def test_samples_print_json_and_apply(
    demo: Sandbox, template_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["samples", str(template_file), "--item", "deal:1", "--demo", "--json"]
    assert cli.main(argv) == 0
    captured = capsys.readouterr()
    payload = json.loads(captured.out)
    assert payload["item"] == "deal:1" and payload["requests"] <= 2
    assert payload["samples"]["{{Филиал > printable}}"] == "Москва, Тверская"
    assert payload["samples"]["{{Ответственный менеджер > printable}}"] == "Иван Менеджеров"
    assert payload["samples"]["{{Сумма предоплаты > printable}}"] == "5 000 ₽"
    assert "{{Филлиал > printable}}" in payload["unresolved"]
    assert "{{Филлиал > printable}}" in captured.err
    argv = ["samples", str(template_file), "--item", "deal:1", "--demo", "--apply"]
    assert cli.main(argv) == 0
    assert "{{Дата визита}}\t24.12.2026" in capsys.readouterr().out
    (saved,) = loads_templates(template_file.read_bytes())
    assert saved.samples["{{Дата визита}}"] == "24.12.2026"  # replaced by the item's value
    assert saved.samples["{{Другое}}"] == "x"  # a typed sample the item has no value for stays
    assert saved.sample_origins["{{Дата визита}}"] == "deal:1"  # the editor marks and refills
    assert "{{Другое}}" not in saved.sample_origins


def test_samples_vanished_item_and_bad_item(
    demo: Sandbox, template_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["samples", str(template_file), "--item", "deal:999", "--demo", "--lang", "ru"]
    assert cli.main(argv) == 1
    assert "ITEM_NOT_FOUND" in capsys.readouterr().err
    argv = ["samples", str(template_file), "--item", "сделка:1", "--demo", "--lang", "en"]
    assert cli.main(argv) == 2
    assert "expected ENTITY:ID" in capsys.readouterr().err
    before = template_file.read_bytes()
    demo.portal.denied_methods.add("crm.deal.list")
    argv = ["samples", str(template_file), "--item", "deal:1", "--demo", "--apply"]
    assert cli.main(argv) == 1
    assert template_file.read_bytes() == before  # nothing typed is lost
