"""Safe Markdown pieces: any text from a plan or schema goes through here."""

from __future__ import annotations

import functools
import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()!|~])")
_LINE_START = re.compile(r"^(\s*)([#+\-=])")
_ORDERED = re.compile(r"^(\s*[0-9]+)\.")


_PLAIN = re.compile(r"[^\\`*_{}\[\]()!|~&<>#+\-=\n0-9]*")


def text(value: object) -> str:
    """Plain text for running Markdown: HTML-escaped (&, <, >) and Markdown-inert."""
    raw = str(value)
    if _PLAIN.fullmatch(raw):
        return raw  # nothing to escape: most names and statuses
    return _escape(raw)


@functools.lru_cache(maxsize=65536)
def _escape(raw: str) -> str:
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(raw, quote=False))
    one_line = _LINE_START.sub(r"\1\\\2", escaped.replace("\n", " "))
    return _ORDERED.sub(r"\1\\.", one_line)


def code(value: object) -> str:
    """Inline code that cannot be broken out of."""
    body = str(value).replace("\n", " ")
    fence = "`" * (max((len(m) for m in re.findall(r"`+", body)), default=0) + 1)
    pad = " " if body.startswith("`") or body.endswith("`") else ""
    return f"{fence}{pad}{body}{pad}{fence}"


def cell(value: object) -> str:
    """A table cell: as `text`, with pipes escaped too (they already are)."""
    return text(value)
