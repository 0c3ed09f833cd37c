"""Controllers of the main window."""
