"""Benchmark `nap workbook` and `nap import` on a large plan, against `nap validate`.

    .venv/bin/python scripts/bench_workbook.py [--activities 200] [--runs 5] [--base REV]

writes a synthetic repository (scripts/synth.py) with one body's plan of
--activities activities, then times, as whole processes, in turns:

  nap validate PLAN                 the baseline: the checks the import also runs
  nap workbook BODY YEAR -o FILE    the plan as a workbook
  nap import FILE --check           the workbook back into the plan, writing nothing:
                                    with one budget changed (read, join, merge the
                                    changed activity, check), unchanged, and as a
                                    new plan (the whole file written afresh)

and prints each median and its ratio to the baseline (the goal: import at most 3x
validate, each under 1 s). It also reads the same workbook in this process with
python-calamine (what napkit uses) and with openpyxl (read-only, saved values),
the alternative, median of --runs. With `--base REV` the commands also run with
the napkit of revision REV, in turns with the work tree's, with a verdict each.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchkit import Run, markdown_table, platform_rows, run_once
from codeversions import Code, SetupError, add_base_option, compare, interleaved, versions
from synth import generate

YEAR = 2016


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--activities", type=int, default=200, help="activities in the plan")
    parser.add_argument("--runs", type=int, default=5, help="runs per command (median)")
    add_base_option(parser)
    return parser.parse_args(argv)


def _in_process(measure: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        measure()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _edit(book: Path, out: Path) -> None:
    """The workbook with the first activity's budget changed, as an editor would."""
    import openpyxl

    wb = openpyxl.load_workbook(book)
    ws = wb["Activities"]
    column = next(c.column for c in ws[1] if c.value == "budget_amount")
    ws.cell(3, column).value = (ws.cell(3, column).value or 0) + 1000
    wb.save(out)


def readers(book: Path, runs: int) -> list[tuple[str, float]]:
    import openpyxl
    import python_calamine

    def calamine() -> object:
        wb = python_calamine.CalamineWorkbook.from_path(str(book))
        return [wb.get_sheet_by_name(n).to_python(skip_empty_area=False) for n in wb.sheet_names]

    def with_openpyxl() -> object:
        wb = openpyxl.load_workbook(book, read_only=True, data_only=True)
        rows = [list(ws.iter_rows(values_only=True)) for ws in wb.worksheets]
        wb.close()
        return rows

    return [
        ("python-calamine", _in_process(calamine, runs)),
        ("openpyxl (read-only)", _in_process(with_openpyxl, runs)),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    try:
        with (
            tempfile.TemporaryDirectory(prefix="napkit-code-") as tmp,
            tempfile.TemporaryDirectory(prefix="napkit-bench-") as data,
            versions(args.base, Path(tmp)) as codes,
        ):
            root = Path(data)
            plan = generate(root, bodies=1, years=1, activities=args.activities, start_year=YEAR)[0]
            rel = plan.relative_to(root).as_posix()
            body = plan.stem
            book = root / "plan.xlsx"
            edited = root / "edited.xlsx"
            fresh = root / "fresh"  # the same repository without the plan: a new file
            shutil.copytree(root / "plans", fresh / "plans")
            (fresh / rel).unlink()
            commands = [
                ("validate PLAN (baseline)", ["validate", rel], root),
                ("workbook", ["workbook", body, str(YEAR), "-o", str(book)], root),
                ("import, one budget changed", ["import", str(edited), "--check"], root),
                ("import, unchanged", ["import", str(book), "--check"], root),
                ("import as a new plan", ["import", str(book), "--check"], fresh),
            ]
            results: dict[str, dict[str, list[Run]]] = {}
            for name, command, where in commands:

                def one(
                    code: Code, command: list[str] = command, name: str = name, where: Path = where
                ) -> Run:
                    if name.startswith("import") and not edited.exists():
                        _edit(book, edited)
                    run = run_once(code.nap(*command), where, code.env(Path(tmp)))
                    if run.status not in (0, 1):  # a synthetic plan may carry warnings
                        print(run.output[-2000:], file=sys.stderr)
                        raise SetupError(f"{name} failed (exit {run.status})")
                    print(f"  {name} ({code.label}): {run.seconds:.3f} s", flush=True)
                    return run

                results[name] = interleaved(codes, args.runs, one)
            reading = readers(book, args.runs)
    except (OSError, ValueError, SetupError) as exc:
        print(f"bench_workbook.py: {exc}", file=sys.stderr)
        return 2
    print_results(codes, [c[0] for c in commands], results, reading, args)
    return 0


def print_results(
    codes: Sequence[Code],
    names: list[str],
    results: dict[str, dict[str, list[Run]]],
    reading: list[tuple[str, float]],
    args: argparse.Namespace,
) -> None:
    print(f"\n{args.activities} activities, {args.runs} run(s) each\n")
    rows = [["command", "napkit", "median s", "over baseline"]]
    for label in [c.label for c in codes]:
        base = statistics.median(r.seconds for r in results[names[0]][label])
        for name in names:
            seconds = statistics.median(r.seconds for r in results[name][label])
            rows.append([name, label, f"{seconds:.3f}", f"{seconds / base:.2f}x"])
    print(markdown_table(rows))
    print()
    rows = [["reading the workbook (in process)", "median s"]]
    rows += [[name, f"{seconds:.4f}"] for name, seconds in reading]
    print(markdown_table(rows))
    print(f"\nopenpyxl / python-calamine: {reading[1][1] / reading[0][1]:.1f}x\n")
    print(markdown_table([["platform", "value"], *platform_rows()]))
    if len(codes) == 2:
        print()
        for name in names:
            print(compare(name, results[name]["base"], results[name]["head"]))


if __name__ == "__main__":
    raise SystemExit(main())
