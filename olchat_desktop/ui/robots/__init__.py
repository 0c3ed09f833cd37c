"""The "Portal robots" dialog: publish a template as an app robot, audit the portal.

``dialog.RobotsDialog`` and ``dialog.PortalOption``; ``open_dialog`` wires it to the main
window. Nothing is imported here, so the main window's start-up does not load the
Bitrix24 client until the dialog is opened.
"""
