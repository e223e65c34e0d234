"""napkit: a National Action Plan kept as schema-validated YAML in Git."""

__version__ = "0.1.0"
