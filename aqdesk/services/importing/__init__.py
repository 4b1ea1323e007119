"""Importing plans and units' returns: read, check, preview, commit whole, record, undo."""
