"""``olchat-desktop render FILE.json --out preview.png [--theme dark] [--width 360]
[--lang ru|en] [--scale 1] [--operator] [--time HH:MM]``: the preview as a PNG.

Works without a display: when neither DISPLAY nor WAYLAND_DISPLAY is set (and no platform
was chosen), Qt's offscreen platform is used. A bundle file renders its first template.
Exit status: 0 written, 2 the file cannot be read as a template or the PNG not written.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_UNREADABLE = 2


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "render",
        help="write the WhatsApp-style preview of a template file as PNG",
        description="Write the WhatsApp-style preview of a template file as PNG. Exit "
        "status: 0 written, 2 the file is not a readable template or the PNG not written.",
    )
    parser.add_argument("file", metavar="FILE", help="template file (.json)")
    parser.add_argument("--out", required=True, metavar="PNG", help="where to write the PNG")
    parser.add_argument("--theme", choices=["light", "dark"], default="light")
    parser.add_argument("--width", type=int, default=360, help="phone width in px (360)")
    parser.add_argument(
        "--lang", dest="render_lang", choices=["ru", "en"], help="caption language (ru)"
    )
    parser.add_argument("--scale", type=float, default=1.0, help="pixel ratio (2 for HiDPI)")
    parser.add_argument(
        "--operator", action="store_true", help="the sender's view (outgoing, ticks)"
    )
    parser.add_argument("--time", metavar="HH:MM", help="time shown (default: now)")
    parser.set_defaults(run=run)


def _fail(text: str) -> int:
    print(text, file=sys.stderr)
    return EXIT_UNREADABLE


def run(args: argparse.Namespace) -> int:
    from olchat_desktop.core.fileformat import TemplateFileError, loads_templates
    from olchat_desktop.core.i18n import Lang, text

    # The sub-command's --lang wins; the global --lang (interface language) is the fallback.
    lang: Lang = "en" if (args.render_lang or getattr(args, "lang", None)) == "en" else "ru"
    path = Path(args.file)
    try:
        templates = loads_templates(path.read_bytes())
    except TemplateFileError as error:
        return _fail(f"{args.file}: {error.message(lang)}")
    except FileNotFoundError:
        return _fail(f"{args.file}: " + text(lang, "no such file"))
    except IsADirectoryError:
        return _fail(f"{args.file}: " + text(lang, "a directory, not a file"))
    except OSError as error:
        return _fail(f"{args.file}: {error.strerror or type(error).__name__}")
    if not templates:
        return _fail(f"{args.file}: " + text(lang, "no templates in file"))
    if args.width < 240 or args.scale <= 0:
        return _fail(text(lang, "--width must be at least 240 and --scale above 0"))

    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from olchat_desktop.app import ensure_application
    from olchat_desktop.ui.i18n import install_language

    ensure_application([])
    install_language(lang)
    from olchat_desktop.ui.preview import PreviewView

    view = PreviewView()
    view.set_theme(args.theme)
    view.set_phone_width(args.width)
    if args.operator:
        view.set_perspective("operator")
    if args.time:
        view.canvas.set_clock_text(args.time)
    view.set_template(templates[0])
    try:
        view.canvas.export_png(args.out, args.scale)
    except OSError:
        return _fail(f"{args.out}: " + text(lang, "cannot write the PNG"))
    return EXIT_OK
