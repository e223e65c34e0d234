"""napkit's own words in the reader's language: the gettext catalogues in
src/napkit/locale/<language>/LC_MESSAGES/napkit.po, read with Babel. A word with no
translation stays English. The framework's own terms (pillars, bodies, places) come
from plans/nap.yaml and plans/bodies.yaml, never from here."""

from __future__ import annotations

import gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

DOMAIN = "napkit"


def N_(message: str) -> str:
    """Marks `message` for the catalogues; it is translated where it is shown."""
    return message


@cache
def _read(language: str) -> Catalog | None:
    path = files("napkit").joinpath("locale", language, "LC_MESSAGES", f"{DOMAIN}.po")
    if not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle)


@cache
def catalogue(language: str) -> dict[str, str]:
    """msgid -> its translation into `language` ({} when napkit has no catalogue for it)."""
    messages = _read(language)
    if messages is None:
        return {}
    return {
        str(m.id): str(m.string)
        for m in messages
        if m.id and isinstance(m.id, str) and isinstance(m.string, str) and m.string
        if not m.fuzzy
    }


@cache
def plurals(language: str) -> dict[tuple[str, str], tuple[str, ...]]:
    """(singular, plural) -> the language's forms, in the order of its plural rule."""
    messages = _read(language)
    if messages is None:
        return {}
    return {
        (str(m.id[0]), str(m.id[1])): tuple(str(s) for s in m.string)
        for m in messages
        if isinstance(m.id, tuple) and isinstance(m.string, tuple) and all(m.string)
        if not m.fuzzy
    }


def translate(message: str, language: str) -> str:
    return catalogue(language).get(message, message)


def plural(singular: str, plural_form: str, n: int, language: str) -> str:
    """The form of a message about `n` things that `language` uses for `n` (Arabic has
    six). Placeholders are left for the caller: plural("{n} plan", "{n} plans", n, "ar")."""
    forms = plurals(language).get((singular, plural_form))
    messages = _read(language)
    if forms is None or messages is None:
        return singular if n == 1 else plural_form
    # The catalogue's own rule (its Plural-Forms header), as gettext applies it.
    index = int(gettext.c2py(messages.plural_expr)(n))
    return forms[min(index, len(forms) - 1)]


@dataclass(frozen=True)
class Words:
    """napkit's words in one language: `words("Budget")`, `words.plural(...)`."""

    language: str

    def __call__(self, message: str) -> str:
        return translate(message, self.language)

    def plural(self, singular: str, plural_form: str, n: int) -> str:
        return plural(singular, plural_form, n, self.language)


# The language of messages (nap validate, nap import): chosen once, by the CLI.

LANGUAGE_VARIABLE = "NAP_LANG"
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")


def languages() -> tuple[str, ...]:
    """English, and every language napkit has a catalogue for."""
    folder = files("napkit").joinpath("locale")
    found = sorted(p.name for p in folder.iterdir() if p.joinpath("LC_MESSAGES").is_dir())
    return ("en", *found)


def _code(value: str) -> str:
    """ar_IQ.UTF-8, ar-IQ, AR -> ar."""
    return value.split(".")[0].split("@")[0].replace("-", "_").split("_")[0].strip().lower()


def messages_language(flag: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to speak to an editor in: `--lang`, else NAP_LANG, else the language
    of the locale (LC_ALL, LC_MESSAGES, LANG: the first set) when napkit has a catalogue
    for it; else, and for a language napkit does not speak, English."""
    env = os.environ if environ is None else environ
    known = languages()
    chosen = flag or env.get(LANGUAGE_VARIABLE, "")
    if chosen.strip():
        code = _code(chosen)
        return code if code in known else "en"
    locale = next((env[name] for name in _LOCALE_VARIABLES if env.get(name)), "")
    code = _code(locale)
    return code if code in known else "en"


@cache
def right_to_left(language: str) -> bool:
    """CLDR's character order for `language` (ar, ar_IQ, ar-IQ), looked up once."""
    try:
        return bool(Locale.parse(language.replace("-", "_")).character_order == "right-to-left")
    except (UnknownLocaleError, ValueError):
        return False


@dataclass(frozen=True)
class Reader:
    """Who the pages being made are for: their language (None: napkit's own English),
    the country (for CLDR's regional words, such as Iraq's month names) and the digits
    (a CLDR numbering system, `latn` or `arab`; None: the locale's default)."""

    language: str | None = None
    country: str | None = None
    digits: str | None = None


# The pages' reader while a site is made: the numbers, dates and words of the modules
# below the site (labels, numbers, reports) follow it without a parameter in every call.
_READER: ContextVar[Reader] = ContextVar("napkit_reader", default=Reader())  # noqa: B039


@contextmanager
def reading(who: Reader) -> Iterator[Reader]:
    """Everything made inside is for `who`."""
    token = _READER.set(who)
    try:
        yield who
    finally:
        _READER.reset(token)


def reader() -> Reader:
    return _READER.get()


def t(message: str) -> str:
    """`message` in the language of the pages being made."""
    language = reader().language
    return translate(message, language) if language else message


def tn(singular: str, plural_form: str, n: int) -> str:
    """`plural` in the language of the pages being made."""
    language = reader().language
    if not language:
        return singular if n == 1 else plural_form
    return plural(singular, plural_form, n, language)


__all__ = [
    "DOMAIN",
    "LANGUAGE_VARIABLE",
    "N_",
    "Reader",
    "Words",
    "catalogue",
    "languages",
    "messages_language",
    "plural",
    "plurals",
    "reader",
    "reading",
    "right_to_left",
    "t",
    "tn",
    "translate",
]
