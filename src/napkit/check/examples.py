"""Examples for hints, taken from the repository's own framework (its languages, its
first year), so that a message shows values that are valid here, in any country's
repository. nap.yaml is read before it is checked, so every value is optional."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from napkit.findings import Message, say
from napkit.i18n import N_
from napkit.plans.framework import Framework


@dataclass(frozen=True)
class Examples:
    languages: tuple[str, ...] = ()
    year: int | None = None

    @classmethod
    def from_data(cls, nap: Any) -> Examples:
        nap = nap if isinstance(nap, dict) else {}
        languages = nap.get("languages")
        codes = tuple(
            str(lang["code"])
            for lang in (languages if isinstance(languages, list) else [])
            if isinstance(lang, dict) and isinstance(lang.get("code"), str)
        )
        period = nap.get("period")
        start = period.get("start") if isinstance(period, dict) else None
        return cls(
            codes[:3], start if isinstance(start, int) and not isinstance(start, bool) else None
        )

    @classmethod
    def of(cls, fw: Framework | None) -> Examples:
        """From a checked framework (none: no examples)."""
        if fw is None:
            return cls()
        return cls(fw.language_codes[:3], fw.first_year)

    def language_hint(self) -> Message:
        if not self.languages:
            return Message(N_("use a language code from plans/nap.yaml"))
        return say(
            N_("use a language code from plans/nap.yaml, such as {examples}"),
            examples=_either(self.languages),
        )

    def year_hint(self) -> Message:
        if self.year:
            return say(N_("use a year such as {year}"), year=self.year)
        return Message(N_("use a year of four digits"))

    def text_by_language(self) -> str:
        """'en: ..., fr: ...' with this framework's first two languages."""
        codes = self.languages[:2] or ("en",)
        return ", ".join(f"{code}: ..." for code in codes)


def _either(items: tuple[str, ...]) -> Message | str:
    if len(items) == 1:
        return items[0]
    return say(N_("{items} or {item}"), items=", ".join(items[:-1]), item=items[-1])
