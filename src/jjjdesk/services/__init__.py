"""Use cases over an explicit session: registry, entries, audit; permissions live here."""
