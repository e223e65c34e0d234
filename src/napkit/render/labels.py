"""The words people read for the codes of the plan format: statuses, sources,
units. Codes stay in ids, files and URLs; pages, reports and charts show these.

One table for every view, so a status reads the same on the home page, in the
tracker, the report and the charts.
"""

from __future__ import annotations

# An activity's latest progress, in the order every view lists it.
STATUS_ORDER = ("completed", "on-track", "delayed", "not-started", "cancelled", "no-report")

# Where a code has no entry here, it is shown with its hyphens as spaces.
WORDS = {
    # an activity's latest progress
    "not-started": "not started",
    "on-track": "on track",
    "delayed": "delayed",
    "completed": "completed",
    "cancelled": "cancelled",
    "no-report": "no report yet",
    # a plan
    "draft": "draft",
    "submitted": "submitted",
    "finalized": "finalized",
    "approved": "approved",
    "missing": "no plan",  # also the tracker's verdict for a body without a plan
    # funding
    "committed": "committed",
    "pledged": "pledged",
    "requested": "requested",
    "funding-gap": "funding gap",
    "government": "government",
    "donor": "donor",
    "other": "other",
    # an indicator's unit
    "number": "number",
    "percent": "percent",
    "yes-no": "yes or no",
    "text": "text",
    # why an activity has no budget of its own
    "in-kind": "in kind",
    "policy": "policy",
}


def word(code: str) -> str:
    """The words for `code` (`on-track` -> `on track`)."""
    return WORDS.get(code, code.replace("-", " "))


__all__ = ["STATUS_ORDER", "WORDS", "word"]
