"""OLChat Desktop: design, validate and test WhatsApp button messages for Bitrix24 + OLChat."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("olchat-desktop")
except PackageNotFoundError:  # running from a source tree or a frozen bundle without metadata
    __version__ = "0.1.0"

APP_NAME = "OLChat Desktop"
APP_ID = "olchat-desktop"
