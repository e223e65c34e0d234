"""The history of every plan, read from git in one pass."""
