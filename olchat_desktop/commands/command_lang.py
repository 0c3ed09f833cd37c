"""The language a command answers in: its own ``--lang``, the top-level ``--lang``, or the
environment's ``LANG`` (Russian when it starts with "ru", English otherwise)."""

from __future__ import annotations

import argparse
import os

from olchat_desktop.core.i18n import Lang


def command_lang(args: argparse.Namespace) -> Lang:
    chosen = getattr(args, "message_lang", None) or getattr(args, "lang", None)
    if chosen in ("ru", "en"):
        return "ru" if chosen == "ru" else "en"
    return "ru" if os.environ.get("LANG", "").lower().startswith("ru") else "en"
