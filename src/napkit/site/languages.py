"""Plan text on the page: every language marked with its `lang` and direction, every
character escaped.

Three shapes, so that no line of the page mixes two directions unisolated:
- `blocks`: long text, each language a paragraph of its own (a wrapped line then
  only ever holds one language, read in its own direction);
- `render`: text inside a line or a table cell, each other language an isolated
  span (`dir` on the span isolates it);
- `heading`: one language only, so that the heading's table-of-contents entry (which
  keeps no markup) reads as one text; the other languages go in `blocks` below it.

The page is in the reader's language (`reader`, else nap.yaml's first): its text
leads and needs no mark. Where a text is not written in it, another language stands
in, marked with its own `lang` and `dir`, and a note in the reader's language says so.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from babel import Locale, UnknownLocaleError
from markupsafe import Markup

from napkit.i18n import N_, translate
from napkit.plans.framework import Language, Text
from napkit.plans.texts import language_of, text_in
from napkit.render.markdown import text

# Unicode's first-strong isolate and its end: they isolate text where markup cannot
# go, as in a table-of-contents entry made from a heading.
FSI, PDI = "\u2068", "\u2069"

# What the reader is told where a text is not written in their language.
MISSING = N_("Not available in {language}; shown in {shown}.")
SHOWN_IN = N_("(in {shown})")


def language_name(code: str, reader: str) -> str:
    """Language `code` named in language `reader`, as CLDR names it (`en` in Arabic:
    الإنجليزية)."""
    try:
        return str(Locale.parse(reader).languages.get(code) or code)
    except (UnknownLocaleError, ValueError):
        return code


class Languages:
    """The plan's languages (from nap.yaml): codes, directions, the main one first."""

    def __init__(self, languages: Sequence[Language], reader: str | None = None) -> None:
        """`reader`: the language of the pages (None: the first of nap.yaml)."""
        codes = [lang.code for lang in languages]
        self.dirs = {lang.code: lang.dir for lang in languages}
        self.names = {lang.code: lang.name for lang in languages}
        # a text written as one string is in nap.yaml's first language
        self.source = codes[0]
        self.main = reader or codes[0]  # the page's language
        # the order texts are picked and shown in: the reader's, then nap.yaml's
        self.codes = [self.main, *(c for c in codes if c != self.main)]

    @property
    def dir(self) -> str:
        return self.dirs.get(self.main, "ltr")

    def _words(self, message: str, shown: str) -> str:
        # the reader's language as nap.yaml names it (in itself), the other as CLDR does
        mine = self.names.get(self.main) or language_name(self.main, self.main)
        return translate(message, self.main).format(
            language=mine, shown=language_name(shown, self.main)
        )

    def missing(self, shown: str) -> Markup:
        """The note above a text shown in language `shown`, not the reader's."""
        return Markup(
            f'<p class="napkit-fallback" markdown>{text(self._words(MISSING, shown))}</p>'
        )

    def _shown_in(self, shown: str) -> Markup:
        return Markup(
            f' <small class="napkit-fallback">{text(self._words(SHOWN_IN, shown))}</small>'
        )

    def written_in(self, page: str, code: str) -> str:
        """A whole page of Markdown napkit has only in language `code` (the reference
        made from the schemas and rules): as it is for a reader of that language, else
        under the note, marked with its language and direction."""
        if code == self.main:
            return page
        attrs = f'lang="{html.escape(code)}" dir="{self.dirs.get(code, "ltr")}"'
        return f"{self.missing(code)}\n\n<div {attrs} markdown>\n\n{page}\n</div>\n"

    def _code(self, value: Any) -> str:
        """The language `value` is written in when shown alone."""
        return language_of(value, self.codes) if isinstance(value, dict) else self.source

    def _attrs(self, code: str) -> str:
        return f'lang="{html.escape(code)}" dir="{self.dirs.get(code, "ltr")}"'

    def span(self, value: str, code: str) -> Markup:
        body = text(value)
        if code == self.main:
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
        if not isinstance(value, dict) or only_main:
            code = self._code(value)
            shown = self.span(str(value[code] if isinstance(value, dict) else value), code)
            return shown if code == self.main else shown + self._shown_in(code)
        parts = [self.span(str(v), k) for k, v in self._ordered(value)]
        if self.main not in value and parts:
            parts[0] += self._shown_in(self._ordered(value)[0][0])
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
        code = self._code(value)
        body = text(str(value[code] if isinstance(value, dict) else value))
        if code == self.main:
            return Markup(body)
        if self.dirs.get(code, "ltr") != self.dir:
            body = FSI + body + PDI
        return Markup(f"<span {self._attrs(code)}>{body}</span>")

    def blocks(self, value: Any, *, besides_heading: bool = False) -> Markup:
        """A text field as paragraphs, one per language, each but the main one with
        its `lang` and `dir` (Markdown inside is read by md_in_html).
        `besides_heading`: all but the language `heading` shows (the heading above
        holds that one). Put on a line of its own, with a blank line before and after."""
        if value is None:
            return Markup("")
        texts = value if isinstance(value, dict) else {self.source: value}
        shown = self._code(value) if besides_heading else None
        paragraphs = [
            Markup(text(str(v)))
            if k == self.main
            else Markup(f"<p {self._attrs(k)} markdown>{text(str(v))}</p>")
            for k, v in self._ordered(texts)
            if k != shown and str(v).strip()
        ]
        written = [k for k, v in texts.items() if str(v).strip()]
        if written and self.main not in written:
            first = shown or self._ordered({k: texts[k] for k in written})[0][0]
            paragraphs.insert(0, self.missing(first))
        return Markup("\n\n").join(paragraphs)

    def isolated(self, value: Text) -> str:
        """Plain text in the language napkit picks, kept apart by Unicode isolates when
        that language runs in the other direction: for text that cannot carry markup
        (a feed's title) and the headings made from it."""
        code = self._code(value)
        plain = str(value[code] if isinstance(value, dict) else value)
        return FSI + plain + PDI if self.dirs.get(code, "ltr") != self.dir else plain

    def first(self, value: Text | None) -> str:
        """Plain text in the language napkit picks (texts.language_of), unescaped: for titles."""
        return text_in(value, self.codes)
