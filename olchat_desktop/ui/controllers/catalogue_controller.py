"""Which field catalogue the editor uses, and keeping it fresh without blocking the GUI.

The portal's catalogue when one has been read (from the disk cache or the portal),
otherwise the built-in list of common fields (``core.field_resolution.builtin_catalogue``).
Everything that touches the disk or the network runs in a ``ui.tasks`` worker:

- ``start()`` schedules loading the active portal's cached catalogue after the first
  paint; with no cache it reads the portal once in the background.
- ``refresh()`` reads ``crm.*.fields`` + ``crm.status.list`` (one ``batch``) and saves
  the cache. On failure the catalogue in use stays, and the status says what went wrong
  in the user's language.

Demo mode's sandbox starts a moment after the window; an automatic read that finds it
not started yet is retried a few times.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, Signal

from olchat_desktop.core.i18n import Lang, ntext, text
from olchat_desktop.ui.i18n import ui_text

if TYPE_CHECKING:
    from olchat_desktop.core.field_catalogue import FieldCatalogue
    from olchat_desktop.ui.catalogue.portal import ActivePortal, PortalFinder
    from olchat_desktop.ui.tasks import CancelToken, TaskHandle

# Problem kinds of ``bitrix.field_catalogue_fetch`` that mean an entity was not read.
_UNREAD = frozenset({"access_denied", "rate_limited", "malformed", "failed"})
START_DELAY_MS = 800
RETRY_MS = 1000
MAX_RETRIES = 15


def _prepare(catalogue: FieldCatalogue) -> None:
    """Build the validator's lookup indexes here, on the worker: the first keystroke
    checked against a new catalogue would otherwise pay tens of ms for them."""
    from olchat_desktop.core.field_resolution import prepare

    prepare(catalogue)


def age_text(fetched_at: float, lang: Lang, now: float | None = None) -> str:
    """ "только что", "5 мин назад", "3 ч назад", "2 дня назад" (and English)."""
    seconds = max(0, int((time.time() if now is None else now) - fetched_at))
    if seconds < 60:
        return text(lang, "just now")
    minutes = seconds // 60
    if minutes < 60:
        return text(lang, "{minutes} min ago").format(minutes=minutes)
    hours = minutes // 60
    if hours < 24:
        return text(lang, "{hours} h ago").format(hours=hours)
    days = hours // 24
    return ntext(lang, "{days} day ago", "{days} days ago", days).format(days=days)


class CatalogueController(QObject):
    """Owns the catalogue in use; :attr:`changed` fires when it or its status changes."""

    changed = Signal()

    def __init__(
        self, finder: PortalFinder, language: Callable[[], Lang], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.finder = finder
        self._language = language
        self.portal: ActivePortal | None = None
        self.portal_catalogue: FieldCatalogue | None = None
        self.error = ""  # the last failure, in the user's language; "" when none
        self.requests = 0  # HTTP requests of the last read
        # What the last read reported (an entity denied, a rate limit, odd labels), and
        # whether nothing new could be read at all.
        self._problems: tuple[Any, ...] = ()
        self._failed = False
        self._resolved = False  # the active portal was looked for at least once
        self._builtin: FieldCatalogue | None = None
        self._task: TaskHandle | None = None
        self._retries = 0
        self._stopped = False
        self._start_timer = QTimer(self)
        self._start_timer.setSingleShot(True)
        self._start_timer.timeout.connect(self.load_cached)
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.timeout.connect(lambda: self.refresh(automatic=True))
        self._ticker = QTimer(self)
        self._ticker.setInterval(60_000)  # the age text moves on by the minute
        self._ticker.timeout.connect(self.changed)

    # -- state --------------------------------------------------------------------------

    @property
    def busy(self) -> bool:
        return self._task is not None and self._task.running

    def catalogue(self) -> FieldCatalogue:
        """The portal's catalogue if read, else the built-in list."""
        if self.portal_catalogue is not None:
            return self.portal_catalogue
        if self._builtin is None:
            from olchat_desktop.core.field_resolution import builtin_catalogue

            self._builtin = builtin_catalogue()
        return self._builtin

    def status(self, lang: Lang | None = None) -> str:
        """One line: which catalogue is in use, how old, what is happening."""
        lang = lang or self._language()
        catalogue, portal = self.portal_catalogue, self.portal
        if catalogue is not None and portal is not None:
            line = (
                text(lang, "Fields of «{portal}», updated {age}")
                .replace("{portal}", portal.name)
                .replace("{age}", age_text(catalogue.fetched_at, lang))
            )
        elif portal is not None:
            line = text(
                lang, "Built-in field list (the fields of «{portal}» are not read yet)"
            ).replace("{portal}", portal.name)
        elif not self._resolved:  # the first look for a portal has not finished yet
            line = text(lang, "Built-in field list for now")
        else:
            line = text(lang, "Built-in field list (no portal connected)")
        if self.busy:
            line += " · " + text(lang, "reading the portal's fields…")
        elif self._problems:
            notes = self.problem_notes(lang)[0]
            if len(self._problems) > 1:
                notes += text(lang, " (+{value} more)").format(value=len(self._problems) - 1)
            if self._failed:
                notes = text(lang, "could not refresh: {reason}").replace("{reason}", notes)
            line += " · " + notes
        elif self.error:
            line += " · " + text(lang, "could not refresh: {reason}").replace(
                "{reason}", self.error
            )
        return line

    def problem_notes(self, lang: Lang | None = None) -> list[str]:
        """What the last read reported, one message each, in ``lang``."""
        lang = lang or self._language()
        kept = self.portal_catalogue is not None
        return [problem.message(lang, cached=kept) for problem in self._problems]

    # -- commands -----------------------------------------------------------------------

    def start(self, delay_ms: int = START_DELAY_MS) -> None:
        """Load the cached catalogue once the window is on screen."""
        self._start_timer.start(delay_ms)

    def load_cached(self) -> None:
        if self.busy or self._stopped:
            return
        from olchat_desktop.ui.tasks import start_task

        home = self.finder.home  # fixed on the GUI thread: workers may outlive a temp home
        self._task = start_task(lambda token, _report: self._load_work(home), self)
        self._task.succeeded.connect(self._on_loaded)
        self._task.failed.connect(lambda error: self._on_failed(error, automatic=True))
        self.changed.emit()

    def refresh(self, automatic: bool = False) -> None:
        """Read the active portal's catalogue again (in the background)."""
        if self.busy or self._stopped:
            return
        from olchat_desktop.ui.tasks import start_task

        self.error = ""
        self._problems = ()
        # The GUI's language, read here on the GUI thread; the data home fixed there too
        # (a worker may outlive a temporary one, as the smoke test's).
        lang, home = self._language(), self.finder.home
        self._task = start_task(lambda token, _r: self._refresh_work(token, lang, home), self)
        self._task.succeeded.connect(self._on_refreshed)
        self._task.failed.connect(lambda error: self._on_failed(error, automatic=automatic))
        self.changed.emit()

    def shutdown(self) -> None:
        """Stop: cancel a running read, start no other (the window is closing)."""
        self._stopped = True
        self._start_timer.stop()
        self._retry_timer.stop()
        if self._task is not None:
            self._task.cancel()
        self._ticker.stop()

    def resume(self, finder: PortalFinder | None = None) -> None:
        """Accept commands again after :meth:`shutdown`, optionally for another portal."""
        self._stopped = False
        if finder is not None:
            self.finder = finder

    # -- worker side --------------------------------------------------------------------

    def _load_work(self, home: Path) -> tuple[Any, Any]:
        portal = self.finder.find()
        if portal is None:
            return None, None
        from olchat_desktop.storage.field_catalogue_cache import FieldCatalogueCache

        catalogue = FieldCatalogueCache(home).load(portal.key)
        if catalogue is not None:
            _prepare(catalogue)
        return portal, catalogue

    def _refresh_work(self, token: CancelToken, lang: Lang, home: Path) -> tuple[Any, Any]:
        """Read the portal; entities that fail keep the cached fields (``load_catalogue``
        never raises for portal errors, it reports them as problems)."""
        portal = self.finder.find()
        if portal is None:
            return None, None
        from olchat_desktop.bitrix.field_catalogue_fetch import load_catalogue
        from olchat_desktop.core.field_catalogue import ENTITIES
        from olchat_desktop.storage.field_catalogue_cache import FieldCatalogueCache

        cache = FieldCatalogueCache(home)
        known = self.portal_catalogue
        same_portal = self.portal is not None and self.portal.key == portal.key
        cached = known if same_portal and known is not None else cache.load(portal.key)
        with portal.open_client() as client:
            token.check()
            load = load_catalogue(client, cached, lang=lang)
        token.check()
        # A batch that went through but read no entity (a webhook without the crm
        # scope) is no refresh: keep the cached catalogue and its time stamp.
        failed = {p.entity for p in load.problems if p.kind in _UNREAD}
        if load.fresh and not set(ENTITIES) <= failed:
            cache.save(portal.key, load.catalogue)
            _prepare(load.catalogue)
        else:
            load = load._replace(fresh=False)
        return portal, load

    # -- GUI side -----------------------------------------------------------------------

    def _on_loaded(self, result: tuple[Any, Any]) -> None:
        portal, catalogue = result
        self.portal = portal
        self._resolved = True
        if catalogue is not None:
            self.portal_catalogue = catalogue
            self._ticker.start()
        self.changed.emit()
        if portal is not None and catalogue is None:
            self.refresh(automatic=True)  # nothing cached yet: read it once

    def _on_refreshed(self, result: tuple[Any, Any]) -> None:
        portal, load = result
        self.portal = portal
        self._resolved = True
        self.error = ""
        self._problems = ()
        if load is not None:
            self.requests = load.requests
            self._problems = tuple(load.problems)
            if load.fresh:
                self.portal_catalogue = load.catalogue
                self._ticker.start()
            elif self.portal_catalogue is None and load.catalogue.source == "portal":
                self.portal_catalogue = load.catalogue  # the disk cache, as it was
            self._failed = not load.fresh
        self._retries = 0
        self.changed.emit()

    def _on_failed(self, error: object, automatic: bool) -> None:
        self._resolved = True
        from olchat_desktop.ui.catalogue.portal import SandboxNotStartedError

        if isinstance(error, SandboxNotStartedError):
            if automatic and self._retries < MAX_RETRIES:
                self._retries += 1
                self._retry_timer.start(RETRY_MS)
                self.changed.emit()
                return
            self.error = ui_text("the sandbox portal has not started yet; try again in a moment")
        else:
            from olchat_desktop.connections.errors import user_message

            failure = error if isinstance(error, BaseException) else RuntimeError(str(error))
            self.error = user_message(failure, self._language())
        self.changed.emit()
