"""napkit's own words: every string marked in the code, and each language's
catalogue (src/napkit/locale/<language>/LC_MESSAGES/napkit.po) brought up to date.

    .venv/bin/python scripts/catalogues.py [--check]

A string new in the code comes into every catalogue untranslated (and the tests fail
until it is translated); one gone from the code leaves them. With --check nothing is
written: exit 1 if a catalogue is not up to date. Marked strings are the first
argument of N_(), t() and translate() (napkit.i18n), and of plural() and tn() both
forms; in the site's Jinja templates (*.j2), _() and ngettext() of jinja2.ext.i18n.
"""

from __future__ import annotations

import argparse
import io
from collections.abc import Sequence
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "napkit"
LOCALE = PACKAGE / "locale"
KEYWORDS = {
    "N_": None,
    "t": None,
    "translate": (1,),
    "plural": (1, 2),
    "tn": (1, 2),
    # the templates' (jinja2.ext.i18n)
    "_": None,
    "ngettext": (1, 2),
}
# Babel's extractor for Jinja templates (jinja2.ext.babel_extract, registered as
# "jinja2"), with the extension the site's templates are rendered with.
METHODS = [("**.py", "python"), ("**.j2", "jinja2")]
OPTIONS = {"**.j2": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}}


Message = str | tuple[str, str]  # a plural message is (singular, plural)


def marked() -> list[Message]:
    """Every string marked for translation in the package's code, sorted."""
    found: set[Message] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=METHODS, options_map=OPTIONS, keywords=KEYWORDS
    ):
        if isinstance(message, str):
            found.add(message)
        elif isinstance(message, tuple) and len(message) == 2 and all(message):
            found.add((str(message[0]), str(message[1])))
    return sorted(found, key=lambda m: m if isinstance(m, str) else m[0])


def updated(path: Path, messages: list[Message]) -> bytes:
    with path.open("rb") as handle:
        old = read_po(handle)
    new = Catalog(locale=old.locale, domain="napkit", header_comment=old.header_comment)
    new.mime_headers = old.mime_headers
    for message in messages:
        kept = old.get(message if isinstance(message, str) else message[0])
        if isinstance(message, str):
            new.add(message, kept.string if kept is not None and kept.id == message else "")
        else:
            empty = ("",) * new.num_plurals
            same = kept is not None and kept.id == message
            new.add(message, kept.string if same and kept is not None else empty)
    out = io.BytesIO()
    write_po(out, new, width=100, no_location=True, sort_output=True)
    return out.getvalue()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if stale")
    args = parser.parse_args(argv)
    messages = marked()
    stale = []
    for path in sorted(LOCALE.glob("*/LC_MESSAGES/napkit.po")):
        data = updated(path, messages)
        if data != path.read_bytes():
            stale.append(path.relative_to(ROOT).as_posix())
            if not args.check:
                path.write_bytes(data)
    for name in stale:
        print(f"{'out of date' if args.check else 'updated'}: {name}")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main())
