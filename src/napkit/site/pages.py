"""Every generated page, by its path in the site's docs folder."""

from __future__ import annotations

from napkit.site.reference import format_page, rules_page


def pages() -> dict[str, str]:
    return {"format.md": format_page(), "rules.md": rules_page()}
