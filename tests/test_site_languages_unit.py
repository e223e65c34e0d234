"""The parts of the per-language sites that need no build: where each language goes,
the switcher's links, Material's name for a language, and the marks on the page."""

from __future__ import annotations

import posixpath

import pytest

from napkit.mkdocs_plugin.languages import (
    alternates,
    chosen,
    feed_lang,
    html_lang_dir,
    site_languages,
    theme_language,
    translation_of,
    without_head_alternates,
)
from napkit.plans.framework import Language

LANGS = site_languages(
    [
        Language("en", "English", "ltr"),
        Language("ar", "العربية", "rtl"),
        Language("ckb", "کوردی", "rtl"),
    ]
)


def test_the_first_language_is_at_the_root_the_others_in_folders() -> None:
    en, ar, _ = LANGS
    assert (en.site_dir("/r/site"), ar.site_dir("/r/site")) == ("/r/site", "/r/site/ar")
    assert en.site_url("https://x.org/nap/") == "https://x.org/nap/"
    assert ar.site_url("https://x.org/nap") == "https://x.org/nap/ar/"
    assert ar.site_url(None) is None


@pytest.mark.parametrize("page", ["index.html", "plan/2016.html", "plans/2016/krg-moi.html"])
def test_the_switcher_leads_to_the_same_page_from_every_language(page: str) -> None:
    for current in LANGS:
        here = posixpath.join(current.folder, page)
        for link in alternates(LANGS, current, page):
            target = next(lang for lang in LANGS if lang.code == link["lang"])
            landed = posixpath.normpath(posixpath.join(posixpath.dirname(here), link["link"]))
            assert landed == posixpath.join(target.folder, page), (current.code, link)
            assert not link["link"].startswith("/")  # works from a folder too


def test_a_language_is_chosen_by_its_code_or_is_refused() -> None:
    assert chosen(LANGS, None).code == chosen(LANGS, "").code == "en"
    assert chosen(LANGS, "ckb").folder == "ckb"
    with pytest.raises(
        ValueError, match=r"'fr' is not a language of plans/nap.yaml \(en, ar, ckb\)"
    ):
        chosen(LANGS, "fr")


def test_materials_name_for_each_language() -> None:
    assert [theme_language(lang.code) for lang in LANGS] == ["en", "ar", "ku-IQ"]
    assert theme_language("fr") == "fr"
    assert theme_language("xx-none") == "en"  # no translation: the theme's English


def test_a_translation_is_named_by_a_code_of_nap_yaml() -> None:
    codes = [lang.code for lang in LANGS]
    assert translation_of("editors-guide.ar.md", codes) == ("editors-guide.md", "ar")
    assert translation_of("sub/x.ckb.md", codes) == ("sub/x.md", "ckb")
    assert translation_of("editors-guide.md", codes) is None
    assert translation_of("notes.v2.md", codes) is None  # not a language
    assert translation_of("ar.md", codes) is None


def test_the_page_and_the_feed_say_their_language() -> None:
    page = '<!doctype html>\n<html lang="ku" class="no-js">\n<head>\n'
    assert '<html lang="ckb" dir="rtl" class="no-js">' in html_lang_dir(page, LANGS[2])
    feed = '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
    assert '<feed xml:lang="ar" xmlns=' in feed_lang(feed, "ar")
    assert feed_lang(feed_lang(feed, "ar"), "ar").count("xml:lang") == 1


def test_the_heads_alternate_links_go_and_nothing_else() -> None:
    head = (
        '  <link rel="canonical" href="https://x.org/">\n'
        '  <link rel="alternate" href="ar/index.html" hreflang="ar">\n'
        '  <link rel="icon" href="favicon.png">\n'
    )
    assert without_head_alternates(head) == (
        '  <link rel="canonical" href="https://x.org/">\n  <link rel="icon" href="favicon.png">\n'
    )
