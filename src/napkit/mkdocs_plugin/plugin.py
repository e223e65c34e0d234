"""Adds napkit's generated pages to a MkDocs build; each hook does one thing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files

from napkit.authoring import cms
from napkit.errors import DataInvalid, NapError
from napkit.mkdocs_plugin.config import NapkitConfig
from napkit.render import findings_output as reporting
from napkit.site import assets, form_editor
from napkit.site.inputs import SiteInputs, load_inputs
from napkit.site.pages import Site, generate
from napkit.site.search_folding import scripts as folded_scripts
from napkit.site.tables import label_cells

log = get_plugin_logger(__name__)

# Inputs that `nap build` has loaded already (it checks the plans before MkDocs
# starts), by repository root: taken once, so a rebuild loads afresh.
_preloaded: dict[Path, SiteInputs] = {}


def preload(inputs: SiteInputs) -> None:
    _preloaded[inputs.root.resolve()] = inputs


class NapkitPlugin(BasePlugin[NapkitConfig]):
    site: Site | None = None
    scripts: tuple[str, ...] = ()  # of the framework's languages: what search folds

    def _root(self, config: MkDocsConfig) -> Path:
        return (Path(config.config_file_path).parent / self.config.repository).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Our small scripts and styles: forgiving search, sortable tables, charts."""
        if self.config.enabled:
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

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        root = self._root(config)
        try:
            inputs = _preloaded.pop(root, None)
            if inputs is None or inputs.with_history != self.config.history:
                inputs = load_inputs(root, with_history=self.config.history)
            self.site = generate(
                inputs,
                repo_url=config.repo_url,
                site_url=config.site_url,
                directory_urls=config.use_directory_urls,
            )
        except DataInvalid as exc:
            raise PluginError(f"napkit: {exc}\n{reporting.text(exc.report)}") from None
        except NapError as exc:
            raise PluginError(f"napkit: {exc}\n") from None
        for warning in self.site.warnings:
            log.warning(warning)  # a strict build (nap build) stops here
        for path, page in self.site.pages.items():
            file = File.generated(config, path, content=page.content)
            if page.edit and config.repo_url:
                file.edit_uri = _edit_uri(config, page.edit)
            files.append(file)
        self.scripts = folded_scripts(inputs.master.framework.language_codes)
        for path, content in assets.files(self.scripts).items():
            files.append(File.generated(config, path, content=content))
        _add_form_editor(files, config, inputs)
        return files

    def on_page_content(self, html: str, /, **_: Any) -> str:
        """Each table cell labelled with its column, for the phone layout."""
        return label_cells(html) if self.config.enabled else html

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
    data = cms.of_repository(inputs.root, inputs.master.framework)
    title = f"{config.site_name}: form editor"
    for path, content in form_editor.files(data, cms.file_text(data), title).items():
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
