"""Search folding by script: what a reader may leave out or type differently finds
the same words. Arabic and Kurdish: diacritics dropped, letter variants made one;
Latin: accents dropped (sécurité and securite alike) and ligatures spelled out.
Each framework folds the scripts of its own languages (from CLDR's likely scripts,
through Babel); to fold another script, add its table to FOLDINGS.

The index keeps the plan's own spelling, so results and the search box show the
truth. In the browser (static/search-fold.js, written with these tables) each page's
words whose folded form differs are added, folded, as hidden fields, and each query
is folded the same way; the words found are marked in the results and on the page.
`fold` here is the same folding in Python, for tests and for anyone reading the rules.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

from babel.core import get_global


@dataclass(frozen=True)
class Folding:
    drop: str  # characters removed
    table: Mapping[str, str]  # character -> the form it is folded to


# Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef) and tatweel.
DROP = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0658\u0659\u065a\u065b\u065c\u065d\u065e\u065f\u0670\u0640"
# Letter variants typed on Arabic and Persian/Kurdish keyboards -> one form.
FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",  # alef with hamza or madda
    "ي": "ی", "ى": "ی", "ئ": "ی",  # Arabic yeh, alef maksura, yeh with hamza -> Kurdish/Persian yeh
    "ك": "ک",  # Arabic kaf -> keheh
    "ؤ": "و",  # waw with hamza
    "ة": "ه",  # teh marbuta
    "ە": "ه",  # Kurdish ae -> heh (typed as heh on Arabic keyboards)
    "ھ": "ه",  # heh doachashmee
}  # fmt: skip
_LIGATURES = {"æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ø": "o", "Ø": "O",
              "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ı": "i"}  # fmt: skip


def _latin() -> dict[str, str]:
    """Every accented Latin letter (Latin-1 Supplement to Latin Extended-B and
    Latin Extended Additional) -> its letter without the accent."""
    table = dict(_LIGATURES)
    for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        letter = chr(code)
        bare = "".join(
            c for c in unicodedata.normalize("NFD", letter) if not unicodedata.combining(c)
        )
        if bare != letter and bare.isascii() and bare.isalpha():
            table[letter] = bare
    return table


FOLDINGS: dict[str, Folding] = {"Arab": Folding(DROP, FOLD), "Latn": Folding("", _latin())}


def scripts(languages: Iterable[str]) -> tuple[str, ...]:
    """The scripts the framework's languages are written in, as FOLDINGS names them."""
    likely = get_global("likely_subtags")
    found: list[str] = []
    for code in languages:
        tag = str(likely.get(code.replace("-", "_").lower(), ""))
        script = next((part for part in tag.split("_")[1:] if len(part) == 4), None)
        if script in FOLDINGS and script not in found:
            found.append(script)
    return tuple(found)


@cache
def folding(chosen: tuple[str, ...]) -> Folding:
    """The scripts' foldings in one."""
    drop = "".join(FOLDINGS[s].drop for s in chosen)
    table: dict[str, str] = {}
    for s in chosen:
        table.update(FOLDINGS[s].table)
    return Folding(drop, table)


def fold(text: str, chosen: tuple[str, ...] = ("Arab",)) -> str:
    f = folding(chosen)
    if f.drop:
        text = re.sub(f"[{re.escape(f.drop)}]", "", text)
    return text.translate(_table(chosen))


@cache
def _table(chosen: tuple[str, ...]) -> dict[int, str]:
    return str.maketrans(dict(folding(chosen).table))


def script(chosen: tuple[str, ...] = ("Arab",)) -> str:
    """The browser side (static/search-fold.js) with the scripts' folding table."""
    f = folding(chosen)
    template = files("napkit.site").joinpath("static", "search-fold.js").read_text("utf-8")
    return template.replace("__DROP__", json.dumps(f.drop or "\u0000")).replace(
        "__FOLD__", json.dumps(dict(f.table), ensure_ascii=False)
    )
