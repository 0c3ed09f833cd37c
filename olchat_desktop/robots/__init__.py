"""Portal robots for admins: publish templates as app robots, audit the portal's robots.

Qt-free; the dialog is in :mod:`olchat_desktop.ui.robots`.
"""
