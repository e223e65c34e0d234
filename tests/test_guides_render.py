"""The hand-written guides (docs/*.md) as a reader sees them on the built site: no
Markdown left as text, every code example a code block, nested lists nested.

Python-Markdown differs from GitHub's renderer: a nested list needs four spaces of
indentation, a list or code block needs a blank line before it, and a code block
inside a list item needs pymdownx.superfences. A guide that reads right on GitHub can
still come out flattened on the site, so these tests read the site's HTML."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow  # reads the sample site, a real build

GUIDES = sorted((ROOT / "docs").glob("*.md"))
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})")
LIST_ITEM = re.compile(r"^(?P<indent> *)(?:[-*+]|\d+[.)]) +(?P<text>\S.*)$")
# What Markdown syntax looks like when it was not understood and stayed text.
LEFT_OVER = re.compile(r"^\s*(?:[-*+] |\d+[.)] |`{3}|~{3}|#{1,6} |\|.*\|\s*$)")
PROSE = {"p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd"}


@dataclass
class Node:
    tag: str
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def text(self, *, code: bool = True) -> str:
        """The node's text; with code=False, code is a word and nested prose is left out
        (it is checked as its own node)."""
        parts: list[str] = []
        for child in self.children:
            if isinstance(child, str):
                parts.append(child)
            elif not code and child.tag in ("code", "pre"):
                parts.append("CODE")
            elif not code and child.tag in PROSE | {"ul", "ol", "table"}:
                parts.append("\n")
            else:
                parts.append(child.text(code=code))
        return "".join(parts)

    def walk(self) -> list[Node]:
        out = [self]
        for child in self.children:
            if isinstance(child, Node):
                out += child.walk()
        return out

    def inside(self, *tags: str) -> bool:
        node = self.parent
        while node is not None:
            if node.tag in tags:
                return True
            node = node.parent
        return False


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = self.at = Node("root")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        node = Node(tag, self.at)
        self.at.children.append(node)
        if tag not in VOID:
            self.at = node

    def handle_endtag(self, tag: str) -> None:
        node: Node | None = self.at
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.at = node.parent

    def handle_data(self, data: str) -> None:
        self.at.children.append(data)


def _article(site: Path, guide: Path) -> Node:
    page = (site / guide.with_suffix(".html").name).read_text("utf-8")
    tree = _Tree()
    tree.feed(page[page.index("<article") : page.index("</article>")])
    return tree.root


def _plain(markdown: str) -> str:
    """A line of Markdown as the reader sees its words: links, emphasis and code marks gone."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"[*`]+", "", text)  # the guides emphasise with *, not _
    return " ".join(html.unescape(text).split())


@dataclass
class Source:
    fences: list[str]  # the first line of each fenced block's code
    nested: list[str]  # the words each nested list item starts with


def _source(markdown: str) -> Source:
    out = Source([], [])
    fence: str | None = None
    first = False
    for line in markdown.splitlines():
        if fence is not None:
            if line.strip() == fence:
                fence = None
            elif first and line.strip():
                out.fences[-1] = line.strip()
                first = False
            continue
        if match := FENCE.match(line):
            fence, first = match["fence"], True
            out.fences.append("")
        elif (item := LIST_ITEM.match(line)) and item["indent"]:
            out.nested.append(" ".join(_plain(item["text"]).split()[:4]))
    return out


def _left_as_text(article: Node) -> list[str]:
    shown = []
    for node in article.walk():
        if node.tag in PROSE and not node.inside("pre", "code"):
            for line in node.text(code=False).splitlines():
                if LEFT_OVER.match(line):
                    shown.append(f"<{node.tag}> {line.strip()}")
    return shown


def _fences_not_blocks(markdown: str, article: Node) -> list[str]:
    """Each fenced block of the source, in order, in a <pre> of its own; no code
    of several lines inline in a paragraph."""
    blocks = [" ".join(n.text().split()) for n in article.walk() if n.tag == "pre"]
    missing = []
    found = 0
    for first in _source(markdown).fences:
        words = " ".join(first.split())
        at = next((i for i in range(found, len(blocks)) if words in blocks[i]), None)
        if at is None:
            missing.append(first)
        else:
            found = at + 1
    inline = [
        " ".join(n.text().split())
        for n in article.walk()
        if n.tag == "code" and not n.inside("pre") and "\n" in n.text().strip()
    ]
    return missing + inline


def _flattened(markdown: str, article: Node) -> list[str]:
    """Nested items of the source that are not inside another item in the HTML."""
    items = [n for n in article.walk() if n.tag == "li"]
    out = []
    for words in _source(markdown).nested:
        matches = [li for li in items if " ".join(li.text().split()).startswith(words)]
        if not matches or not all(li.inside("li") for li in matches):
            out.append(words)
    return out


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_no_markdown_is_left_as_text(sample_site: Path, guide: Path) -> None:
    assert _left_as_text(_article(sample_site, guide)) == []


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_every_fenced_block_is_a_code_block(sample_site: Path, guide: Path) -> None:
    markdown = guide.read_text("utf-8")
    assert _fences_not_blocks(markdown, _article(sample_site, guide)) == []


@pytest.mark.parametrize("guide", GUIDES, ids=lambda p: p.name)
def test_nested_lists_stay_nested(sample_site: Path, guide: Path) -> None:
    markdown = guide.read_text("utf-8")
    assert _flattened(markdown, _article(sample_site, guide)) == []


BROKEN = """\
Steps:
- a list with no blank line before it

1. Fill in the sheets:
  - a nested item indented by two spaces
2. Write the example:

  ```yaml
  title: a fence indented by two spaces
  ```
"""


def _render(markdown_text: str, *, superfences: bool = True) -> Node:
    """Python-Markdown with the extensions and settings of mkdocs.yml, as MkDocs reads them."""
    import markdown
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    extensions = [
        e for e in config.markdown_extensions if superfences or e != "pymdownx.superfences"
    ]
    tree = _Tree()
    tree.feed(
        markdown.markdown(
            markdown_text, extensions=extensions, extension_configs=config.mdx_configs
        )
    )
    return tree.root


def test_the_checks_find_what_python_markdown_gets_wrong() -> None:
    """The mistakes the guides had, rendered as the site renders them: each check
    reports its own."""
    article = _render(BROKEN)
    assert _left_as_text(article) == ["<p> - a list with no blank line before it"]
    assert _flattened(BROKEN, article) == ["a nested item indented"]
    # A fence in a list item needs pymdownx.superfences: without it, inline code.
    assert _fences_not_blocks(BROKEN, article) == []
    broken = _fences_not_blocks(BROKEN, _render(BROKEN, superfences=False))
    assert broken == [
        "title: a fence indented by two spaces",
        "yaml title: a fence indented by two spaces",
    ]


def test_the_guides_have_nested_lists_and_code_blocks_to_check() -> None:
    """The checks above look at something: the guides as they are have both."""
    sources = [_source(g.read_text("utf-8")) for g in GUIDES]
    assert sum(len(s.nested) for s in sources) >= 10
    assert sum(len(s.fences) for s in sources) >= 10
