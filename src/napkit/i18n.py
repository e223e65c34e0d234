"""napkit's own words in the reader's language: the gettext catalogues in
src/napkit/locale/<language>/LC_MESSAGES/napkit.po, read with Babel. A word with no
translation stays English. The framework's own terms (pillars, bodies, places) come
from plans/nap.yaml and plans/bodies.yaml, never from here."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from babel.messages.pofile import read_po

DOMAIN = "napkit"


def N_(message: str) -> str:
    """Marks `message` for the catalogues; it is translated where it is shown."""
    return message


@cache
def catalogue(language: str) -> dict[str, str]:
    """msgid -> its translation into `language` ({} when napkit has no catalogue for it)."""
    path = files("napkit").joinpath("locale", language, "LC_MESSAGES", f"{DOMAIN}.po")
    if not path.is_file():
        return {}
    with path.open("rb") as handle:
        messages = read_po(handle)
    return {
        str(m.id): str(m.string)
        for m in messages
        if m.id and isinstance(m.string, str) and m.string and not m.fuzzy
    }


def translate(message: str, language: str) -> str:
    return catalogue(language).get(message, message)


__all__ = ["DOMAIN", "N_", "catalogue", "translate"]
