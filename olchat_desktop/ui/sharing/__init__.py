"""The team library in the window (issue 19): "Sync team library now", "Share this
template with the team" and the sync state in the status bar."""
