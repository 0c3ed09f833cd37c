"""The report an unexpected error shows (issue 18): what happened, where, on what, with
every secret removed, ready to copy into a message to the developers.

Built from the exception and its traceback only (no local variables, no settings, no
template text), then passed through ``redaction.redact`` as a whole: webhook paths,
OLChat tokens, ``key=value`` and JSON secrets and every registered secret value are
masked wherever they occur, the exception's message included. Qt-free.
"""

from __future__ import annotations

import platform
import sys
import traceback
from datetime import UTC, datetime
from types import TracebackType

from olchat_desktop import __version__
from olchat_desktop.redaction import redact

MAX_REPORT_CHARS = 20_000  # a recursion error's traceback is cut, not shown whole


def build_report(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> str:
    lines = [
        f"OLChat Desktop {__version__}",
        f"Time: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M:%S')} UTC",
        f"Python {platform.python_version()}, Qt {_qt_version()}, {platform.platform()}",
        f"Frozen bundle: {'yes' if getattr(sys, 'frozen', False) else 'no'}",
        "",
        "".join(traceback.format_exception(kind, error, trace)).rstrip(),
    ]
    report = redact("\n".join(lines))
    if len(report) > MAX_REPORT_CHARS:
        half = MAX_REPORT_CHARS // 2
        report = report[:half] + "\n…\n" + report[-half:]
    return report


def _qt_version() -> str:
    core = sys.modules.get("PySide6.QtCore")
    version = getattr(core, "qVersion", None)
    return str(version()) if callable(version) else "not loaded"
