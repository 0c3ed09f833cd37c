"""Theme resolution and the app palette."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from olchat_desktop.ui.theme import WHATSAPP, apply_app_theme, resolve_theme


def test_explicit_settings_are_kept_and_unknown_ones_fall_back() -> None:
    assert resolve_theme("light") == "light"
    assert resolve_theme("dark") == "dark"
    assert resolve_theme("neon") == "light"


def test_system_follows_the_platform(qapp: QApplication) -> None:
    # Offscreen reports no colour scheme, which resolves to light.
    assert resolve_theme("system") == "light"


def test_palette_tokens_match_the_reference() -> None:
    assert WHATSAPP["light"]["incoming_bubble"] == "#FFFFFF"
    assert WHATSAPP["dark"]["incoming_bubble"] == "#202C33"
    assert WHATSAPP["dark"]["chat_background"] == "#0B141A"
    assert WHATSAPP["light"].keys() == WHATSAPP["dark"].keys()


def test_app_theme_sets_fusion_and_a_dark_or_light_palette(qapp: QApplication) -> None:
    original = qapp.palette()
    try:
        apply_app_theme(qapp, "dark")
        assert qapp.style().name().lower() == "fusion"
        dark = qapp.palette().color(QPalette.ColorRole.Window).lightness()
        apply_app_theme(qapp, "light")
        light = qapp.palette().color(QPalette.ColorRole.Window).lightness()
        assert dark < 80 < light
    finally:
        qapp.setPalette(original)


def test_fusion_light_palette_is_fusions_standard_palette(qapp: QApplication) -> None:
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QStyleFactory

    from olchat_desktop.ui.theme import fusion_light_palette

    fusion = QStyleFactory.create("Fusion")
    assert fusion is not None
    expected, ours = fusion.standardPalette(), fusion_light_palette()
    groups = (
        QPalette.ColorGroup.Active,
        QPalette.ColorGroup.Inactive,
        QPalette.ColorGroup.Disabled,
    )
    roles = [role for role in QPalette.ColorRole if role != QPalette.ColorRole.NColorRoles]
    argb = QColor.NameFormat.HexArgb
    differences = [
        (group.name, role.name)
        for group in groups
        for role in roles
        if expected.color(group, role).name(argb) != ours.color(group, role).name(argb)
    ]
    assert differences == []
