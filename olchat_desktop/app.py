"""GUI entry: build the main window (without an event loop) and run the app.

Start-up stays lean (issue 5 budgets): Qt widgets and sqlite are imported here; pydantic,
httpx, keyring, regex and the sandbox load when something needs them (the sandbox in a
background task).

PySide's import hook would read the source of every module an import statement names
(its ``__feature__`` support); importing ``olchat_desktop.ui`` first records them all as
featureless (``ui/pyside_features.py``).
"""

from __future__ import annotations

import gc
import os
import sys
import time
from typing import TYPE_CHECKING

from olchat_desktop import APP_ID, DESKTOP_ID, __version__, demo
from olchat_desktop.gui_args import parse_gui_args
from olchat_desktop.storage.library import LibraryError, TemplateLibrary
from olchat_desktop.storage.secret_store_factory import use_settings
from olchat_desktop.storage.settings import SettingsStore
from olchat_desktop.ui.main_window import MainWindow

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


def ensure_application(argv: list[str]) -> QApplication:
    from PySide6.QtWidgets import QApplication

    from olchat_desktop.ui.theme import FUSION_ARGUMENTS, FUSION_PROPERTY

    app = QApplication.instance()
    if app is None:
        program = sys.argv[0] if sys.argv else "olchat-desktop"
        app = QApplication([program, *FUSION_ARGUMENTS, *argv])
        # The command line sets the style unless the user's own "-style" came later.
        own_style = any(arg == "-style" or arg.startswith("-style=") for arg in argv)
        app.setProperty(FUSION_PROPERTY, not own_style)
    assert isinstance(app, QApplication)
    # The application name is X11's WM_CLASS class (and the program name its instance
    # name): the desktop entry's StartupWMClass=olchat-desktop matches it, so the dock
    # groups the window under the entry's icon. Window titles keep APP_NAME.
    app.setApplicationName(APP_ID)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(DESKTOP_ID)
    return app


def build_main_window(argv: list[str]) -> MainWindow:
    """Return the fully wired main window without entering the event loop.

    ``OLCHAT_DESKTOP_HOME`` chooses the data home (library, settings). ``--demo``, or no
    configured connection at all, starts demo mode: the demo templates are seeded into an
    empty library and the embedded sandbox portal starts in the background if available.
    """
    from olchat_desktop.ui import i18n

    options = parse_gui_args(argv)
    ensure_application(argv)
    store = SettingsStore()
    settings = store.load()
    # The keyring chosen once is remembered in these settings (issue 4).
    use_settings(settings, store)
    i18n.install_language(i18n.resolve_language(settings.language, options.lang))
    try:
        library = TemplateLibrary()
    except LibraryError as error:
        # Locked by another program or damaged: browse it read-only (issue 15); a file
        # even that cannot read raises, and main() offers the rescue instead.
        from olchat_desktop.ui.read_only import open_read_only

        library = open_read_only(error)
    demo_mode = options.demo or demo.nothing_configured()
    if demo_mode and not library.read_only:
        demo.seed_demo_library(library)
    window = MainWindow(library, settings, store, demo=demo_mode)
    window.send_dialog_factory = open_send_dialog  # type: ignore[attr-defined]
    if demo_mode:
        from olchat_desktop.ui.demo_sandbox import start_demo_sandbox

        start_demo_sandbox(window)
    return window


def open_send_dialog(window: MainWindow) -> None:
    """The send dialog factory; its import (httpx, Bitrix24 and OLChat clients) waits for
    the first use, since it is about a third of the start-up time otherwise."""
    from olchat_desktop.ui.busy import busy_cursor

    with busy_cursor():  # the first import takes about 0.2 s (httpx, pydantic, clients)
        from olchat_desktop.ui.send.open_dialog import open_send_dialog as open_dialog
    open_dialog(window)


# Set by the start-up benchmark (benchmarks/ui_bench.py): the real entry point runs up to
# the first painted window, prints "<perf_counter> <peak RSS KiB>" and exits.
STARTUP_PROBE_ENV = "OLCHAT_DESKTOP_STARTUP_PROBE"


def main(argv: list[str]) -> int:
    from olchat_desktop.app_logging import configure_logging, install_exception_hook

    configure_logging()
    install_exception_hook()
    options = parse_gui_args(argv)
    claim = None
    if not options.new_instance:
        # One window per library (issue 18): the owner's check is a lock, a few system
        # calls; a later start hands its files to the owner here and exits.
        from olchat_desktop import app_instance

        claim = app_instance.claim(options, argv)
        if claim.lock is None:
            return claim.exit_code
    app = ensure_application(argv)
    try:
        window = build_main_window(argv)
    except LibraryError as error:  # damaged, locked, newer: say so, offer a rescue
        from olchat_desktop.paths import library_path
        from olchat_desktop.ui import i18n
        from olchat_desktop.ui.library_rescue import offer_rescue

        offer_rescue(error, library_path(), i18n.current_language()).exec()
        return 1
    window.show()
    resume_gc()
    if os.environ.get(STARTUP_PROBE_ENV) == "1":
        return _report_startup(app, window)
    if claim is not None and claim.lock is not None:
        from PySide6.QtCore import QTimer

        lock = claim.lock
        # After the first paint: QtNetwork's import (12-23 ms) stays off the start-up path.
        QTimer.singleShot(0, lambda: app_instance.serve(window, lock))
    if options.files:
        # Read on a worker thread once the loop runs; the window is already painted.
        window.fileOpener.open_paths(options.files)
    return app.exec()


def resume_gc() -> None:
    """Resume the cyclic garbage collector, which ``cli`` pauses before importing the GUI:
    start-up allocates long-lived objects only (modules, classes, enums, Qt wrappers), so
    the collections it would trigger free nothing (about 10 ms of work). Everything built
    so far is frozen (``gc.freeze``), so later collections, e.g. while typing, skip it."""
    gc.freeze()
    gc.enable()


def _report_startup(app: QApplication, window: MainWindow) -> int:
    app.processEvents()  # the first paint
    print(time.perf_counter(), peak_rss_kib(), flush=True)
    window.close()
    return 0


def peak_rss_kib() -> int:
    """This process's peak resident memory in KiB: ``VmHWM`` (proc(5)), which belongs to
    the address space execve created; ``ru_maxrss`` is the fallback elsewhere."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    try:
        import resource
    except ImportError:  # Windows: no peak figure
        return 0
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
