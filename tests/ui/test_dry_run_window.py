"""The "Check on real data" window against the sandbox: progress, Stop, report, exports."""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt

from olchat_desktop.bitrix.auth import WebhookAuth
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.sandbox import Sandbox
from olchat_desktop.sandbox.seed_bulk import add_bulk_crm
from olchat_desktop.ui import i18n
from olchat_desktop.ui.dry_run.controller import DryRunController
from olchat_desktop.ui.dry_run.view import DryRunView
from olchat_desktop.ui.robots.portal_option import PortalOption
from tests.dry_run_support import typical_template

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def portal() -> Iterator[Sandbox]:
    with Sandbox(rate_profile="off") as sandbox:
        add_bulk_crm(sandbox.portal, 8000, seed=3)
        yield sandbox


@pytest.fixture
def dry_window(qtbot: Any, portal: Sandbox) -> Iterator[tuple[DryRunView, DryRunController]]:
    option = PortalOption(
        "Sandbox", lambda: BitrixClient(WebhookAuth(portal.webhook_url())), webhook=True
    )
    i18n.install_language("ru")
    view = DryRunView()
    qtbot.addWidget(view)
    controller = DryRunController(view, [option], typical_template)
    view.show()
    yield view, controller
    controller.cancel()


class Unhurried(httpx.HTTPTransport):
    """Real HTTP to the sandbox, each request taking 0.3 s more: a scan that lasts."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        time.sleep(0.3)
        return super().handle_request(request)


def test_stop_keeps_the_partial_report(
    dry_window: tuple[DryRunView, DryRunController], qtbot: Any, portal: Sandbox
) -> None:
    view, controller = dry_window
    controller.portals[0] = PortalOption(
        "Sandbox",
        lambda: BitrixClient(WebhookAuth(portal.webhook_url()), transport=Unhurried()),
        webhook=True,
    )
    seen: list[int] = []

    def stop_after_first_batch(_text: str) -> None:
        seen.append(view.progress.value())
        if len(seen) == 1:
            qtbot.mouseClick(view.cancelButton, Qt.MouseButton.LeftButton)
            # Stopped by the time the click returns: no waiting for the socket.
            assert not controller.running
            assert view.startButton.isEnabled() and not view.cancelButton.isEnabled()

    qtbot.mouseClick(view.startButton, Qt.MouseButton.LeftButton)
    assert controller.running and view.cancelButton.isEnabled()
    assert controller.task is not None
    controller.task.progressed.connect(stop_after_first_batch)
    qtbot.waitUntil(lambda: bool(seen), timeout=30_000)
    assert controller.report is not None and not controller.report.complete
    assert controller.report.stopped == "cancelled"
    assert 0 < controller.report.items_checked < 8015
    assert view.partialLabel.isVisible() and "остановлена" in view.partialLabel.text()
    assert view.model.rowCount() > 0  # partial results stay visible


def test_full_run_fills_the_table_and_exports_match(
    dry_window: tuple[DryRunView, DryRunController], qtbot: Any, tmp_path: Path
) -> None:
    view, controller = dry_window
    values: list[int] = []
    qtbot.mouseClick(view.startButton, Qt.MouseButton.LeftButton)
    assert controller.task is not None
    # Each progress signal carries the items read when the worker sent it.
    controller.task.progressed.connect(lambda text: values.append(int(text)))
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    report = controller.report
    assert report is not None and report.complete
    assert report.items_checked == 8015 and len(values) >= 3
    assert values == sorted(values) and values[-1] > values[0]  # progress moves forward
    assert not view.partialLabel.isVisible()
    assert view.model.rowCount() == len(report.offenders) > 0
    assert "Проверено 8015" in view.statusLabel.text()

    view.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # by length, longest first
    top = view.proxy.index(0, 4).data()
    lengths = [o["length"] or 0 for o in report.offenders]
    assert top.startswith(str(max(lengths)))

    controller.export_to(tmp_path / "r.csv", "csv")
    controller.export_to(tmp_path / "r.json", "json")
    exported = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    with (tmp_path / "r.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert exported["items_checked"] == 8015
    assert len(rows) == len(exported["offenders"])
    for row, offender in zip(rows, exported["offenders"], strict=True):
        assert row == {k: "" if v is None else str(v) for k, v in offender.items()}

    first_id = view.proxy.index(0, 0).data()
    assert controller.item_url(first_id) == f"{controller.origin}/crm/deal/details/{first_id}/"

    view.previewButton.click()
    assert controller._preview is not None and controller._preview.isVisible()
    assert report.worst is not None
    assert report.worst.item_id in controller._preview.windowTitle()


def test_bad_filter_is_explained_and_nothing_runs(
    dry_window: tuple[DryRunView, DryRunController], qtbot: Any
) -> None:
    view, controller = dry_window
    view.filterEdit.setText("{STAGE_ID: NEW}")
    qtbot.mouseClick(view.startButton, Qt.MouseButton.LeftButton)
    assert not controller.running and controller.task is None
    assert "JSON" in view.statusLabel.text()


def test_demo_mode_opens_from_the_message_menu_and_seeds_on_first_check(
    qtbot: Any, window: Any
) -> None:
    from olchat_desktop.ui.demo_sandbox import running_sandbox
    from olchat_desktop.ui.main_window import MainWindow

    main: MainWindow = window
    qtbot.waitUntil(lambda: running_sandbox(main) is not None, timeout=20_000)
    sandbox = running_sandbox(main)
    assert len(sandbox.portal.deals) == 15  # nothing generated at start-up
    assert main.dryRunAction in main.windowActions.messageMenu.actions()
    main.dryRunAction.trigger()
    view = main.dryRunWindow
    assert view.isVisible() and view.portalCombo.count() == 1
    controller = view.controller
    controller.start()
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    assert controller.report is not None and controller.report.complete
    assert controller.report.items_checked == 15 + 3000  # seeded by the first check
    view.close()
    main.dryRunAction.trigger()  # reopened: the same window, its report still there
    assert main.dryRunWindow is view and view.isVisible()
    assert view.model.rowCount() > 0
    view.close()


def test_item_id_opens_the_portal_page(
    dry_window: tuple[DryRunView, DryRunController], qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtGui import QDesktopServices

    view, controller = dry_window
    view.limitSpin.setValue(300)
    qtbot.mouseClick(view.startButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not controller.running, timeout=60_000)
    assert controller.report is not None and controller.report.items_checked == 300
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    cell = view.proxy.index(0, 0)
    rect = view.table.visualRect(cell)
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened == [f"{controller.origin}/crm/deal/details/{cell.data()}/"]
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton,
                     pos=view.table.visualRect(view.proxy.index(0, 3)).center())  # fmt: skip
    assert len(opened) == 1  # only the ID column is a link
