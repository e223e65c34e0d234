"""/admin/: the form editor as the site serves it. The vendored files are those the
manifest lists; a real `mkdocs build` of the sample adds the page, the bundle and a
config.yml equal to what `nap cms` writes; and in Debian's chromium the page loads,
in Arabic and right to left, asking nothing of any host but the site's own until
someone signs in, and then only GitHub's API."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import ROOT, SAMPLE, Repo, site_config
from napkit.site import form_editor

ADMIN = ROOT / "src/napkit/site/admin"
MANIFEST = json.loads((ADMIN / "manifest.json").read_text("utf-8"))


def test_the_vendored_files_are_those_the_manifest_lists() -> None:
    on_disk = {
        p.relative_to(ADMIN).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in ADMIN.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    }
    assert on_disk == MANIFEST["files"]
    bundle = (ADMIN / form_editor.BUNDLE).read_text("utf-8")
    # The bundle's own idea of its version (its update check compares with it).
    assert f"`{MANIFEST['version']}`" in bundle
    assert MANIFEST["tarball_integrity"].startswith("sha512-")


def test_each_request_to_another_host_is_pointed_at_the_site_once() -> None:
    bundle = (ADMIN / form_editor.BUNDLE).read_text("utf-8")
    served = form_editor.served_bundle(bundle, ["ar"])
    for host in ("cdn.jsdelivr.net", "www.githubstatus.com/api"):
        assert host in bundle and host not in served
    assert "USe=`./locales`" in served and "jQ=`ar,en-US`" in served
    # A version whose text differs is refused, not served half-rewritten.
    with pytest.raises(form_editor.BundleChanged, match=r"update_cms\.py"):
        form_editor.served_bundle(bundle.replace("USe=`${iP}@${rP}/locales`", "USe=x"), ["ar"])


@pytest.mark.slow
def test_the_build_serves_admin_with_the_configuration_nap_cms_writes(
    sample_site: Path, tmp_path: Path
) -> None:
    admin = sample_site / "admin"
    for rel in MANIFEST["files"]:
        if rel != form_editor.BUNDLE:
            assert (admin / rel).read_bytes() == (ADMIN / rel).read_bytes(), rel
    repo = Repo(tmp_path / "sample")
    shutil.copytree(SAMPLE / "plans", repo.root / "plans")
    repo.write("mkdocs.yml", site_config())
    result = repo.nap("cms")
    assert result.exit_code == 0, result.stderr
    assert (admin / "config.yml").read_text("utf-8") == result.output
    loaded = json.loads((admin / form_editor.CONFIG).read_text("utf-8"))
    assert loaded == yaml.safe_load(result.output)  # the page loads the same, as JSON
    page = (admin / "index.html").read_text("utf-8")
    assert 'http-equiv="Content-Security-Policy"' in page
    hosts = set(re.findall(r"https?://[^\s;\"']+", form_editor.POLICY))
    assert hosts == {form_editor.GITHUB_API}


def test_no_configuration_is_kept_by_hand() -> None:
    kept = [
        p.relative_to(ROOT).as_posix()
        for folder in ("docs", "src", "plans")
        for p in (ROOT / folder).rglob("config.yml")
    ]
    assert kept == []


# ---------------------------------------------------------------------------
# In the browser


@pytest.fixture(scope="module")
def admin_url(sample_site: Path) -> Iterator[str]:
    from chromium import serve  # skips where chromium is missing

    for base in serve(sample_site):
        yield f"{base}/admin/index.html"


class Recorder:
    """Every request the page makes, as the browser's network layer sees it (CDP),
    and every request the page's policy refused."""

    def __init__(self, context: Any, page: Any) -> None:
        self.urls: list[str] = []
        self.refused: list[str] = []
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.requestWillBeSent", lambda e: self.urls.append(e["request"]["url"]))
        page.expose_function("napkitRefused", lambda what: self.refused.append(what))
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation',"
            " e => window.napkitRefused(e.violatedDirective + ' ' + e.blockedURI))"
        )

    def hosts(self, since: int = 0) -> set[str]:
        return {
            urlsplit(u).netloc for u in self.urls[since:] if urlsplit(u).scheme in ("http", "https")
        }


@pytest.fixture
def arabic(browser: Any) -> Iterator[tuple[Any, Recorder]]:
    context = browser.new_context(locale="ar")
    page = context.new_page()
    recorder = Recorder(context, page)
    yield page, recorder
    context.close()


@pytest.mark.slow
def test_admin_asks_nothing_of_another_host_and_speaks_arabic(
    arabic: tuple[Any, Recorder], admin_url: str
) -> None:
    page, recorder = arabic
    page.goto(admin_url)
    button = page.get_by_role("button", name=re.compile("تسجيل الدخول"))
    button.wait_for(timeout=30_000)  # the sign-in screen is usable
    page.wait_for_load_state("networkidle")
    assert recorder.hosts() == {urlsplit(admin_url).netloc}, recorder.urls
    assert recorder.refused == []
    assert any(u.endswith("/admin/locales/ar.json") for u in recorder.urls)
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [
        "ar",
        "rtl",
    ]
    # The icons come from the site's font: an icon's name is drawn as one square glyph,
    # a name the font does not know as letters.
    widths = page.evaluate(
        """names => names.map(n => {
            const s = document.createElement('span');
            s.style.cssText = "font: 24px 'Material Symbols Outlined'; position: absolute";
            s.textContent = n;
            document.body.append(s);
            const w = s.getBoundingClientRect().width;
            s.remove();
            return w;
        })""",
        ["expand_more", "close", "arrow_back", "delete", "search", "no_such_icon_name"],
    )
    assert [round(w) for w in widths[:-1]] == [24] * 5 and widths[-1] > 48


@pytest.mark.slow
def test_signing_in_with_a_token_asks_only_githubs_api(browser: Any, admin_url: str) -> None:
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    recorder = Recorder(context, page)
    try:
        page.goto(admin_url)
        page.get_by_role("button", name="Sign In Using Access Token").click()
        before = len(recorder.urls)
        assert recorder.hosts() == {urlsplit(admin_url).netloc}  # no API before sign-in
        page.get_by_label("Personal Access Token").fill("github_pat_not_a_real_token")
        page.get_by_role("button", name="Sign In", exact=True).click()
        # Offline, the API cannot be reached and the sign-in fails: what matters is
        # where the page tried to go.
        for _ in range(50):
            if recorder.hosts(before):
                break
            page.wait_for_timeout(200)
        page.wait_for_timeout(1500)
        assert recorder.hosts(before) == {"api.github.com"}, recorder.urls[before:]
        assert recorder.refused == []
    finally:
        context.close()


def test_sign_in_is_by_token_unless_mkdocs_names_a_sign_in_service(mini: Repo) -> None:
    mini.write("mkdocs.yml", "site_name: X\nrepo_url: https://github.com/org/plans\n")
    backend = yaml.safe_load(mini.nap("cms").output)["backend"]
    assert backend["auth_methods"] == ["token"] and "base_url" not in backend
    mini.write(
        "mkdocs.yml",
        "site_name: X\nrepo_url: https://github.com/org/plans\nplugins:\n  - search\n"
        "  - napkit:\n      form_editor_auth: https://auth.example.org\n",
    )
    backend = yaml.safe_load(mini.nap("cms").output)["backend"]
    assert backend["auth_methods"] == ["oauth", "token"]
    assert backend["base_url"] == "https://auth.example.org"


@pytest.mark.slow
def test_a_hand_kept_copy_in_docs_stops_the_build(mini: Repo) -> None:
    mini.write("docs/index.md", "# Plans\n")
    mini.write("docs/admin/config.yml", "backend: {name: github, repo: org/plans}\n")
    mini.write(
        "mkdocs.yml",
        "site_name: X\nsite_url: https://example.org/\ntheme: {name: material, font: false}\n"
        "plugins: [search, {napkit: {history: false}}]\n",
    )
    done = subprocess.run(
        [Path(sys.executable).with_name("mkdocs"), "build", "--site-dir", "out"],
        cwd=mini.root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert done.returncode != 0
    assert "docs/admin/config.yml: /admin/ is made by the build" in done.stderr


@pytest.mark.slow
def test_the_weight_script_weighs_admin_and_names_the_hosts(sample_site: Path) -> None:
    done = subprocess.run(
        [
            *(sys.executable, str(ROOT / "scripts/admin_weight.py")),
            *("--site", str(sample_site), "--runs", "1", "--network", "none"),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "| /admin/sveltia-cms.js |" in done.stdout and "| **all** |" in done.stdout
    assert re.search(r"^Hosts asked: 127\.0\.0\.1:\d+$", done.stdout, re.MULTILINE), done.stdout
