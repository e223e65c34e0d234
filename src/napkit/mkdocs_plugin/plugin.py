"""Adds napkit's generated pages to a MkDocs build; each hook does one thing."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files

from napkit.authoring import cms
from napkit.check.validation import load_framework
from napkit.errors import DataInvalid, NapError
from napkit.i18n import N_, translate
from napkit.mkdocs_plugin import languages as site_languages
from napkit.mkdocs_plugin.config import NapkitConfig
from napkit.mkdocs_plugin.guides import guides_in_language, nav_in_language
from napkit.mkdocs_plugin.languages import SiteLanguage
from napkit.render import findings_output as reporting
from napkit.site import assets, form_editor
from napkit.site.inputs import SiteInputs, load_inputs
from napkit.site.languages import language_name
from napkit.site.pages import Site, generate
from napkit.site.search_folding import scripts as folded_scripts
from napkit.site.tables import label_cells

log = get_plugin_logger(__name__)

# Inputs that `nap build` has loaded already (it checks the plans before MkDocs
# starts), by repository root: shared by its builds of every language, then forgotten.
_preloaded: dict[Path, SiteInputs] = {}

# Which language a plain `mkdocs build` or `mkdocs serve` makes when mkdocs.yml names
# none (`nap serve --lang` sets it).
LANGUAGE_VARIABLE = "NAP_SITE_LANGUAGE"
# On a guide shown in the first language for want of a translation, in the page's
# language where the catalogue has it. (Not marked for extraction until the
# catalogues carry it: a marked string without its translation fails the tests.)
UNTRANSLATED = N_("This page is not yet translated; it is shown in {language}.")


def preload(inputs: SiteInputs) -> None:
    _preloaded[inputs.root.resolve()] = inputs


def forget(inputs: SiteInputs) -> None:
    """After the last language's build: the next command loads afresh."""
    _preloaded.pop(inputs.root.resolve(), None)


class NapkitPlugin(BasePlugin[NapkitConfig]):
    site: Site | None = None
    scripts: tuple[str, ...] = ()  # of the framework's languages: what search folds
    languages: tuple[SiteLanguage, ...] = ()
    language: SiteLanguage | None = None  # of this build
    # Guides shown in the first language here, for want of a translation (src_uri).
    fallbacks: frozenset[str] = frozenset()

    def _root(self, config: MkDocsConfig) -> Path:
        return (Path(config.config_file_path).parent / self.config.repository).resolve()

    # Before the search plugin's: it reads the theme's language to choose lunr's.
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Our small scripts and styles: forgiving search, sortable tables, charts;
        and the language this build is for."""
        if self.config.enabled:
            self._choose_language(config)
            config.extra_javascript.extend(assets.SCRIPTS)
            config.extra_css.extend(assets.STYLES)
            config.theme.dirs.insert(0, str(assets.OVERRIDES))
            # Before the offline plugin adds its copy from another host.
            config.extra["polyfills"] = [*config.extra.get("polyfills", []), assets.IFRAME_WORKER]
            if not config.site_url:
                # A warning, so a strict build (nap build, the Publish workflow) stops:
                # published without it, the sitemap is empty and the feed's links are
                # only relative. `mkdocs serve` always sets it, so previews never warn.
                log.warning(_no_site_url(config.repo_url))
        return config

    def _choose_language(self, config: MkDocsConfig) -> None:
        """The theme's strings, direction and search, site_name and the menu's titles
        in this build's language."""
        root = self._root(config)
        preloaded = _preloaded.get(root)
        try:
            fw = preloaded.master.framework if preloaded else load_framework(root)
        except NapError:
            return  # on_files reports every problem of the plans, as `nap validate` does
        self.languages = site_languages.site_languages(fw.languages)
        wanted = self.config.language or os.environ.get(LANGUAGE_VARIABLE, "")
        try:
            self.language = lang = site_languages.chosen(self.languages, wanted)
        except ValueError as exc:
            raise PluginError(f"napkit: {exc}") from None
        config.theme["language"] = site_languages.theme_language(lang.code)
        config.theme["direction"] = lang.dir
        lunr_lang, pipeline = site_languages.search_settings()
        for name in ("search", "material/search"):
            search = config.plugins.get(name)
            if search is not None and not search.config.get("lang"):
                search.config["lang"] = lunr_lang
            if search is not None and search.config.get("pipeline") is None:
                search.config["pipeline"] = pipeline
        words = self.config.translations
        config.site_name = site_languages.translated(words, lang.code, config.site_name)
        if config.nav is not None:
            config.nav = nav_in_language(config.nav, words, lang, Path(config.docs_dir))

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        root = self._root(config)
        try:
            inputs = _preloaded.get(root)
            if inputs is None or inputs.with_history != self.config.history:
                inputs = load_inputs(root, with_history=self.config.history)
            self.site = generate(
                inputs,
                repo_url=config.repo_url,
                site_url=config.site_url,
                directory_urls=config.use_directory_urls,
                language=self.language.code if self.language else None,
            )
        except DataInvalid as exc:
            raise PluginError(f"napkit: {exc}\n{reporting.text(exc.report)}") from None
        except NapError as exc:
            raise PluginError(f"napkit: {exc}\n") from None
        for warning in self.site.warnings:
            log.warning(warning)  # a strict build (nap build) stops here
        files = self._guides_in_language(files)
        for path, page in self.site.pages.items():
            content = page.content
            if path.endswith(".xml") and isinstance(content, str) and self.language:
                content = site_languages.feed_lang(content, self.language.code)
            file = File.generated(config, path, content=content)
            if page.edit and config.repo_url:
                file.edit_uri = _edit_uri(config, page.edit)
            files.append(file)
        self.scripts = folded_scripts(inputs.master.framework.language_codes)
        for path, content in assets.files(self.scripts).items():
            files.append(File.generated(config, path, content=content))
        _add_form_editor(files, config, inputs)
        return files

    def _guides_in_language(self, files: Files) -> Files:
        assert self.language is not None
        files, self.fallbacks = guides_in_language(files, self.languages, self.language)
        if self.fallbacks:
            log.info(
                f"{self.language.code}: shown in {self.languages[0].name} for want of a "
                f"translation: {', '.join(sorted(self.fallbacks))}"
            )
        return files

    def on_page_content(self, html: str, /, *, page: Any, **_: Any) -> str:
        """Each table cell labelled with its column, for the phone layout; a guide
        shown in the first language marked with that language, under a note."""
        if not self.config.enabled:
            return html
        html = label_cells(html)
        if page.file.src_uri not in self.fallbacks or self.language is None:
            return html
        first = self.languages[0]
        message = translate(UNTRANSLATED, self.language.code)
        note = site_languages.fallback_note(
            message.format(language=language_name(first.code, self.language.code)),
            self.language,
            message == UNTRANSLATED,
        )
        return f'{note}<div lang="{first.code}" dir="{first.dir}">\n{html}\n</div>'

    def on_page_context(self, context: Any, /, *, page: Any, config: MkDocsConfig, **_: Any) -> Any:
        """The language switcher leads to this page in each language."""
        if self.config.enabled and self.language is not None and len(self.languages) > 1:
            config.extra["alternate"] = site_languages.alternates(
                self.languages, self.language, page.url
            )
        return context

    def on_post_page(self, output: str, /, *, page: Any, config: MkDocsConfig) -> str:
        if not self.config.enabled or self.language is None:
            return output
        output = site_languages.html_lang_dir(output, self.language)
        return site_languages.without_head_alternates(output)

    def on_post_template(self, output: str, /, *, template_name: str, **_: Any) -> str:
        """The theme's 404 page is a template, not a page: its html too."""
        if not self.config.enabled or self.language is None or template_name != "404.html":
            return output
        return site_languages.html_lang_dir(output, self.language)

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Rebuild when a plan or a schema changes."""
        root = self._root(config)
        for folder in ("plans", "schema"):
            if (root / folder).is_dir():
                server.watch(str(root / folder))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """The search index as written, in UTF-8 rather than \\u escapes: Arabic and
        Kurdish take a third less. Nothing is folded here: results show the plan's own
        spelling, and search-fold.js adds the folded forms in the reader's browser."""
        index = Path(config.site_dir) / "search" / "search_index.json"
        if not self.config.enabled or not index.is_file():
            return
        data = json.loads(index.read_text("utf-8"))
        index.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), "utf-8")


def _add_form_editor(files: Files, config: MkDocsConfig, inputs: SiteInputs) -> None:
    """/admin/: the form editor, with the configuration `nap cms` writes, made now."""
    made: tuple[dict[str, Any], str] | None = inputs.shared.get("form_editor")
    if made is None:  # once: the same in every language's build
        plans = [checked.data for checked in inputs.master.checked]
        data = cms.of_repository(inputs.root, inputs.master.framework, plans)
        made = inputs.shared["form_editor"] = (data, cms.file_text(data))
    data, text = made
    title = f"{config.site_name}: form editor"
    rtl = [lang.name for lang in inputs.master.framework.languages if lang.dir == "rtl"]
    for path, content in form_editor.files(data, text, title, rtl).items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(
                f"napkit: {config.docs_dir}/{path}: /admin/ is made by the build "
                "(config.yml from the plans, as nap cms writes it); remove the copy"
            )
        files.append(File.generated(config, path, content=content))


def _no_site_url(repo_url: str | None) -> str:
    """What to write in mkdocs.yml, with the GitHub Pages address when repo_url is on
    GitHub."""
    owner, name, *_ = [*urlsplit(repo_url or "").path.strip("/").split("/"), "", ""]
    host = f"{owner.lower()}.github.io"
    name = name.removesuffix(".git")
    example = "https://<owner>.github.io/<repository>/"
    if (repo_url or "").startswith("https://github.com/") and owner and name:
        # The repository named after the host is published at the host's root.
        example = f"https://{host}/" if name.lower() == host else f"https://{host}/{name}/"
    return (
        "mkdocs.yml has no site_url: sitemap.xml would list no page, and the Atom feed "
        "(changes.xml) no full address. Add the address the site is published at to "
        f"mkdocs.yml, for example\n  site_url: {example}\n(a preview with `nap serve` "
        "needs none)"
    )


def _edit_uri(config: MkDocsConfig, repo_path: str) -> str:
    """Relative to edit_uri (which points into docs/): up to the repository root."""
    depth = (
        len([p for p in (config.edit_uri or "").split("/") if p]) - 2
    )  # edit/<branch>/ are not folders
    return "../" * max(depth, 0) + repo_path
