"""Refresh the form editor's vendored files in src/napkit/site/admin/ to a version of
Sveltia CMS, and rewrite manifest.json.

    python scripts/update_cms.py 0.221.1 [--locales ar] [--icons 5.3.8]

Needs npm (Debian's `npm`) and fontTools with brotli (`pip install fonttools brotli`).
Packages come through `npm pack`, so from the registry npm is set up for, and each
tarball's integrity goes into the manifest beside the SHA-256 of every file kept:

- sveltia-cms.js (the package's dist/ bundle) and its MIT licence;
- the interface strings of the languages asked for (locales/<code>.json; English is
  in the bundle);
- the icon font (the static 400 weight of @fontsource/material-symbols-outlined, SIL
  OFL, licence beside it), cut down to the icons whose names the bundle holds: about
  200 of 4,300, 18 KB instead of 324 KB.

The vendored files are what `nap build` serves at /admin/, so a site builds with no
Node and no network. Afterwards the script checks that napkit can still point the
bundle's requests at the site (napkit/site/form_editor.py): if not, it says so and
exits 1, and the new version's requests must be read again before it is served.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ADMIN = ROOT / "src/napkit/site/admin"
PACKAGE = "@sveltia/cms"
ICONS_PACKAGE = "@fontsource/material-symbols-outlined"
ICONS_FILE = "files/material-symbols-outlined-latin-400-normal.woff2"
ICON_FONT = "fonts/material-symbols-outlined.woff2"
# String literals of the minified bundle; icon names are among them.
_LITERAL = re.compile(r"[`'\"]([a-z][a-z0-9_]*)[`'\"]")


def pack(spec: str, into: Path) -> tuple[Path, str]:
    """`npm pack` of `spec`, unpacked into `into`: the package folder and the
    tarball's integrity."""
    done = subprocess.run(
        ["npm", "pack", spec, "--json", "--pack-destination", str(into)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        sys.exit(f"npm pack {spec} failed:\n{done.stderr}")
    info = json.loads(done.stdout)[0]
    folder = into / info["name"].replace("/", "+")
    with tarfile.open(into / info["filename"]) as tar:
        tar.extractall(folder, filter="data")
    return folder / "package", str(info["integrity"])


def ligatures(font: Any) -> dict[str, str]:
    """Icon name -> glyph, from the font's ligature substitutions."""
    names = {glyph: chr(code) for code, glyph in font.getBestCmap().items()}
    found: dict[str, str] = {}
    for lookup in font["GSUB"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = table.ExtSubTable if table.LookupType == 7 else table
            if table.LookupType != 4:
                continue
            for first, ligs in table.ligatures.items():
                for lig in ligs:
                    name = "".join(names.get(g, "\0") for g in [first, *lig.Component])
                    found[name] = lig.LigGlyph
    return found


def icon_font(source: Path, bundle: str, dest: Path) -> int:
    """The font with only the icons the bundle names; returns how many."""
    try:
        from fontTools import subset
        from fontTools.ttLib import TTFont
    except ImportError:
        sys.exit("fontTools is needed to cut the icon font: pip install fonttools brotli")
    font = TTFont(source)
    by_name = ligatures(font)
    used = sorted(set(_LITERAL.findall(bundle)) & set(by_name))
    options = subset.Options()
    options.layout_closure = False  # else every ligature made of these letters stays
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.flavor = "woff2"
    subsetter = subset.Subsetter(options)
    subsetter.populate(
        glyphs=[by_name[n] for n in used], unicodes=sorted({ord(c) for n in used for c in n})
    )
    subsetter.subset(font)
    dest.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff2"
    font.save(dest)
    return len(used)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("version", help="the version of Sveltia CMS, e.g. 0.221.1")
    parser.add_argument(
        "--locales", default="ar", help="interface languages to serve, comma-separated"
    )
    parser.add_argument("--icons", default="5.3.8", help=f"the version of {ICONS_PACKAGE}")
    args = parser.parse_args()
    locales = sorted(c for c in args.locales.split(",") if c)

    with tempfile.TemporaryDirectory() as tmp:
        cms, integrity = pack(f"{PACKAGE}@{args.version}", Path(tmp))
        icons, icons_integrity = pack(f"{ICONS_PACKAGE}@{args.icons}", Path(tmp))
        shutil.rmtree(ADMIN, ignore_errors=True)
        (ADMIN / "locales").mkdir(parents=True)
        shutil.copy(cms / "dist/sveltia-cms.js", ADMIN / "sveltia-cms.js")
        shutil.copy(cms / "LICENSE.txt", ADMIN / "sveltia-cms-LICENSE.txt")
        for code in locales:
            if not (cms / f"locales/{code}.json").is_file():
                sys.exit(f"{PACKAGE} {args.version} has no interface strings for {code!r}")
            shutil.copy(cms / f"locales/{code}.json", ADMIN / f"locales/{code}.json")
        bundle = (ADMIN / "sveltia-cms.js").read_text("utf-8")
        count = icon_font(icons / ICONS_FILE, bundle, ADMIN / ICON_FONT)
        shutil.copy(icons / "LICENSE", ADMIN / "fonts/material-symbols-outlined-LICENSE.txt")

    files = sorted(
        p.relative_to(ADMIN).as_posix()
        for p in ADMIN.rglob("*")
        if p.is_file() and p.name != "manifest.json"
    )
    manifest = {
        "package": PACKAGE,
        "version": args.version,
        "tarball_integrity": integrity,
        "icon_font": {
            "package": ICONS_PACKAGE,
            "version": args.icons,
            "tarball_integrity": icons_integrity,
            "file": ICONS_FILE,
            "icons": count,
        },
        "files": {rel: sha256(ADMIN / rel) for rel in files},
    }
    (ADMIN / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    print(f"{PACKAGE} {args.version}: {len(files)} files in {ADMIN.relative_to(ROOT)}")
    print(f"icon font: {count} icons, {(ADMIN / ICON_FONT).stat().st_size:,} bytes")

    sys.path.insert(0, str(ROOT / "src"))
    from napkit.site.form_editor import BundleChanged, served_bundle

    try:
        served_bundle(bundle, locales)
    except BundleChanged as exc:
        print(f"not ready to serve: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
