"""What reads across ledgers: status, overview, unit view, the Excel ledger."""
