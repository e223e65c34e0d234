"""Plan text on the page: every language marked with its `lang` and direction, every
character escaped.

Three shapes, so that no line of the page mixes two directions unisolated:
- `blocks`: long text, each language a paragraph of its own (a wrapped line then
  only ever holds one language, read in its own direction);
- `render`: text inside a line or a table cell, each other language an isolated
  span (`dir` on the span isolates it);
- `heading`: one language only, so that the heading's table-of-contents entry (which
  keeps no markup) reads as one text; the other languages go in `blocks` below it.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from napkit.plans.framework import Language, Text
from napkit.plans.texts import language_of, text_in
from napkit.render.markdown import text

# Unicode's first-strong isolate and its end: they isolate text where markup cannot
# go, as in a table-of-contents entry made from a heading.
FSI, PDI = "\u2068", "\u2069"


class Languages:
    """The plan's languages (from nap.yaml): codes, directions, the main one first."""

    def __init__(self, languages: Sequence[Language]) -> None:
        self.codes = [lang.code for lang in languages]
        self.dirs = {lang.code: lang.dir for lang in languages}
        self.names = {lang.code: lang.name for lang in languages}
        self.main = self.codes[0]

    def _attrs(self, code: str) -> str:
        return f'lang="{html.escape(code)}" dir="{self.dirs.get(code, "ltr")}"'

    def span(self, value: str, code: str) -> Markup:
        direction = self.dirs.get(code, "ltr")
        body = text(value)
        if code == self.main and direction == "ltr":
            return Markup(body)
        return Markup(f"<span {self._attrs(code)}>{body}</span>")

    def _ordered(self, value: dict[str, Any]) -> list[tuple[str, Any]]:
        return sorted(
            value.items(), key=lambda kv: self.codes.index(kv[0]) if kv[0] in self.codes else 99
        )

    def render(self, value: Any, *, only_main: bool = False) -> Markup:
        """A text field inside a line or a table cell: one string (taken as the main
        language), or every language given, the main one first, separated by a thin
        rule (in a cell or list item: one under the other), each other language
        isolated."""
        if value is None:
            return Markup("")
        if not isinstance(value, dict):
            return self.span(str(value), self.main)
        if only_main:
            code = language_of(value, self.codes)
            return self.span(str(value[code]), code)
        parts = [self.span(str(v), k) for k, v in self._ordered(value)]
        if len(parts) == 1:
            return parts[0]
        # napkit.css puts each language on a line of its own in a table cell or list
        # item, where the separator is hidden
        joined = Markup('<span class="napkit-sep"> · </span>').join(parts)
        return Markup('<span class="napkit-langs">') + joined + Markup("</span>")

    def heading(self, value: Any) -> Markup:
        """A text field as (part of) a heading: in the one language napkit picks.
        Text in another language than the page's is marked with its own; if its
        direction differs too, Unicode isolates keep it apart in the table of
        contents, where the span is stripped."""
        if value is None:
            return Markup("")
        if not isinstance(value, dict):
            return Markup(text(str(value)))
        code = language_of(value, self.codes)
        body = text(str(value[code]))
        if code == self.main:
            return Markup(body)
        if self.dirs.get(code, "ltr") != self.dirs[self.main]:
            body = FSI + body + PDI
        return Markup(f"<span {self._attrs(code)}>{body}</span>")

    def blocks(self, value: Any, *, besides_heading: bool = False) -> Markup:
        """A text field as paragraphs, one per language, each but the main one with
        its `lang` and `dir` (Markdown inside is read by md_in_html).
        `besides_heading`: all but the language `heading` shows (the heading above
        holds that one). Put on a line of its own, with a blank line before and after."""
        if value is None:
            return Markup("")
        if not isinstance(value, dict):
            return Markup("") if besides_heading else Markup(text(str(value)))
        shown = language_of(value, self.codes) if besides_heading else None
        paragraphs = [
            Markup(text(str(v)))
            if k == self.main
            else Markup(f"<p {self._attrs(k)} markdown>{text(str(v))}</p>")
            for k, v in self._ordered(value)
            if k != shown and str(v).strip()
        ]
        return Markup("\n\n").join(paragraphs)

    def first(self, value: Text | None) -> str:
        """Plain text in the language napkit picks (texts.language_of), unescaped: for titles."""
        return text_in(value, self.codes)
