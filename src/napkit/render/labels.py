"""The words people read for the codes of the plan format: statuses, sources,
units. Codes stay in ids, files and URLs; pages, reports and charts show these.

One table for every view, so a status reads the same on the home page, in the
tracker, the report and the charts; in the reader's language (napkit.i18n).
"""

from __future__ import annotations

from napkit.i18n import N_, t

# An activity's latest progress, in the order every view lists it.
STATUS_ORDER = ("completed", "on-track", "delayed", "not-started", "cancelled", "no-report")

# Where a code has no entry here, it is shown with its hyphens as spaces.
WORDS = {
    # an activity's latest progress
    "not-started": N_("not started"),
    "on-track": N_("on track"),
    "delayed": N_("delayed"),
    "completed": N_("completed"),
    "cancelled": N_("cancelled"),
    "no-report": N_("no report yet"),
    # a plan
    "draft": N_("draft"),
    "submitted": N_("submitted"),
    "finalized": N_("finalized"),
    "approved": N_("approved"),
    "missing": N_("no plan"),  # also the tracker's verdict for a body without a plan
    # the tracker's verdicts on a plan (napkit.build.tracker)
    "on time": N_("on time"),
    "late": N_("late"),
    "submitted (no deadline)": N_("submitted (no deadline)"),
    "submitted (no date)": N_("submitted (no date)"),
    "not submitted": N_("not submitted"),
    # funding
    "committed": N_("committed"),
    "pledged": N_("pledged"),
    "requested": N_("requested"),
    "funding-gap": N_("funding gap"),
    "government": N_("government"),
    "donor": N_("donor"),
    "other": N_("other"),
    # an indicator's unit
    "number": N_("number"),
    "percent": N_("percent"),
    "yes-no": N_("yes or no"),
    "text": N_("text"),
    # a body's kind (bodies.yaml)
    "ministry": N_("ministry"),
    "department": N_("department"),
    "council": N_("council"),
    "institution": N_("institution"),
    "office": N_("office"),
    # why an activity has no budget of its own
    "in-kind": N_("in kind"),
    "policy": N_("policy"),
}


def word(code: str) -> str:
    """The words for `code` (`on-track` -> `on track`), in the reader's language."""
    return t(WORDS[code]) if code in WORDS else code.replace("-", " ")


__all__ = ["STATUS_ORDER", "WORDS", "word"]
