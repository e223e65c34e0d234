"""Plan text on the page: every language marked with its `lang` and direction, every
character escaped."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from markupsafe import Markup

from napkit.plans.framework import Language, Text
from napkit.plans.texts import language_of, text_in
from napkit.render.markdown import text


class Languages:
    """The plan's languages (from nap.yaml): codes, directions, the main one first."""

    def __init__(self, languages: Sequence[Language]) -> None:
        self.codes = [lang.code for lang in languages]
        self.dirs = {lang.code: lang.dir for lang in languages}
        self.names = {lang.code: lang.name for lang in languages}
        self.main = self.codes[0]

    def span(self, value: str, code: str) -> Markup:
        direction = self.dirs.get(code, "ltr")
        body = text(value)
        if code == self.main and direction == "ltr":
            return Markup(body)
        return Markup(f'<span lang="{html.escape(code)}" dir="{direction}">{body}</span>')

    def render(self, value: Any, *, only_main: bool = False) -> Markup:
        """A text field: one string (taken as the main language), or every language
        given, the main one first, separated by a thin rule."""
        if value is None:
            return Markup("")
        if not isinstance(value, dict):
            return self.span(str(value), self.main)
        if only_main:
            code = language_of(value, self.codes)
            return self.span(str(value[code]), code)
        ordered = sorted(
            value.items(), key=lambda kv: self.codes.index(kv[0]) if kv[0] in self.codes else 99
        )
        return Markup(" · ").join(self.span(str(v), k) for k, v in ordered)

    def first(self, value: Text | None) -> str:
        """Plain text in the language napkit picks (texts.language_of), unescaped: for titles."""
        return text_in(value, self.codes)
