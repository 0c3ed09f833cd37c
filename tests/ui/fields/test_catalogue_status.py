"""Catalogue status in the editor: which field list is in use, its age, Refresh in the
background, errors kept specific while the cached catalogue stays in use. Against a real
sandbox portal over loopback."""

from __future__ import annotations

from typing import Any

from pytestqt.qtbot import QtBot

from olchat_desktop.sandbox import Sandbox
from olchat_desktop.ui.catalogue.portal import PortalFinder
from olchat_desktop.ui.main_window import MainWindow

TIMEOUT_MS = 15_000


class _Hook:
    """Stands for a sandbox whose admin webhook is ``url`` (another user, a stopped one)."""

    def __init__(self, url: str) -> None:
        self.url = url

    def webhook_url(self, _who: str = "admin") -> str:
        return self.url


def _use_portal(window: MainWindow, sandbox: Any) -> None:
    """Point the window's catalogue at ``sandbox`` (instead of demo mode's own)."""
    catalogues = window.windowActions.catalogues
    catalogues.shutdown()  # no start-up load racing the test
    catalogues.resume(PortalFinder(lambda: sandbox, demo=False))


def _status(window: MainWindow) -> str:
    return window.editorView.catalogueStatusLabel.text()


def test_refresh_reads_the_portal_in_the_background_and_caches_it(
    window: MainWindow, qtbot: QtBot, sandbox: Sandbox, open_window: Any
) -> None:
    catalogues = window.windowActions.catalogues
    _use_portal(window, sandbox)
    catalogues.refresh()
    assert catalogues.busy  # the GUI thread did not wait for the portal
    assert "reading the portal's fields" in _status(window)
    qtbot.waitUntil(lambda: catalogues.portal_catalogue is not None, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not catalogues.busy)
    assert _status(window) == "Fields of «Песочница / Sandbox», updated just now"
    assert catalogues.requests <= 2
    portal = catalogues.portal_catalogue
    assert portal is not None and portal.source == "portal"
    assert portal.by_label("deal", "Филиал") is not None  # a sandbox user field
    # The picker now lists the portal's fields and says so.
    picker = window.windowActions.insertField
    picker.open()
    picker.popup.searchEdit.setText("филиал")
    assert picker.popup.current_field().code == "UF_CRM_1700000003"  # type: ignore[union-attr]
    assert picker.popup.statusLabel.text() == _status(window)
    picker.popup.close()
    # The editor now checks expressions against the portal: a typo is reported.
    window.libraryController.new_template()
    window.editorView.messageEdit.setPlainText("{{Филиалл}}")
    codes = [p.code for p in window.editor.current_problems()]
    assert "unknown_field" in codes
    # A second window for the same portal starts from the disk cache.
    second = open_window(qtbot)
    second_catalogues = second.windowActions.catalogues
    _use_portal(second, sandbox)
    second_catalogues.load_cached()
    qtbot.waitUntil(lambda: second_catalogues.portal_catalogue is not None, timeout=TIMEOUT_MS)
    assert second_catalogues.portal_catalogue.fetched_at == portal.fetched_at  # type: ignore[union-attr]
    assert second_catalogues.requests == 0  # not read from the portal again


def test_failures_are_specific_and_the_catalogue_stays(
    window: MainWindow, qtbot: QtBot, sandbox: Sandbox
) -> None:
    catalogues = window.windowActions.catalogues
    _use_portal(window, sandbox)
    catalogues.refresh()
    qtbot.waitUntil(lambda: catalogues.portal_catalogue is not None, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: not catalogues.busy)
    kept = catalogues.portal_catalogue
    # A webhook without the crm scope: access denied, in words.
    no_crm = sandbox.add_webhook(1, ["user"])
    _use_portal(window, _Hook(no_crm))
    catalogues.refresh()
    qtbot.waitUntil(lambda: not catalogues.busy, timeout=TIMEOUT_MS)
    assert "could not refresh" in _status(window)
    assert catalogues.portal_catalogue is kept
    assert no_crm not in _status(window)  # the webhook's secret is never shown
    # The portal is gone: a connection error, the catalogue still in use.
    url = sandbox.webhook_url("admin")
    sandbox.stop()
    _use_portal(window, _Hook(url))
    catalogues.refresh()
    qtbot.waitUntil(lambda: not catalogues.busy, timeout=TIMEOUT_MS)
    assert "could not refresh" in _status(window)
    assert catalogues.portal_catalogue is kept
    assert url not in _status(window)
    assert window.windowActions.catalogues.catalogue() is kept


def test_without_a_portal_the_built_in_list_is_used_and_named(
    window: MainWindow, qtbot: QtBot
) -> None:
    catalogues = window.windowActions.catalogues
    _use_portal(window, None)
    catalogues.portal = None
    catalogues._resolved = False
    catalogues.changed.emit()
    assert _status(window) == "Built-in field list for now"  # not looked for a portal yet
    catalogues.load_cached()
    qtbot.waitUntil(lambda: not catalogues.busy, timeout=TIMEOUT_MS)
    assert _status(window) == "Built-in field list (no portal connected)"
    assert catalogues.catalogue().source == "builtin"
    assert not window.editorView.refreshCatalogueButton.isEnabled()
