"""Settings of the napkit MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class NapkitConfig(Config):
    enabled = c.Type(bool, default=True)
    # The plan repository, relative to mkdocs.yml.
    repository = c.Type(str, default=".")
    # Revision history pages (reads git); off for a quick preview.
    history = c.Type(bool, default=True)
    # The form editor's GitHub sign-in service (Sveltia's auth worker), an https://
    # address; without it editors sign in with a personal access token. `nap cms` and
    # the build read it from here (see docs/maintainers-guide.md).
    form_editor_auth = c.Optional(c.Type(str))
    # Which of nap.yaml's languages this build is for ("": the first, or the
    # environment's NAP_SITE_LANGUAGE). `nap build` builds each in turn.
    language = c.Type(str, default="")
    # Names the site gives, per language: {ar: {"Master plan": "...", <site_name>: "..."}}
    # for site_name and the menu's titles; a name not given stays as written.
    translations = c.DictOfItems(c.DictOfItems(c.Type(str)), default={})
