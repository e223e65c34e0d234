"""The plan repository as data: its files, safe YAML loading, the typed framework, the plan model and money."""
