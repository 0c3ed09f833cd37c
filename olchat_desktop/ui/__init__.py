"""PySide6 user interface: views (layout), controllers (behaviour), preview, background tasks."""
