"""Air quality: each county's figures year to date against its targets, and their ranking."""
