"""History (masking, filters, snapshot, CSV), parameter mapping and the double-send guard."""

from __future__ import annotations

import csv
import io

import pytest

from olchat_desktop.core.template import Template
from olchat_desktop.send.history import HistoryEntry, SendHistory, mask_phone
from olchat_desktop.send.mapping import MappingStore, auto_map, parameter_values
from olchat_desktop.send.outcome import SendOutcome
from olchat_desktop.send.send_id import DoubleSendError, SendGuard, new_send_id


@pytest.mark.parametrize(
    ("raw", "masked"),
    [
        ("79991234567", "+7 999 ***-**-67"),
        ("8 (999) 123-45-67", "+7 999 ***-**-67"),
        ("380501234567", "+3805******67"),
        ("{{Телефон}}", "{{Телефон}}"),
    ],
)
def test_mask_phone(raw: str, masked: str) -> None:
    assert mask_phone(raw) == masked


def test_history_filters_snapshot_and_csv() -> None:
    history = SendHistory()
    sent = Template(name="Отзыв клиента", message="v1", buttons=["Да"])
    first = HistoryEntry.start("a1", "olchat", "Линия", "79991234567", sent)
    history.record(first)
    history.record(first.finished(SendOutcome("a1", "olchat", "delivered", message_id="m1")))
    other = Template(name="Доставка", message="x", buttons=["Ок"])
    history.record(
        HistoryEntry.start("b2", "workflow", "Портал", "79160000002", other).finished(
            SendOutcome("b2", "workflow", "replied", workflow_id="w1", reply="Ок")
        )
    )
    assert [e.send_id for e in history.entries(path="olchat")] == ["a1"]
    assert [e.send_id for e in history.entries(result="replied")] == ["b2"]
    assert [e.send_id for e in history.entries(text="ОТЗЫВ")] == ["a1"]  # Cyrillic, any case
    assert history.get("a1").result == "delivered"  # type: ignore[union-attr]
    assert "79991234567" not in history.path.read_bytes().decode("utf-8", "replace")
    restored = history.template_as_sent("a1")
    assert restored is not None and restored.message == "v1" and restored.id == sent.id
    stream = io.StringIO()
    assert history.export_csv(stream, history.entries()) == 2
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert {r["reply"] for r in rows} == {"", "Ок"}
    assert "template_json" not in rows[0]


def test_auto_map_by_name_and_type_and_remembered_edits() -> None:
    parameters = {
        "Phone": {"Name": "Номер телефона", "Type": "string"},
        "Body": {"Name": "Текст сообщения", "Type": "text"},
        "Ask": {"Name": "Что-то", "Type": "bool"},
        "Extra": {"Name": "Комментарий", "Type": "string"},
        "Line": {
            "Name": "Линия",
            "Type": "select",
            "Options": {"1": "Продажи", "2": "Поддержка"},
            "Default": "1",
        },
    }
    mapping = auto_map(parameters)
    assert mapping == {
        "Phone": "recipient",
        "Body": "message",
        "Ask": "wait_for_reply",
        "Extra": "",
        "Line": "line",
    }
    template = Template(
        line="Поддержка",
        message="Привет, {{Имя}}",
        buttons=["Да"],
        wait_for_reply=True,
        samples={"{{Имя}}": "Анна"},
    )
    values = parameter_values(template, "8 916 100-00-02", parameters, mapping)
    assert values == {"Phone": "79161000002", "Body": "Привет, Анна", "Ask": "Y", "Line": "2"}
    store = MappingStore()
    store.save("portal", 8, {**mapping, "Extra": "footer"})
    assert store.mapping_for("portal", 8, parameters)["Extra"] == "footer"
    assert store.mapping_for("portal", 9, parameters)["Extra"] == ""


def test_guard_blocks_double_send_and_asks_after_time_out() -> None:
    guard, key = SendGuard(), ("olchat", "79991234567", "t1")
    send_id = new_send_id()
    guard.begin(key, send_id)
    with pytest.raises(DoubleSendError):
        guard.begin(key, new_send_id())
    guard.finish(key, SendOutcome(send_id, "olchat", "timeout"))
    assert guard.needs_confirmation(key)
    guard.begin(key, new_send_id())
    guard.finish(key, SendOutcome("x", "olchat", "delivered"))
    assert not guard.needs_confirmation(key)
    assert new_send_id() != new_send_id()
