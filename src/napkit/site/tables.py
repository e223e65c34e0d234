"""Tables that reflow on a phone: each data cell carries its column's heading
(`data-label`), so a narrow screen can show a row as a card of labelled fields,
with no column hidden off the edge and no script needed.

Works on the HTML that Python-Markdown makes of a Markdown table (one header row,
no nested tables): the pages' own tables. A generator other than MkDocs applies
`label_cells` to each page's HTML the same way.
"""

from __future__ import annotations

import html
import re

_TABLE = re.compile(r"<table>(.*?)</table>", re.DOTALL)
_HEADER = re.compile(r"<th\b[^>]*>(.*?)</th>", re.DOTALL)
_ROW = re.compile(r"<tr>(.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<td\b")
_TAG = re.compile(r"<[^>]+>")

# Tables of fewer columns (a field and its value) wrap on a phone as they are.
CARDS_FROM = 3


def label_cells(page: str) -> str:
    """`page` with every table of CARDS_FROM or more columns marked `data-cards` and
    each of its data cells labelled with its heading."""
    return _TABLE.sub(_labelled, page)


def _labelled(match: re.Match[str]) -> str:
    inner = match.group(1)
    head, sep, body = inner.partition("</thead>")
    if not sep:
        return match.group(0)
    labels = [html.unescape(_TAG.sub("", h)).strip() for h in _HEADER.findall(head)]
    if len(labels) < CARDS_FROM:
        return match.group(0)
    return f"<table data-cards>{head}{sep}{_ROW.sub(lambda r: _row(r, labels), body)}</table>"


def _row(match: re.Match[str], labels: list[str]) -> str:
    cells = iter(labels)

    def label(_: re.Match[str]) -> str:
        heading = next(cells, "")
        return f'<td data-label="{html.escape(heading, quote=True)}"'

    return f"<tr>{_CELL.sub(label, match.group(1))}</tr>"


__all__ = ["CARDS_FROM", "label_cells"]
