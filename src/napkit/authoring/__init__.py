"""Helping editors write plans: canonical formatting, the new-plan template, CODEOWNERS."""
