"""Checking a whole repository: the JSON Schemas, the cross-file rules, one report of every problem."""
