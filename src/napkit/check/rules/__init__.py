"""Cross-file rules: one small function per rule id, each yielding findings."""
