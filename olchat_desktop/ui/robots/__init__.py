"""The "Portal robots" dialog: publish a template as an app robot, audit the portal."""

from olchat_desktop.ui.robots.dialog import PortalOption, RobotsDialog

__all__ = ["PortalOption", "RobotsDialog"]
