"""Search folding for Arabic and Kurdish: diacritics dropped, letter variants made one.

The same table folds the search index at build time (Python, here) and what a
reader types (JavaScript, written from this table), so both sides always agree.
"""

from __future__ import annotations

import json
import re

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
_DROP_RE = re.compile(f"[{DROP}]")
_TABLE = str.maketrans(FOLD)


def fold(text: str) -> str:
    return _DROP_RE.sub("", text).translate(_TABLE)


def script() -> str:
    """The browser side: folds the search box's text before the theme's search reads it."""
    return _JS.replace("__DROP__", json.dumps(DROP)).replace(
        "__FOLD__", json.dumps(FOLD, ensure_ascii=False)
    )


_JS = """\
// napkit: fold Arabic and Kurdish letters in the search box, as the index was folded
// at build time (written from napkit/site/search_folding.py).
(function () {
  var drop = new RegExp("[" + __DROP__ + "]", "g");
  var fold = __FOLD__;
  function normalise(value) {
    return value.replace(drop, "").replace(/[\\s\\S]/g, function (ch) { return fold[ch] || ch; });
  }
  function onInput(event) {
    var input = event.target;
    if (!input || input.getAttribute("data-md-component") !== "search-query") return;
    var folded = normalise(input.value);
    if (folded !== input.value) {
      var end = input.selectionEnd;
      input.value = folded;
      if (end !== null) input.setSelectionRange(end, end);
    }
  }
  // Capture phase: runs before the theme's own listeners on the input.
  ["input", "keyup", "keydown", "focus"].forEach(function (name) {
    document.addEventListener(name, onInput, true);
  });
})();
"""
