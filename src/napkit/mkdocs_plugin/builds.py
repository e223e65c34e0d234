"""`nap build`: one MkDocs build per language of nap.yaml, in this process, each from
a fresh load of mkdocs.yml (MkDocs keeps state in the config and the plugins), all
sharing the inputs `nap build` loaded once (the plugin's preload)."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from napkit.mkdocs_plugin.languages import SiteLanguage
from napkit.mkdocs_plugin.plugin import NapkitPlugin


@dataclass(frozen=True)
class Built:
    language: SiteLanguage
    site_dir: Path
    fallbacks: tuple[str, ...]  # guides shown in the first language for want of a translation


@contextmanager
def _logged() -> Iterator[None]:
    """MkDocs' messages on standard error as `mkdocs build` prints them (its command
    line sets this up; these builds do not go through it), for these builds only."""
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler()  # the standard error of now, not of import time
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def build_languages(config_file: Path, languages: Sequence[SiteLanguage]) -> list[Built]:
    """Build every language's site, strict: the first into mkdocs.yml's site_dir, each
    other one into site_dir/<code> with site_url/<code>/ (its sitemap, feed and
    canonical links). Raises MkDocs' Abort (or a ClickException) on the first failure."""
    built = []
    with _logged():
        for lang in languages:
            built.append(_build(config_file, lang))
    return built


def _build(config_file: Path, lang: SiteLanguage) -> Built:
    """One language's site, from a fresh load of mkdocs.yml."""
    config = load_config(str(config_file), strict=True)
    config.site_dir = lang.site_dir(config.site_dir)
    config.site_url = lang.site_url(config.site_url)
    plugin = config.plugins.get("napkit")
    if isinstance(plugin, NapkitPlugin):
        plugin.config.language = lang.code
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    fallbacks = plugin.fallbacks if isinstance(plugin, NapkitPlugin) else frozenset()
    return Built(lang, Path(config.site_dir), tuple(sorted(fallbacks)))
