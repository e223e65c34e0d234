"""The site in each language of nap.yaml: where each language's site goes, what the
theme calls its language, the switcher's links to the same page in the others, and
`lang` and `dir` on the page.

Each language is a whole MkDocs site of its own (its own search index, sitemap, feed
and 404 page): the first language at the root of the site folder, each other one in
the folder named by its code. A kept plugin (mkdocs-static-i18n) was tried and does
not fit: it drops the pages napkit generates, rejects the code `ckb`, runs the other
plugins again and makes one search index for all languages."""

from __future__ import annotations

import html
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files

from napkit.plans.framework import Language

# Material's interface languages for codes it spells otherwise: Sorani is ku-IQ.
THEME_NAMES = {"ckb": "ku-IQ"}
# What every language's site searches with (see search_settings).
SEARCH_LANG = ["en"]
SEARCH_PIPELINE = ["stopWordFilter"]


@dataclass(frozen=True)
class SiteLanguage:
    code: str  # as nap.yaml writes it: en, ar, ckb
    name: str  # in that language, for the switcher
    dir: str  # ltr or rtl
    folder: str  # "" for the first language (the root of the site), else the code

    def site_dir(self, root: str) -> str:
        return posixpath.join(root, self.folder) if self.folder else root

    def site_url(self, root: str | None) -> str | None:
        """The published address of this language's site, under the first one's."""
        if not root or not self.folder:
            return root
        return f"{root.rstrip('/')}/{self.folder}/"


def site_languages(languages: Sequence[Language]) -> tuple[SiteLanguage, ...]:
    """nap.yaml's languages as sites: the first at the root, the others in folders."""
    return tuple(
        SiteLanguage(lang.code, lang.name, lang.dir, "" if i == 0 else lang.code)
        for i, lang in enumerate(languages)
    )


def chosen(languages: Sequence[SiteLanguage], code: str | None) -> SiteLanguage:
    """The language called `code` (None or "": the first); ValueError names the others."""
    if not code:
        return languages[0]
    for lang in languages:
        if lang.code == code:
            return lang
    codes = ", ".join(lang.code for lang in languages)
    raise ValueError(f"{code!r} is not a language of plans/nap.yaml ({codes})")


def theme_language(code: str) -> str:
    """Material's name for the language of its interface strings; English where
    Material has no translation (the page still gets its own `lang` and `dir`)."""
    name = THEME_NAMES.get(code, code)
    translations = files("material").joinpath("templates", "partials", "languages")
    return name if translations.joinpath(f"{name}.html").is_file() else "en"


def search_settings() -> tuple[list[str], list[str]]:
    """lunr's language and pipeline, the same in every language's site: each site's
    pages hold the plans' text in all their languages, only the interface differs.
    lunr has no Sorani, and lunr.ar normalises letters and drops Sorani ones (ڕ ێ ۆ),
    which would undo what search-fold.js matches; English leaves Arabic-script words
    whole, and the folding in the browser forgives their spelling."""
    return list(SEARCH_LANG), list(SEARCH_PIPELINE)


def translated(words: Mapping[str, Mapping[str, str]], code: str, english: str) -> str:
    """A name the site gives (site_name, a menu title) in `code`, from the plugin's
    `translations` setting; as written where it has none."""
    return words.get(code, {}).get(english, english)


def alternates(
    languages: Sequence[SiteLanguage], current: SiteLanguage, page_url: str
) -> list[dict[str, str]]:
    """The same page in every language, as links relative to the page: the site also
    works from a folder (file://), where no absolute path leads anywhere.
    `page_url`: the page's address inside its language's site (plan/2016.html)."""
    # Up to the current language's root, then up out of its folder to the first's.
    up = "../" * page_url.count("/") + ("../" if current.folder else "")
    links = []
    for lang in languages:
        target = posixpath.join(lang.folder, page_url) if lang.folder else page_url
        links.append(
            {"name": lang.name, "lang": lang.code, "dir": lang.dir, "link": up + target or "./"}
        )
    return links


def without_head_alternates(output: str) -> str:
    """The page without the theme's `<link rel="alternate" hreflang>` in its head.
    Material fetches a sitemap.xml beside each (made for links to a language's root,
    not to the same page): from any page below the root those are requests for files
    that do not exist, each answered by a host with its whole 404 page. The switcher
    in the header carries the same links, with their hreflang."""
    return _HEAD_ALTERNATE.sub("", output)


_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_HTML = re.compile(r"<html\b[^>]*>")


def html_lang_dir(output: str, lang: SiteLanguage) -> str:
    """`lang` as nap.yaml spells it (ckb, where Material writes ku) and `dir` on the
    page's html element."""
    tag = f'<html lang="{html.escape(lang.code)}" dir="{lang.dir}" class="no-js">'
    return _HTML.sub(tag, output, count=1)


_FEED = re.compile(r"<feed\b(?![^>]*xml:lang)")


def feed_lang(feed: str, code: str) -> str:
    """The Atom feed says the language of its titles and summaries."""
    return _FEED.sub(f'<feed xml:lang="{html.escape(code)}"', feed, count=1)


def translation_of(src_uri: str, codes: Iterable[str]) -> tuple[str, str] | None:
    """`guide.ar.md` -> ("guide.md", "ar") for a code of nap.yaml; else None."""
    stem, dot, ext = src_uri.rpartition(".")
    base, dot2, code = stem.rpartition(".")
    if dot and dot2 and ext == "md" and base and code in set(codes):
        return f"{base}.{ext}", code
    return None


def fallback_note(message: str, lang: SiteLanguage, english: bool) -> str:
    """The note on a page shown in the first language for want of a translation;
    `english`: the note itself is untranslated, so it says so with its own lang."""
    attrs = ' lang="en" dir="ltr"' if english else ""
    return (
        f'<div class="admonition note napkit-untranslated"{attrs}>'
        f"<p>{html.escape(message)}</p></div>\n"
    )
