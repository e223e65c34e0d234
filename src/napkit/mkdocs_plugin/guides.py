"""The hand-written pages (docs/) and the menu in one language's site: a guide `x.md`
is shown as its translation `x.<code>.md` where there is one, and in the first
language otherwise (listed, and the page says so); the menu's titles come from the
plugin's `translations`, or from a translated guide's own first heading."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from mkdocs.structure.files import Files

from napkit.mkdocs_plugin.languages import SiteLanguage, translation_of


def translated_file(docs: Path, src_uri: str, lang: SiteLanguage) -> Path | None:
    """`x.<code>.md` beside `x.md` in a language other than the first, if written."""
    if not lang.folder or not src_uri.endswith(".md"):
        return None
    path = docs / f"{src_uri[:-3]}.{lang.code}.md"
    return path if path.is_file() else None


def guides_in_language(
    files: Files, languages: Sequence[SiteLanguage], lang: SiteLanguage
) -> tuple[Files, frozenset[str]]:
    """The files with each guide in `lang` where translated, and no translation as a
    page of its own; and the guides left in the first language (their src_uri)."""
    codes = [language.code for language in languages]
    by_uri = {f.src_uri: f for f in files}
    fallbacks: set[str] = set()
    kept = Files([])
    for file in files:
        if translation_of(file.src_uri, codes) is not None:
            continue
        if lang.folder and file.is_documentation_page() and file.abs_src_path:
            translation = by_uri.get(f"{file.src_uri[:-3]}.{lang.code}.md")
            if translation is not None and translation.abs_src_path:
                file.abs_src_path = translation.abs_src_path
                file.edit_uri = translation.edit_uri  # "edit" opens the translation
            else:
                fallbacks.add(file.src_uri)
        kept.append(file)
    return kept, frozenset(fallbacks)


def nav_in_language(
    items: Any, words: Mapping[str, Mapping[str, str]], lang: SiteLanguage, docs: Path
) -> Any:
    """mkdocs.yml's nav in `lang`: each title from `words` (the plugin's
    `translations`), else a translated guide's own title, else as written."""
    if isinstance(items, list):
        return [nav_in_language(item, words, lang, docs) for item in items]
    if not isinstance(items, dict):
        return items
    # An entry of nav is a mapping of one title to a page or a list of entries.
    (title, target), *_ = items.items()
    given = words.get(lang.code, {}).get(title)
    if given is None and isinstance(target, str) and translated_file(docs, target, lang):
        return target  # a page without a title: MkDocs takes its first heading
    return {given or title: nav_in_language(target, words, lang, docs)}
