"""PySide6 user interface: views (layout), controllers (behaviour), preview, background tasks.

Importing this package first tells PySide which modules use no ``__feature__``, so that
importing the UI does not make PySide read the source of some ninety modules
(``pyside_features``; issue 5's start-up budget).
"""

from olchat_desktop.ui.pyside_features import record_modules_without_features

record_modules_without_features()
