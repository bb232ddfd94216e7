"""Online backups and restores of the configured database (`python -m app backup|restore`)."""
