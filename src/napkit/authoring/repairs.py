"""What `nap fmt` repairs before it formats, because it can do so safely, and says
it did: a file saved as UTF-16 or in the Windows Arabic code page (1256) is read as
such and written back as UTF-8; tabs used for indentation become two spaces each.
A repair that does not give a file that loads is not made."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ARABIC = re.compile(r"[\u0600-\u06ff]")
_LEADING_TABS = re.compile(r"^([ ]*)(\t+)", re.MULTILINE)


@dataclass
class Repaired:
    text: str
    notes: list[str] = field(default_factory=list)


def decoded(raw: bytes) -> Repaired | None:
    """The text of `raw` when it is not UTF-8 but plainly another encoding; None when
    it is UTF-8 (nothing to repair) or cannot be told (the load reports it)."""
    try:
        raw.decode("utf-8-sig")
        return None
    except UnicodeDecodeError:
        pass
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Repaired(raw.decode("utf-16"), ["re-encoded from UTF-16 to UTF-8"])
        except UnicodeDecodeError:
            return None
    try:
        text = raw.decode("cp1256")
    except UnicodeDecodeError:
        return None
    # Any bytes decode as Windows-1256: only Arabic letters make it the likely one.
    if _ARABIC.search(text) and "\x00" not in text:
        return Repaired(text, ["re-encoded from Windows-1256 (Arabic) to UTF-8"])
    return None


def untabbed(text: str) -> Repaired | None:
    """Tabs at the start of lines as two spaces each, or None if there are none."""
    if not _LEADING_TABS.search(text):
        return None
    fixed = _LEADING_TABS.sub(lambda m: m[1] + "  " * len(m[2]), text)
    return Repaired(fixed, ["tabs used for indentation replaced by two spaces each"])


__all__ = ["Repaired", "decoded", "untabbed"]
