"""Local persistence: the template library (SQLite), secrets (keyring), profiles and settings."""
