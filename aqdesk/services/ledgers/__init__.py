"""One wing per ledger's use cases: tasks, loose coal, relocation, substitution."""
