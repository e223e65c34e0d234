"""The history of every plan, read from git in one pass: git -> versions -> revisions -> semantic diff (data only, no Markdown)."""
