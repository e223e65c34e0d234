"""Adds the generated pages to the site; each hook does one thing."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from napkit.mkdocs_plugin.config import NapkitConfig
from napkit.site.pages import pages


class NapkitPlugin(BasePlugin[NapkitConfig]):
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        for uri, content in pages().items():
            files.append(File.generated(config, uri, content=content))
        return files
