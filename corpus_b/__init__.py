"""Family B: an independent generator of scanned Ausländerakten with truth labels (see SPEC.md)."""
