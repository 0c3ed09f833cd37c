"""Light and dark themes: the app palette and the WhatsApp preview's colour tokens.

``WHATSAPP`` holds the preview palette from ``reference/olchat_whatsapp.md`` §4. No
official Meta spec exists; the values are the ones public WhatsApp clones use, so the
preview calls itself "approximate". ``apply_app_theme`` gives the rest of the app a
matching Fusion palette: the native styles ignore a custom palette on some platforms,
Fusion honours it everywhere (Qt docs, "QPalette" and "Styles and Style Aware Widgets").
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

# Qt's command-line option for the style: ``ensure_application`` creates the QApplication
# with it, so start-up never calls QApplication.setStyle, whose returned QStyle object is
# the first Python use of the QStyle type, and creating that type's enums costs 5 ms.
FUSION_ARGUMENTS: tuple[str, ...] = ("-style", "Fusion")
# Dynamic property on the QApplication: True once its style is Fusion.
FUSION_PROPERTY = "olchatFusionStyle"

THEMES: tuple[str, ...] = ("light", "dark")
THEME_SETTINGS: tuple[str, ...] = ("system", *THEMES)

# Token -> "#RRGGBB" or "#AARRGGBB" (Qt's alpha-first form). Source of each value: §4.
WHATSAPP: dict[str, dict[str, str]] = {
    "light": {
        "chat_background": "#EFEAE2",  # current web; legacy #E5DDD5
        "chat_pattern": "#0F000000",  # faint doodle dots over the background
        "incoming_bubble": "#FFFFFF",
        "outgoing_bubble": "#D9FDD3",
        "bubble_shadow": "#21000000",
        "text": "#111B21",
        "secondary_text": "#667781",
        "meta_text": "#8696A0",  # footer, time
        "accent": "#00A884",  # reply-button titles and icon
        "link": "#027EB5",
        "ticks_read": "#53BDEB",
        "code_background": "#14000000",  # inline code and monospace blocks: a light tint
        "quote_bar": "#00A884",
        "quote_background": "#0A000000",
        "sample_underline": "#8096A0",  # expression shown with its sample
        "unknown_background": "#FFE8A3",  # expression without sample: amber chip
        "unknown_text": "#7A4F00",
        "caption_background": "#FFFFFF",
        "caption_text": "#54656F",
        "frame": "#D1D7DB",
    },
    "dark": {
        "chat_background": "#0B141A",
        "chat_pattern": "#0CFFFFFF",
        "incoming_bubble": "#202C33",
        "outgoing_bubble": "#005C4B",
        "bubble_shadow": "#40000000",
        "text": "#E9EDEF",
        "secondary_text": "#8696A0",
        "meta_text": "#8696A0",
        "accent": "#00A884",
        "link": "#53BDEB",
        "ticks_read": "#53BDEB",
        "code_background": "#1FFFFFFF",
        "quote_bar": "#00A884",
        "quote_background": "#0FFFFFFF",
        "sample_underline": "#8096A0",
        "unknown_background": "#5C4A12",
        "unknown_text": "#FFD479",
        "caption_background": "#182229",
        "caption_text": "#8696A0",
        "frame": "#222D34",
    },
}


def whatsapp_color(theme: str, token: str) -> QColor:
    """A preview colour; an unknown theme name falls back to light."""
    return QColor(WHATSAPP.get(theme, WHATSAPP["light"])[token])


def system_theme() -> str:
    """ "dark" when the platform reports a dark colour scheme, else "light".

    ``QStyleHints.colorScheme()`` (Qt 6.5+) reports Unknown on platforms without the
    information, offscreen included; light is the safe default there.
    """
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return "light"
    scheme = QGuiApplication.styleHints().colorScheme()
    return "dark" if scheme == Qt.ColorScheme.Dark else "light"


def resolve_theme(setting: str) -> str:
    """ "system" follows the platform; "light"/"dark" are kept; anything else is light."""
    if setting == "system":
        return system_theme()
    return setting if setting in THEMES else "light"


def _dark_palette() -> QPalette:
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#1F2C34",
        QPalette.ColorRole.WindowText: "#E9EDEF",
        QPalette.ColorRole.Base: "#111B21",
        QPalette.ColorRole.AlternateBase: "#1F2C34",
        QPalette.ColorRole.ToolTipBase: "#2A3942",
        QPalette.ColorRole.ToolTipText: "#E9EDEF",
        QPalette.ColorRole.PlaceholderText: "#8696A0",
        QPalette.ColorRole.Text: "#E9EDEF",
        QPalette.ColorRole.Button: "#2A3942",
        QPalette.ColorRole.ButtonText: "#E9EDEF",
        QPalette.ColorRole.BrightText: "#FF6B6B",
        QPalette.ColorRole.Link: "#53BDEB",
        QPalette.ColorRole.Highlight: "#00A884",
        QPalette.ColorRole.HighlightedText: "#FFFFFF",
        QPalette.ColorRole.Light: "#3B4A54",
        QPalette.ColorRole.Midlight: "#2F3E47",
        QPalette.ColorRole.Mid: "#26343C",
        QPalette.ColorRole.Dark: "#0B141A",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, value in colors.items():
        palette.setColor(role, QColor(value))
    disabled = QColor("#667781")
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        palette.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    return palette


# Fusion's standard light palette (QFusionStyle::standardPalette, Qt 6) where it differs
# from QPalette's own derivation from the window colour #EFEFEF. Written out rather than
# asked from a Fusion QStyle object: see FUSION_ARGUMENTS. A test compares them.
_FUSION_LIGHT: dict[QPalette.ColorGroup, dict[QPalette.ColorRole, str]] = {
    QPalette.ColorGroup.Active: {
        QPalette.ColorRole.Midlight: "#CACACA",
        QPalette.ColorRole.Dark: "#9F9F9F",
        QPalette.ColorRole.Mid: "#B8B8B8",
        QPalette.ColorRole.Shadow: "#767676",
        QPalette.ColorRole.Highlight: "#308CC6",
        QPalette.ColorRole.PlaceholderText: "#80000000",
        QPalette.ColorRole.Accent: "#308CC6",
    },
    QPalette.ColorGroup.Disabled: {
        QPalette.ColorRole.WindowText: "#BEBEBE",
        QPalette.ColorRole.Midlight: "#CACACA",
        QPalette.ColorRole.Dark: "#BEBEBE",
        QPalette.ColorRole.Mid: "#B8B8B8",
        QPalette.ColorRole.Text: "#BEBEBE",
        QPalette.ColorRole.ButtonText: "#BEBEBE",
        QPalette.ColorRole.Shadow: "#B1B1B1",
        QPalette.ColorRole.Highlight: "#919191",
        QPalette.ColorRole.AlternateBase: "#F7F7F7",
        QPalette.ColorRole.PlaceholderText: "#80000000",
        QPalette.ColorRole.Accent: "#919191",
    },
}
_FUSION_LIGHT[QPalette.ColorGroup.Inactive] = _FUSION_LIGHT[QPalette.ColorGroup.Active]


def fusion_light_palette() -> QPalette:
    """Fusion's standard light palette."""
    palette = QPalette(QColor("#EFEFEF"))
    for group, colors in _FUSION_LIGHT.items():
        for role, value in colors.items():
            palette.setColor(group, role, QColor(value))
    return palette


def _light_palette() -> QPalette:
    # Fusion's own standard palette is a neutral light one; only the accents change.
    palette = fusion_light_palette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#008069"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    palette.setColor(QPalette.ColorRole.Link, QColor("#027EB5"))
    return palette


def apply_app_theme(app: QApplication, name: str) -> None:
    """Give the whole app the Fusion style with a light or dark palette."""
    if not app.property(FUSION_PROPERTY):
        app.setStyle("Fusion")
        app.setProperty(FUSION_PROPERTY, True)
    dark = resolve_theme(name) == "dark"
    app.setPalette(_dark_palette() if dark else _light_palette())
