"""OLChat Desktop: design, validate and test WhatsApp button messages for Bitrix24 + OLChat."""

# A literal rather than importlib.metadata: reading package metadata costs ~20 ms of
# start-up. tests/test_cli_basics.py checks it matches pyproject.toml.
__version__ = "0.1.0"

APP_NAME = "OLChat Desktop"
APP_ID = "olchat-desktop"
# The freedesktop id: the desktop entry, metainfo, icon and MIME files are named after it
# (resources/linux), and Wayland matches the window to its desktop entry by it.
DESKTOP_ID = "io.olchat.Desktop"
