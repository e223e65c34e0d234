"""Settings of the napkit MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class NapkitConfig(Config):
    enabled = c.Type(bool, default=True)
    # Folder of the plan repository, relative to mkdocs.yml.
    repository = c.Type(str, default=".")
