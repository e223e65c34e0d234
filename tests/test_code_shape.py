"""The shape the code keeps (issue 10): short functions, and a one-line role at the top
of every package, in src/ and scripts/ alike."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LONGEST = 60  # lines, decorators and docstring included
SOURCES = sorted([*(ROOT / "src").rglob("*.py"), *(ROOT / "scripts").glob("*.py")])


def long_functions(source: str) -> list[tuple[str, int]]:
    functions = (
        node
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
    )
    spans = ((f.name, (f.end_lineno or f.lineno) - f.lineno + 1) for f in functions)
    return [(name, lines) for name, lines in spans if lines > LONGEST]


def test_the_check_finds_a_long_function() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(LONGEST))
    assert long_functions(f"def short():\n    pass\n\ndef long():\n{body}\n") == [
        ("long", LONGEST + 1)
    ]


def test_no_function_is_longer_than_60_lines() -> None:
    assert len(SOURCES) > 60  # the globs found the code
    found = [
        f"{path.relative_to(ROOT)}: {name} is {lines} lines"
        for path in SOURCES
        for name, lines in long_functions(path.read_text("utf-8"))
    ]
    assert not found, "split these into functions that each do one thing:\n" + "\n".join(found)


def test_every_package_says_its_role_in_one_line() -> None:
    for init in (ROOT / "src" / "napkit").rglob("__init__.py"):
        doc = ast.get_docstring(ast.parse(init.read_text("utf-8")))
        assert doc and doc.strip(), f"{init.relative_to(ROOT)} has no docstring"
