"""What several wings share: audit, edits, settings, working days, units, backups, the import record."""
