"""Views of the main window."""
