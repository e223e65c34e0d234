"""Examples for hints, taken from the repository's own framework (its languages, its
first year), so that a message shows values that are valid here, in any country's
repository. nap.yaml is read before it is checked, so every value is optional."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

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

    def language_hint(self) -> str:
        such = f", such as {_either(self.languages)}" if self.languages else ""
        return f"use a language code from plans/nap.yaml{such}"

    def year_hint(self) -> str:
        return f"use a year such as {self.year}" if self.year else "use a year of four digits"

    def text_by_language(self) -> str:
        """'en: ..., fr: ...' with this framework's first two languages."""
        codes = self.languages[:2] or ("en",)
        return ", ".join(f"{code}: ..." for code in codes)


def _either(items: tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"
